import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startGateway, type RunningGateway } from '../../gateway/src/server';
import type { RunningSubgraph } from '@hub/subgraph-runtime';
import { fixtureCallerHeaders, memoryLogger, post, startBenefits, startPeople, tempDir, writeSupergraph, PEOPLE_SDL, BENEFITS_SDL } from './support/fixtures';

interface Status {
  supergraph: { hash: string; reloads: number; lastRejected?: { error: string } };
}

/** The gateway follows its supergraph file: a valid new one replaces the old under load, an invalid one is refused. */
describe('supergraph hot reload', () => {
  let people: RunningSubgraph;
  let benefits: RunningSubgraph;
  let gateway: RunningGateway;
  let file: string;
  const { logger, lines } = memoryLogger('gateway');
  let caller: Record<string, string>;

  beforeAll(async () => {
    caller = await fixtureCallerHeaders();
    people = await startPeople();
    benefits = await startBenefits({ delayMs: 0, grants: 0 });
    file = path.join(tempDir('reload'), 'supergraph.graphql');
    writeSupergraph(file, [{ name: 'people', url: people.url, sdl: PEOPLE_SDL }]);
    gateway = await startGateway({ port: 0, playground: false, supergraphFile: file, watchSupergraph: true, supergraphPollMs: 50, logger });
  });
  afterAll(async () => {
    await gateway.stop();
    await people.stop();
    await benefits.stop();
  });

  const status = async () => (await (await fetch(`http://127.0.0.1:${gateway.port}/status`)).json()) as Status;
  async function until(predicate: (s: Status) => boolean): Promise<Status> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const current = await status();
      if (predicate(current)) return current;
      if (Date.now() > deadline) throw new Error(`supergraph status never matched: ${JSON.stringify(current)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('swaps in a valid new supergraph without failing a request, then refuses an invalid one and keeps serving', async () => {
    const before = await post(gateway.url, '{ household(id: "4") { name benefit } }', undefined, caller);
    expect(before.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const initial = await status();
    expect(initial.supergraph.reloads).toBe(0);

    // Keep querying while the file changes: every answer must be whole.
    let loading = true;
    const answers: unknown[] = [];
    const load = (async () => {
      while (loading) answers.push((await post(gateway.url, '{ household(id: "4") { name } }', undefined, caller)).body);
    })();
    writeSupergraph(file, [
      { name: 'people', url: people.url, sdl: PEOPLE_SDL },
      { name: 'benefits', url: benefits.url, sdl: BENEFITS_SDL },
    ]);
    const reloaded = await until((s) => s.supergraph.reloads === 1);
    loading = false;
    await load;
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((a) => JSON.stringify(a) === JSON.stringify({ data: { household: { name: 'household 4' } } }))).toBe(true);
    expect(reloaded.supergraph.hash).not.toBe(initial.supergraph.hash);
    expect((await post(gateway.url, '{ household(id: "4") { name benefit } }', undefined, caller)).body).toEqual({ data: { household: { name: 'household 4', benefit: 'benefit of 4' } } });
    expect(lines).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'info', msg: 'supergraph reloaded', reloads: 1 })]));

    writeFileSync(file, 'schema @link(url: "https://specs.apollo.dev/link/v1.0") { query: Query } type Query { broken: Nope }');
    const refused = await until((s) => s.supergraph.lastRejected !== undefined);
    expect(refused.supergraph.reloads).toBe(1);
    expect(refused.supergraph.hash).toBe(reloaded.supergraph.hash);
    expect(lines).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'error', msg: 'supergraph update refused; the previous supergraph keeps serving' })]));
    expect((await post(gateway.url, '{ household(id: "4") { name benefit } }', undefined, caller)).body).toEqual({ data: { household: { name: 'household 4', benefit: 'benefit of 4' } } });
  });
});
