import path from 'node:path';
import { startGateway, type RunningGateway } from '../../gateway/src/server';
import type { RunningSubgraph } from '@hub/subgraph-runtime';
import { fixtureCallerHeaders, fixtureGatewayHeaders, post, startBenefits, startPeople, tempDir, writeSupergraph, PEOPLE_SDL, BENEFITS_SDL, type BenefitsControl } from './support/fixtures';
import { sample } from './support/prometheus';

/** Overload protection: bodies over the limit and requests over the concurrency limit are refused clearly. */
describe('request limits', () => {
  const control: BenefitsControl = { delayMs: 0, grants: 0 };
  let people: RunningSubgraph;
  let benefits: RunningSubgraph;
  let file: string;
  const gateways: RunningGateway[] = [];
  let caller: Record<string, string>;

  beforeAll(async () => {
    caller = await fixtureCallerHeaders();
    people = await startPeople();
    benefits = await startBenefits(control);
    file = path.join(tempDir('limits'), 'supergraph.graphql');
    writeSupergraph(file, [
      { name: 'people', url: people.url, sdl: PEOPLE_SDL },
      { name: 'benefits', url: benefits.url, sdl: BENEFITS_SDL },
    ]);
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.stop();
    await people.stop();
    await benefits.stop();
  });

  async function gateway(overrides: { maxConcurrentRequests?: number; bodyLimit?: string } = {}): Promise<RunningGateway> {
    const started = await startGateway({ port: 0, playground: false, supergraphFile: file, watchSupergraph: false, ...overrides });
    gateways.push(started);
    return started;
  }

  it('refuses a body over the default 1mb with 413 PAYLOAD_TOO_LARGE, at the gateway and at a subgraph', async () => {
    const { url } = await gateway();
    const big = JSON.stringify({ query: '{ household(id: "1") { name } }', variables: { padding: 'x'.repeat(1_100_000) } });
    for (const [target, headers] of [[url, caller], [people.url, await fixtureGatewayHeaders('people')]] as const) {
      const response = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: big });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({ errors: [{ message: 'Request body larger than 1mb.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    }
    // Without the gateway's token a subgraph reads no body at all: 401 first.
    const stranger = await fetch(people.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(stranger.status).toBe(401);
    // Just under the limit is served.
    const fine = await post(url, '{ household(id: "1") { name } }', { padding: 'x'.repeat(900_000) }, caller);
    expect(fine.body).toEqual({ data: { household: { name: 'household 1' } } });
  });

  it('honours a configured body limit and answers malformed JSON with a JSON 400', async () => {
    const { url } = await gateway({ bodyLimit: '2kb' });
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...caller }, body: JSON.stringify({ query: `{ household(id: "${'1'.repeat(3_000)}") { name } }` }) });
    expect(response.status).toBe(413);
    const broken = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...caller }, body: '{"query": ' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('answers 503 OVERLOADED with Retry-After beyond the concurrency limit, and serves again once requests finish', async () => {
    const { url, port } = await gateway({ maxConcurrentRequests: 2 });
    control.delayMs = 1_500;
    const slow = [post(url, '{ household(id: "1") { benefit } }', undefined, caller), post(url, '{ household(id: "2") { benefit } }', undefined, caller)];
    // Both slow requests are being served once the in-flight gauge says so.
    for (let i = 0; i < 200; i += 1) {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      if (sample(text, 'hub_http_requests_in_flight', { service: 'gateway' }) === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const refused = await post(url, '{ household(id: "3") { name } }', undefined, caller);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body).toEqual({ errors: [{ message: 'Too many requests in progress (limit 2); retry in a moment.', extensions: { code: 'OVERLOADED' } }] });
    const answered = await Promise.all(slow);
    expect(answered.map((a) => a.body)).toEqual([{ data: { household: { benefit: 'benefit of 1' } } }, { data: { household: { benefit: 'benefit of 2' } } }]);
    control.delayMs = 0;
    expect((await post(url, '{ household(id: "3") { name } }', undefined, caller)).body).toEqual({ data: { household: { name: 'household 3' } } });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(sample(metrics, 'hub_http_requests_rejected_total', { service: 'gateway', reason: 'concurrency' })).toBe(1);
  });
});
