/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are untyped JSON here. */
import { generatePopulation } from '@hub/demo-population';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { start } from '../src/server';
import { gql, loadDemo, tableCounts } from './support';

describe('demo data', () => {
  let database: TestDatabase;
  let counts: Record<string, number>;
  const population = generatePopulation({ households: 2000, seed: 7 });

  beforeAll(async () => {
    database = await createTestDatabase('civil_demo', ['civil-affairs']);
    counts = await loadDemo(database.url, population);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('follows the seed\'s proportions', async () => {
    const share = counts.dibaoHouseholds! / population.households.length;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.04);
    const [dibao] = await query<{ persons: string; average: string }>(
      database.url,
      `SELECT sum(member_count) AS persons, round(sum(monthly_amount_fen)::numeric / sum(member_count)) AS average
         FROM civil_affairs.enrolment WHERE programme IN ('URBAN_DIBAO', 'RURAL_DIBAO') AND status = 'IN_PAYMENT'`,
    );
    // The seed's average gap is 110.5 元 per person and month (urban standard 209 元).
    expect(Number(dibao!.average)).toBeGreaterThan(9000);
    expect(Number(dibao!.average)).toBeLessThan(16000);
    const subsidies = await query<{ grade: number; fen: string }>(
      database.url,
      `SELECT DISTINCT d.grade, e.monthly_amount_fen AS fen FROM civil_affairs.enrolment e JOIN civil_affairs.disability_record d ON d.person_id = e.person_id
        WHERE e.programme = 'SEVERE_DISABILITY_SUBSIDY' ORDER BY 1`,
    );
    // 1,200 元/年 for grades 1–2, 600 for grade 3, nothing for grade 4.
    expect(subsidies.length).toBeGreaterThan(1);
    expect(subsidies.every((s) => Number(s.fen) === (s.grade <= 2 ? 10000 : s.grade === 3 ? 5000 : -1))).toBe(true);
    const [deaths] = await query<{ rate: string }>(database.url, `SELECT avg((funeral_type = 'CREMATED')::int) AS rate FROM civil_affairs.death_record`);
    expect(Number(deaths!.rate)).toBeGreaterThan(0.6);
  });

  it('is the same for the same seed', async () => {
    const again = await createTestDatabase('civil_demo_again', ['civil-affairs']);
    try {
      expect(await loadDemo(again.url, population)).toEqual(counts);
      const ids = (url: string) => query<{ id: string }>(url, 'SELECT id FROM civil_affairs.enrolment ORDER BY id');
      expect(await ids(again.url)).toEqual(await ids(database.url));
    } finally {
      await again.drop();
    }
  });

  it('agrees with the payroll: paying the last demo month again creates nothing', async () => {
    const running = await start({ port: 0, databaseUrl: database.url, today: population.today });
    try {
      const before = await tableCounts(database.url);
      for (const district of population.regions.filter((r) => r.level === 'DISTRICT')) {
        const { data } = await gql<any>(running.url, `mutation ($input: RunMonthlyPayrollInput!) { runMonthlyPayroll(input: $input) { payrollRun { paymentsCreated paymentsInPeriod } userErrors { message } } }`, {
          input: { period: population.today.slice(0, 7), regionCode: district.code },
        });
        expect(data.runMonthlyPayroll.userErrors).toEqual([]);
        expect(data.runMonthlyPayroll.payrollRun.paymentsCreated).toBe(0);
        expect(data.runMonthlyPayroll.payrollRun.paymentsInPeriod).toBeGreaterThan(0);
      }
      const after = await tableCounts(database.url);
      expect({ ...after, payroll_run: 0 }).toEqual({ ...before, payroll_run: 0 });
    } finally {
      await running.stop();
    }
  });

  it('keeps every enrolled application tied to its enrolment', async () => {
    const orphans = await query(
      database.url,
      `SELECT a.id FROM civil_affairs.dibao_application a LEFT JOIN civil_affairs.enrolment e ON e.id = a.enrolment_id
        WHERE a.stage = 'ENROLLED' AND (e.id IS NULL OR e.household_id <> a.household_id)`,
    );
    expect(orphans).toEqual([]);
    expect(counts.dibaoApplications).toBeGreaterThan(0);
  });
});
