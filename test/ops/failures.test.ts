import path from 'node:path';
import { startGateway, type RunningGateway } from '../../gateway/src/server';
import type { RunningSubgraph } from '@hub/subgraph-runtime';
import { spawnTs } from './support/processes';
import { fixtureCallerHeaders, freePort, post, startBenefits, startPeople, startResettingProxy, tempDir, writeSupergraph, PEOPLE_SDL, BENEFITS_SDL, type BenefitsControl } from './support/fixtures';

const HOUSEHOLD = '{ household(id: "7") { id name benefit } }';

/** Subgraph failures seen through the gateway: slow, dead, flaky; the other programmes' data always comes back. */
describe('subgraph failures through the gateway', () => {
  const control: BenefitsControl = { delayMs: 0, grants: 0 };
  let people: RunningSubgraph;
  let benefits: RunningSubgraph;
  const stops: (() => Promise<void>)[] = [];
  let caller: Record<string, string>;

  beforeAll(async () => {
    caller = await fixtureCallerHeaders();
    people = await startPeople();
    benefits = await startBenefits(control);
  });
  afterEach(async () => {
    while (stops.length) await stops.pop()!();
    control.delayMs = 0;
  });
  afterAll(async () => {
    await people.stop();
    await benefits.stop();
  });

  async function gatewayFor(benefitsUrl: string, timeoutMs: number): Promise<RunningGateway> {
    const file = path.join(tempDir('failures'), 'supergraph.graphql');
    writeSupergraph(file, [
      { name: 'people', url: people.url, sdl: PEOPLE_SDL },
      { name: 'benefits', url: benefitsUrl, sdl: BENEFITS_SDL },
    ]);
    const gateway = await startGateway({ port: 0, playground: false, supergraphFile: file, subgraphTimeoutMs: 10_000, subgraphTimeoutsMs: { benefits: timeoutMs }, watchSupergraph: false });
    stops.push(gateway.stop);
    return gateway;
  }

  it('answers whole when every subgraph is quick', async () => {
    const gateway = await gatewayFor(benefits.url, 1_000);
    const { body } = await post(gateway.url, HOUSEHOLD, undefined, caller);
    expect(body).toEqual({ data: { household: { id: '7', name: 'household 7', benefit: 'benefit of 7' } } });
  });

  it('gives up on a subgraph slower than its timeout, within the timeout, keeping the other data', async () => {
    const gateway = await gatewayFor(benefits.url, 300);
    control.delayMs = 6_000;
    const started = Date.now();
    const { status, body } = await post(gateway.url, HOUSEHOLD, undefined, caller);
    const elapsed = Date.now() - started;
    expect(status).toBe(200);
    expect(body.data).toEqual({ household: { id: '7', name: 'household 7', benefit: null } });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'The benefits subgraph did not answer within 300 ms.',
        extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'benefits', reason: 'timeout' }),
      }),
    ]);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    // Within the timeout (plus scheduling slack on a busy machine), far from the 6 s the subgraph takes.
    expect(elapsed).toBeLessThan(2_500);
  });

  it('answers at once when a subgraph is dead (nothing listening), naming it', async () => {
    const gateway = await gatewayFor(`http://127.0.0.1:${await freePort()}/graphql`, 8_000);
    const started = Date.now();
    const { body } = await post(gateway.url, HOUSEHOLD, undefined, caller);
    // Refused connections fail fast: no waiting for the 8 s deadline.
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(body.data).toEqual({ household: { id: '7', name: 'household 7', benefit: null } });
    expect(body.errors![0]!.extensions).toEqual(expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'benefits', reason: 'unreachable' }));
  });

  it('retries a query once when the connection is reset, and the client never sees the failure', async () => {
    const proxy = await startResettingProxy(benefits.url, 1);
    stops.push(proxy.stop);
    const gateway = await gatewayFor(proxy.url, 2_000);
    const { body } = await post(gateway.url, HOUSEHOLD, undefined, caller);
    expect(body).toEqual({ data: { household: { id: '7', name: 'household 7', benefit: 'benefit of 7' } } });
    expect(proxy.attempts()).toBe(2);
  });

  it('retries a query only once: two resets in a row are an error', async () => {
    const proxy = await startResettingProxy(benefits.url, 2);
    stops.push(proxy.stop);
    const gateway = await gatewayFor(proxy.url, 2_000);
    const { body } = await post(gateway.url, HOUSEHOLD, undefined, caller);
    expect(body.errors![0]!.extensions).toEqual(expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'benefits' }));
    expect(proxy.attempts()).toBe(2);
  });

  it('never retries a mutation, even on a reset connection', async () => {
    const proxy = await startResettingProxy(benefits.url, 1);
    stops.push(proxy.stop);
    const gateway = await gatewayFor(proxy.url, 2_000);
    const before = control.grants;
    const { body } = await post(gateway.url, 'mutation { grant(id: "7") }', undefined, caller);
    expect(body.errors![0]!.extensions).toEqual(expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'benefits' }));
    expect(proxy.attempts()).toBe(1);
    expect(control.grants).toBe(before);
    // The next mutation goes through once.
    const again = await post(gateway.url, 'mutation { grant(id: "7") }', undefined, caller);
    expect(again.body).toEqual({ data: { grant: before + 1 } });
    expect(proxy.attempts()).toBe(2);
  });

  it('answers at once when the subgraph process is killed mid-query, with the other programme\'s data', async () => {
    const port = await freePort();
    const doomed = spawnTs('test/ops/support/fixture-subgraph.ts', { FIXTURE: 'benefits', PORT: String(port), DELAY_MS: '5000' });
    try {
      await doomed.waitForLine((line) => line.msg === 'benefits subgraph listening');
      const gateway = await gatewayFor(`http://127.0.0.1:${port}/graphql`, 8_000);
      const answer = post(gateway.url, HOUSEHOLD, undefined, caller);
      // The benefits fetch is under way (people answers in milliseconds, benefits sleeps 5 s).
      await new Promise((resolve) => setTimeout(resolve, 500));
      const killedAt = Date.now();
      doomed.child.kill('SIGKILL');
      const { body } = await answer;
      // Neither the 5 s resolver nor the 8 s deadline: the broken connection ends the wait (the retry is refused).
      expect(Date.now() - killedAt).toBeLessThan(2_000);
      expect(body.data).toEqual({ household: { id: '7', name: 'household 7', benefit: null } });
      expect(body.errors![0]!.extensions).toEqual(expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'benefits', reason: 'unreachable' }));
    } finally {
      doomed.child.kill('SIGKILL');
    }
  });
});
