import { Client } from 'pg';
import { generatePopulation } from '@hub/demo-population';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { loadDemoData } from '../src/data/demo';

async function load(database: TestDatabase, households: number, seed: number): Promise<Record<string, number>> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const counts = await loadDemoData(client, generatePopulation({ households, seed }));
    await client.query('COMMIT');
    return counts;
  } finally {
    await client.end();
  }
}

describe('employment demo data', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase('employment_demo_a', ['employment']), createTestDatabase('employment_demo_b', ['employment'])]);
  });
  afterAll(async () => {
    await a?.drop();
    await b?.drop();
  });

  it('follows the seed\'s proportions: most working-age adults employed, a few per cent registered unemployed, few zero-employment families', async () => {
    const counts = await load(a, 1200, 11);
    const [statuses] = await query<{ employed: string; flexible: string; registered: string; labour: string }>(
      a.url,
      `SELECT count(*) FILTER (WHERE p.status = 'EMPLOYED') AS employed, count(*) FILTER (WHERE p.status = 'FLEXIBLY_EMPLOYED') AS flexible,
              count(*) FILTER (WHERE p.status = 'REGISTERED_UNEMPLOYED') AS registered, count(*) AS labour
         FROM employment.employment_status_period p JOIN employment.labour_force_member m ON m.person_id = p.person_id
        WHERE p.end_date IS NULL AND date_part('year', age(DATE '2026-11-29', m.birth_date)) BETWEEN 16 AND 54`,
    );
    const share = (n: string): number => Number(n) / Number(statuses!.labour);
    expect(share(statuses!.employed) + share(statuses!.flexible)).toBeGreaterThan(0.6);
    expect(share(statuses!.registered)).toBeGreaterThan(0.01);
    expect(share(statuses!.registered)).toBeLessThan(0.08);
    expect(counts.zeroEmploymentFamilies).toBeGreaterThan(0);
    expect(counts.zeroEmploymentFamilies! / 1200).toBeLessThan(0.04);
    // Every subdistrict carries the seed's 21 measures as targets, and the programmes have records.
    const targets = await query<{ region_code: string; n: string }>(a.url, 'SELECT region_code, count(*) AS n FROM employment.employment_target GROUP BY 1');
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(Number(t.n)).toBe(21);
    for (const table of ['employment_registration', 'difficulty_certification', 'retiree', 'pension_certification', 'insurance_enrolment', 'job_fair', 'training_enrolment']) {
      expect(counts[table]).toBeGreaterThan(0);
    }
  });

  it('is deterministic for a seed', async () => {
    await load(b, 1200, 11);
    for (const table of ['employment_status_period', 'zero_employment_episode', 'micro_loan', 'employment_target']) {
      const dump = async (url: string) => JSON.stringify(await query(url, `SELECT * FROM employment.${table} ORDER BY id`), (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
      expect(await dump(b.url)).toBe(await dump(a.url));
    }
  });
});
