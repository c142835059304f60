import path from 'node:path';
import { startGateway, type RunningGateway } from '../../gateway/src/server';
import type { RunningSubgraph } from '@hub/subgraph-runtime';
import { fixtureCallerHeaders, freePort, post, startBenefits, startPeople, tempDir, writeSupergraph, PEOPLE_SDL, BENEFITS_SDL } from './support/fixtures';

/** Start order does not matter: the gateway comes up first and turns ready as its subgraphs answer. */
describe('gateway started before its subgraphs', () => {
  let gateway: RunningGateway | undefined;
  const subgraphs: RunningSubgraph[] = [];
  afterAll(async () => {
    await gateway?.stop();
    for (const subgraph of subgraphs) await subgraph.stop();
  });

  it('serves at once, reports each subgraph down, then ready once both answer', async () => {
    const caller = await fixtureCallerHeaders();
    const [peoplePort, benefitsPort] = [await freePort(), await freePort()];
    const file = path.join(tempDir('startup'), 'supergraph.graphql');
    writeSupergraph(file, [
      { name: 'people', url: `http://127.0.0.1:${peoplePort}/graphql`, sdl: PEOPLE_SDL },
      { name: 'benefits', url: `http://127.0.0.1:${benefitsPort}/graphql`, sdl: BENEFITS_SDL },
    ]);
    gateway = await startGateway({ port: 0, playground: false, supergraphFile: file, watchSupergraph: false, subgraphTimeoutMs: 1_000 });
    const base = `http://127.0.0.1:${gateway.port}`;
    const ready = async () => {
      const response = await fetch(`${base}/ready`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect(await ready()).toEqual({ status: 503, body: { status: 'not ready', supergraph: 'loaded', subgraphs: { people: 'down', benefits: 'down' } } });
    const early = await post(gateway.url, '{ household(id: "1") { name } }', undefined, caller);
    expect(early.body.data).toEqual({ household: null });
    expect(early.body.errors![0]!.extensions).toEqual(expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'people' }));

    subgraphs.push(await startPeople(peoplePort));
    expect(await ready()).toEqual({ status: 503, body: { status: 'not ready', supergraph: 'loaded', subgraphs: { people: 'up', benefits: 'down' } } });
    const half = await post(gateway.url, '{ household(id: "1") { name benefit } }', undefined, caller);
    expect(half.body.data).toEqual({ household: { name: 'household 1', benefit: null } });

    subgraphs.push(await startBenefits({ delayMs: 0, grants: 0 }, benefitsPort));
    expect(await ready()).toEqual({ status: 200, body: { status: 'ready', supergraph: 'loaded', subgraphs: { people: 'up', benefits: 'up' } } });
    const whole = await post(gateway.url, '{ household(id: "1") { name benefit } }', undefined, caller);
    expect(whole.body).toEqual({ data: { household: { name: 'household 1', benefit: 'benefit of 1' } } });
  });
});
