// The demo loader turns the statistics summaries' triggers off while it COPYs into empty tables and rebuilds each
// summary once before COMMIT (scripts/lib/hub.ts, suspendStatisticsSummary in @hub/database): the summaries must be
// exactly what the triggers would have kept, the triggers must be on again afterwards, and a failed load must leave
// them on and the tables empty.
import { Client } from 'pg';
import { SUBGRAPH_NAMES, SUBGRAPHS, suspendStatisticsSummary, type SubgraphName } from '@hub/database';
import { generatePopulation } from '@hub/demo-population';
import { loadDemoData, migrateAll, subgraphDemo, type DatabaseUrls } from '../../scripts/lib/hub';
import { createTestDatabase, query, type TestDatabase } from '../support/database';

const OPTIONS = { households: 400, seed: 11 };

async function summary(url: string, name: SubgraphName): Promise<string[]> {
  const rows = await query<{ row: string }>(url, `SELECT concat_ws('|', region_prefix, figure, bucket, amount) AS row FROM "${SUBGRAPHS[name].schema}".region_statistics_summary ORDER BY region_prefix, figure, bucket`);
  return rows.map((r) => r.row);
}

async function disabledTriggers(url: string): Promise<string[]> {
  const rows = await query<{ name: string }>(
    url,
    `SELECT format('%s.%s:%s', n.nspname, c.relname, t.tgname) AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT t.tgisinternal AND t.tgenabled = 'D' AND n.nspname = ANY($1::text[])`,
    [SUBGRAPH_NAMES.map((name) => SUBGRAPHS[name].schema)],
  );
  return rows.map((r) => r.name);
}

describe('demo data load with the statistics summaries rebuilt once', () => {
  let suspended: TestDatabase;
  let triggered: TestDatabase;
  beforeAll(async () => {
    suspended = await createTestDatabase('demo_suspended');
    triggered = await createTestDatabase('demo_triggered');
    const urls = (url: string) => Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, url])) as DatabaseUrls;
    await migrateAll(urls(suspended.url));
    await migrateAll(urls(triggered.url));
    await loadDemoData(urls(suspended.url), OPTIONS);
    // The same rows through each subgraph's loader alone: every COPY fires the summary's triggers.
    const population = generatePopulation(OPTIONS);
    const client = new Client({ connectionString: triggered.url });
    await client.connect();
    try {
      for (const name of SUBGRAPH_NAMES) {
        await client.query('BEGIN');
        await subgraphDemo(name).loadDemoData(client, population);
        await client.query('COMMIT');
      }
    } finally {
      await client.end();
    }
  });
  afterAll(async () => {
    await suspended?.drop();
    await triggered?.drop();
  });

  it.each(SUBGRAPH_NAMES)('gives %s the summary its triggers keep, row for row', async (name) => {
    const rebuilt = await summary(suspended.url, name);
    expect(rebuilt.length).toBeGreaterThan(100);
    expect(rebuilt).toEqual(await summary(triggered.url, name));
  });

  it('leaves every trigger on, so later writes keep the summaries exact', async () => {
    expect(await disabledTriggers(suspended.url)).toEqual([]);
    const before = await query<{ amount: string }>(suspended.url, `SELECT coalesce(sum(amount), 0)::text AS amount FROM civil_affairs.region_statistics_summary WHERE region_prefix = '37' AND figure = 'MEDICAL_CLAIMS'`);
    const [claim] = await query<Record<string, unknown>>(suspended.url, 'SELECT * FROM civil_affairs.medical_assistance LIMIT 1');
    await query(suspended.url, 'DELETE FROM civil_affairs.medical_assistance WHERE id = $1', [claim!.id]);
    const after = await query<{ amount: string }>(suspended.url, `SELECT coalesce(sum(amount), 0)::text AS amount FROM civil_affairs.region_statistics_summary WHERE region_prefix = '37' AND figure = 'MEDICAL_CLAIMS'`);
    expect(Number(after[0]!.amount)).toBe(Number(before[0]!.amount) - 1);
  });

  it('restores the triggers when the load is rolled back', async () => {
    const database = await createTestDatabase('demo_rollback', ['civil-affairs']);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await suspendStatisticsSummary(client, SUBGRAPHS['civil-affairs'].schema);
      expect((await disabledTriggers(database.url)).length).toBe(0); // another session still sees them on
      const inside = await client.query(`SELECT count(*)::int AS n FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = 'civil_affairs'::regnamespace AND t.tgenabled = 'D'`);
      expect(inside.rows[0].n).toBeGreaterThanOrEqual(12); // insert, update, delete and truncate of payments, claims, enrolments
      await client.query('ROLLBACK');
      expect(await disabledTriggers(database.url)).toEqual([]);
    } finally {
      await client.end();
      await database.drop();
    }
  });
});
