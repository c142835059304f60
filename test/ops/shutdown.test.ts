import path from 'node:path';
import { createTestDatabase, query, type TestDatabase } from '../support/database';
import { fixtureCallerHeaders, fixtureGatewayHeaders, post, startBenefits, startPeople, tempDir, writeSupergraph, PEOPLE_SDL, BENEFITS_SDL } from './support/fixtures';
import { spawnTs, type Spawned } from './support/processes';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function refusesConnections(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1_000) });
    return false;
  } catch {
    return true;
  }
}

/** SIGTERM stops accepting, lets the request in flight finish, closes the pool and exits 0; a write is whole or absent. */
describe('graceful shutdown of a subgraph process', () => {
  let database: TestDatabase;
  const running: Spawned[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('shutdown');
    await query(database.url, 'CREATE TABLE notes (id serial PRIMARY KEY, note text NOT NULL, part int NOT NULL)');
  });
  afterAll(async () => {
    for (const process of running) process.child.kill('SIGKILL');
    await database.drop();
  });

  // Minted per request: gateway tokens live a minute, as the gateway's own do.
  const fromGateway = () => fixtureGatewayHeaders('writer');

  async function startWriter(graceMs: number): Promise<{ writer: Spawned; url: string; port: number }> {
    const writer = spawnTs('test/ops/support/writer-subgraph.ts', { WRITER_DATABASE_URL: database.url, PORT: '0', SHUTDOWN_GRACE_MS: String(graceMs) });
    running.push(writer);
    const { port } = (await writer.waitForLine((line) => line.msg === 'writer subgraph listening')) as { port: number };
    return { writer, port, url: `http://127.0.0.1:${port}/graphql` };
  }

  async function waitForSleepingWrite(): Promise<void> {
    for (let i = 0; i < 100; i += 1) {
      const rows = await query(database.url, "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep%' AND state = 'active'");
      if (rows.length) return;
      await sleep(50);
    }
    throw new Error('the write never started');
  }

  it('finishes and commits the write in flight at SIGTERM, refuses new connections, closes the pool, exits 0; a restart sees the write', async () => {
    const { writer, url, port } = await startWriter(10_000);
    const inFlight = post(url, 'mutation { record(note: "during-sigterm", holdMs: 1000) }', undefined, await fromGateway());
    await waitForSleepingWrite();
    writer.child.kill('SIGTERM');
    await writer.waitForLine((line) => typeof line.msg === 'string' && line.msg.includes('SIGTERM received'));
    expect(await refusesConnections(port)).toBe(true);

    const answer = await inFlight;
    expect(answer).toMatchObject({ status: 200, body: { data: { record: 'during-sigterm' } } });
    expect(await writer.exited).toEqual({ code: 0, signal: null });
    const messages = writer.lines.map((line) => line.msg);
    expect(messages.indexOf('pool closed')).toBeGreaterThan(-1);
    expect(messages.indexOf('pool closed')).toBeLessThan(messages.indexOf('writer subgraph: stopped'));
    expect(await query(database.url, "SELECT part FROM notes WHERE note = 'during-sigterm' ORDER BY part")).toEqual([{ part: 1 }, { part: 2 }]);

    const restarted = await startWriter(10_000);
    expect((await post(restarted.url, '{ notes }', undefined, await fromGateway())).body).toEqual({ data: { notes: 2 } });
    restarted.writer.child.kill('SIGINT');
    expect(await restarted.writer.exited).toEqual({ code: 0, signal: null });
  });

  it('keeps draining when SIGTERM follows SIGINT (Ctrl-C under npm start, which relays SIGTERM)', async () => {
    const { writer, url } = await startWriter(10_000);
    const inFlight = post(url, 'mutation { record(note: "ctrl-c", holdMs: 800) }', undefined, await fromGateway());
    await waitForSleepingWrite();
    writer.child.kill('SIGINT');
    await writer.waitForLine((line) => typeof line.msg === 'string' && line.msg.includes('SIGINT received'));
    writer.child.kill('SIGTERM');
    expect((await inFlight).body).toEqual({ data: { record: 'ctrl-c' } });
    expect(await writer.exited).toEqual({ code: 0, signal: null });
    expect(await query(database.url, "SELECT part FROM notes WHERE note = 'ctrl-c' ORDER BY part")).toEqual([{ part: 1 }, { part: 2 }]);
  });

  it('cuts a request that outlives the grace period, and its write is then all or nothing', async () => {
    const { writer, url } = await startWriter(300);
    const inFlight = post(url, 'mutation { record(note: "past-grace", holdMs: 5000) }', undefined, await fromGateway()).catch((error: Error) => error);
    await waitForSleepingWrite();
    const signalled = Date.now();
    writer.child.kill('SIGTERM');
    const answer = await inFlight;
    // The connection was closed on the client after the grace period (fetch's error comes from another realm).
    expect(answer).toHaveProperty('message', 'fetch failed');
    expect(Date.now() - signalled).toBeLessThan(3_500);
    await writer.exited;
    const parts = await query<{ part: number }>(database.url, "SELECT part FROM notes WHERE note = 'past-grace' ORDER BY part");
    expect([[], [{ part: 1 }, { part: 2 }]]).toContainEqual(parts);
  });
});

/** The gateway process drains too: a query in flight at SIGTERM gets its whole answer. */
describe('graceful shutdown of the gateway process', () => {
  it('answers the query in flight, then exits 0', async () => {
    const control = { delayMs: 800, grants: 0 };
    const people = await startPeople();
    const benefits = await startBenefits(control);
    const file = path.join(tempDir('gateway-shutdown'), 'supergraph.graphql');
    writeSupergraph(file, [
      { name: 'people', url: people.url, sdl: PEOPLE_SDL },
      { name: 'benefits', url: benefits.url, sdl: BENEFITS_SDL },
    ]);
    const gateway = spawnTs('gateway/src/server.ts', { SUPERGRAPH_FILE: file, PORT: '0', PLAYGROUND: '0' });
    try {
      const { port } = (await gateway.waitForLine((line) => line.msg === 'gateway listening')) as { port: number };
      const inFlight = post(`http://127.0.0.1:${port}/graphql`, '{ household(id: "9") { name benefit } }', undefined, await fixtureCallerHeaders());
      await sleep(300);
      gateway.child.kill('SIGTERM');
      expect((await inFlight).body).toEqual({ data: { household: { name: 'household 9', benefit: 'benefit of 9' } } });
      expect(await gateway.exited).toEqual({ code: 0, signal: null });
      expect(gateway.lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['gateway: SIGTERM received, draining in-flight requests', 'gateway: stopped']));
    } finally {
      gateway.child.kill('SIGKILL');
      await people.stop();
      await benefits.stop();
    }
  });
});
