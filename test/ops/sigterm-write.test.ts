import { composeIdNumber } from '@hub/identifiers';
import { Client } from 'pg';
import { gatewayHeaders } from '../support/access';
import { createTestDatabase, query, type TestDatabase } from '../support/database';
import { freePort, post } from './support/fixtures';
import { spawnTs, type Spawned } from './support/processes';

const CREATE = `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { person { id name } userErrors { field code message } } }`;

/**
 * The real community subgraph, SIGTERMed while a createPerson is in flight (held on a table lock the test
 * owns): the write completes and commits, the process exits 0, and a restarted process knows the resident.
 */
describe('SIGTERM during a write in the community subgraph', () => {
  let database: TestDatabase;
  const processes: Spawned[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('sigterm_write', ['community']);
  });
  afterAll(async () => {
    for (const running of processes) running.child.kill('SIGKILL');
    await database.drop();
  });

  async function startCommunity(): Promise<{ process: Spawned; url: string; port: number }> {
    const port = await freePort();
    const running = spawnTs('subgraphs/community/src/server.ts', { COMMUNITY_DATABASE_URL: database.url, COMMUNITY_PORT: String(port), SHUTDOWN_GRACE_MS: '10000' });
    processes.push(running);
    await running.waitForLine((line) => line.msg === 'community subgraph listening', 60_000);
    return { process: running, port, url: `http://127.0.0.1:${port}/graphql` };
  }

  it('commits the write in flight, exits 0, and the restarted subgraph knows the resident', async () => {
    const community = await startCommunity();
    const idNumber = composeIdNumber('370703', '1980-05-17', 417, 'MALE');
    const lock = new Client({ connectionString: database.url });
    await lock.connect();
    try {
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE community.person IN ACCESS EXCLUSIVE MODE');
      // As the gateway calls community: with its token, for a caller with every scope over the test regions.
      const input = { name: '张建国', gender: 'MALE', birthDate: '1980-05-17', idNumber };
      const inFlight = post(community.url, CREATE, { input }, await gatewayHeaders('community'));
      // The mutation is now waiting on our lock inside its transaction.
      for (let i = 0; ; i += 1) {
        const waiting = await query(database.url, "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        if (waiting.length) break;
        if (i > 200) throw new Error('createPerson never reached the database');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      community.process.child.kill('SIGTERM');
      await community.process.waitForLine((line) => typeof line.msg === 'string' && line.msg.includes('SIGTERM received'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await lock.query('COMMIT');

      const answer = await inFlight;
      expect(answer.status).toBe(200);
      const created = (answer.body.data as { createPerson: { person: { id: string; name: string }; userErrors: unknown[] } }).createPerson;
      expect(created.userErrors).toEqual([]);
      expect(created.person.name).toBe('张建国');
      expect(await community.process.exited).toEqual({ code: 0, signal: null });
      expect(await query(database.url, 'SELECT id, name FROM community.person WHERE id_number = $1', [idNumber])).toEqual([{ id: created.person.id, name: '张建国' }]);

      // The restarted process holds the committed resident: it refuses the same ID number again. (Read back, the
      // resident would be null: placed in no household yet, it lies in no caller's jurisdiction.)
      const restarted = await startCommunity();
      expect((await post(restarted.url, CREATE, { input }, await gatewayHeaders('community'))).body).toEqual({
        data: { createPerson: { person: null, userErrors: [{ field: ['input', 'idNumber'], code: 'DUPLICATE', message: 'a person with this ID number is registered' }] } },
      });
      restarted.process.child.kill('SIGTERM');
      expect(await restarted.process.exited).toEqual({ code: 0, signal: null });
    } finally {
      await lock.end();
    }
  });
});
