// Enrolment, spending and medical assistance figures of Region.civilAffairsStatistics from the maintained summary (issue #8)
// against the scans they replaced (kept below as the reference): the same figures for every region, several
// prefixes at once and every day asked, after a COPY bulk load and after inserts, updates, deletes, moves between
// communities, a second COPY, a rollback and a TRUNCATE; and read without the enrolments, payments or claims.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { copyRows, dayBucket, upTo } from '@hub/database';
import { generatePopulation, type DemoPopulation } from '@hub/demo-population';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { Prisma } from '../src/generated/prisma/client';
import { createDb, type CivilAffairsDb } from '../src/data/db';
import { loadDemoData } from '../src/data/demo';
import { loadStatistics, periodBucket, summaryPrefixes, summaryRanges, type RawQueries, type StatisticsKey } from '../src/data/statistics';
import { comparisonPeriods, dibaoFigures, spendingFigures } from '../src/domain/statistics';

// Month, quarter and year boundaries, leap days (2024-02-29; 2025 has none), the demo's today and the days around it.
const DAYS = [
  '2024-02-29', '2024-03-01', '2024-12-31', '2025-01-01', '2025-02-28', '2025-03-01', '2025-12-31', '2026-01-01',
  '2026-02-28', '2026-03-31', '2026-04-01', '2026-10-31', '2026-11-01', '2026-11-28', '2026-11-29', '2026-11-30',
  '2026-12-31', '2027-01-01',
];
const SOME_DAYS = ['2025-12-31', '2026-01-01', '2026-11-29'];

let population: DemoPopulation;
let database: TestDatabase;
let db: CivilAffairsDb;
let client: Client;
let keys: StatisticsKey[];
let communities: string[];

const sql = async <T extends Record<string, unknown> = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => (await client.query<T>(text, params)).rows;

/** A write of the fixtures, which must change some rows (else the comparison after it would prove nothing). */
async function write(text: string, params: unknown[] = []): Promise<void> {
  const { rowCount } = await client.query(text, params);
  expect(rowCount).toBeGreaterThan(0);
}

/** The figures the summary now gives, as the statements it replaced computed them (src/data/statistics.ts before issue #8). */
async function reference(prisma: RawQueries, keys: readonly StatisticsKey[], asOf: string) {
  const codes = keys.map((k) => k.code);
  const patterns = keys.map((k) => k.prefixes.map((prefix) => `${prefix}%`).join(' '));
  const regions = Prisma.sql`unnest(${codes}::text[], ${patterns}::text[]) AS u(code, patterns) CROSS JOIN LATERAL (SELECT string_to_array(u.patterns, ' ') AS likes) l`;
  const day = new Date(`${asOf}T00:00:00Z`);
  const yearStart = new Date(`${asOf.slice(0, 4)}-01-01T00:00:00Z`);
  const periods = comparisonPeriods(asOf);
  const enrolments = await prisma.$queryRaw<{ code: string; programme: string; enrolments: bigint; persons: bigint; monthly: bigint }[]>`
    SELECT u.code, e.programme, count(*) AS enrolments, sum(e.member_count) AS persons, sum(e.monthly_amount_fen) AS monthly
      FROM ${regions}
      JOIN "civil_affairs"."enrolment" e ON e.region_code LIKE ANY(l.likes)
     WHERE e.start_date <= ${day} AND (e.end_date IS NULL OR e.end_date >= ${day}) AND e.status <> 'SUSPENDED'
       AND NOT (e.status = 'TERMINATED' AND e.end_date IS NULL)
     GROUP BY u.code, e.programme`;
  const payments = await prisma.$queryRaw<{ code: string; programme: string; month: bigint; ytd: bigint; last_year: bigint }[]>`
    SELECT u.code, p.programme,
           coalesce(sum(p.amount_fen) FILTER (WHERE p.period = ${periods.month}), 0) AS month,
           coalesce(sum(p.amount_fen) FILTER (WHERE p.period BETWEEN ${periods.yearStart} AND ${periods.month}), 0) AS ytd,
           coalesce(sum(p.amount_fen) FILTER (WHERE p.period BETWEEN ${periods.lastYearStart} AND ${periods.lastYearMonth}), 0) AS last_year
      FROM ${regions}
      JOIN "civil_affairs"."payment" p ON p.region_code LIKE ANY(l.likes)
     WHERE p.period BETWEEN ${periods.lastYearStart} AND ${periods.month}
     GROUP BY u.code, p.programme`;
  const medical = await prisma.$queryRaw<{ code: string; medical_claims: bigint; medical_fen: bigint }[]>`
    SELECT u.code,
           (SELECT count(*) FROM "civil_affairs"."medical_assistance" m WHERE m.region_code LIKE ANY(l.likes) AND m.claim_date BETWEEN ${yearStart} AND ${day}) AS medical_claims,
           (SELECT coalesce(sum(m.amount_fen), 0) FROM "civil_affairs"."medical_assistance" m WHERE m.region_code LIKE ANY(l.likes) AND m.claim_date BETWEEN ${yearStart} AND ${day}) AS medical_fen
      FROM ${regions}`;
  return new Map(
    codes.map((code) => {
      const spending = spendingFigures(
        payments
          .filter((r) => r.code === code)
          .map((r) => ({ programme: r.programme, monthFen: BigInt(r.month), yearToDateFen: BigInt(r.ytd), sameTimeLastYearFen: BigInt(r.last_year) }))
          .sort((a, b) => a.programme.localeCompare(b.programme)),
      );
      const m = medical.find((r) => r.code === code)!;
      const enrolled = enrolments
        .filter((r) => r.code === code)
        .map((r) => ({ programme: r.programme, enrolments: Number(r.enrolments), persons: Number(r.persons), monthlyFen: BigInt(r.monthly) }));
      const dibao = dibaoFigures(enrolled);
      const count = (programme: string) => enrolled.find((r) => r.programme === programme)?.enrolments ?? 0;
      return [
        code,
        {
          urbanDibaoHouseholds: dibao.urbanHouseholds,
          ruralDibaoHouseholds: dibao.ruralHouseholds,
          urbanDibaoPersons: dibao.urbanPersons,
          ruralDibaoPersons: dibao.ruralPersons,
          averageMonthlyDibaoSubsidy: dibao.averageMonthlySubsidyPerPersonFen,
          tekunDispersed: count('TEKUN_DISPERSED'),
          tekunCentralised: count('TEKUN_CENTRALISED'),
          spendingThisMonth: spending.total.monthFen,
          spendingYearToDate: spending.total.yearToDateFen,
          spendingSameTimeLastYear: spending.total.sameTimeLastYearFen,
          spendingChangePercent: spending.total.changePercent,
          spendingByProgramme: spending.byProgramme.map((s) => ({ programme: s.programme, thisMonth: s.monthFen, yearToDate: s.yearToDateFen, sameTimeLastYear: s.sameTimeLastYearFen, changePercent: s.changePercent })),
          medicalAssistanceClaims: Number(m.medical_claims),
          medicalAssistanceAmount: BigInt(m.medical_fen),
        },
      ];
    }),
  );
}

const bigints = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

/** Every region and figure where the summary and the reference disagree, for each day: none is expected. */
async function differences(prisma: RawQueries, days: readonly string[] = DAYS): Promise<string[]> {
  const found: string[] = [];
  for (const asOf of days) {
    const summary = await loadStatistics(prisma, keys, asOf);
    const expected = await reference(prisma, keys, asOf);
    for (const { code } of keys) {
      for (const [figure, theirs] of Object.entries(expected.get(code)!)) {
        const [mine, ref] = [JSON.stringify((summary.get(code)! as unknown as Record<string, unknown>)[figure], bigints), JSON.stringify(theirs, bigints)];
        if (mine !== ref) found.push(`${asOf} ${code} ${figure}: summary ${mine}, reference ${ref}`);
      }
    }
  }
  return found;
}

/** The summary as maintained, and as rebuilt from scratch in a transaction that is rolled back. */
async function maintainedAndRebuilt(): Promise<[string[], string[]]> {
  const read = async () =>
    (await sql<{ row: string }>(`SELECT concat_ws(' ', region_prefix, figure, bucket, amount) AS row FROM civil_affairs.region_statistics_summary ORDER BY region_prefix, figure, bucket`)).map((r) => r.row);
  const maintained = await read();
  await sql('BEGIN');
  try {
    await sql('SELECT civil_affairs.rebuild_region_statistics_summary()');
    return [maintained, await read()];
  } finally {
    await sql('ROLLBACK');
  }
}

const leftovers = () => sql(`SELECT 1 FROM civil_affairs.region_statistics_pending UNION ALL SELECT 1 FROM civil_affairs.region_statistics_pending_xact`);

beforeAll(async () => {
  population = generatePopulation({ households: 3000, seed: 11 });
  database = await createTestDatabase('civil_aggregates', ['civil-affairs']);
  client = new Client({ connectionString: database.url });
  await client.connect();
  // The demo loader's bulk path: every table by COPY, in one transaction.
  await sql('BEGIN');
  await loadDemoData(client, population);
  await sql('COMMIT');
  db = createDb(database.url);
  const stored = await sql<{ code: string }>(`SELECT DISTINCT region_code AS code FROM civil_affairs.payment UNION SELECT DISTINCT region_code FROM civil_affairs.medical_assistance ORDER BY 1`);
  communities = stored.map((r) => r.code);
  const prefixes = [...new Set(communities.flatMap((code) => [2, 4, 6, 9, 12].map((n) => code.slice(0, n))))].sort();
  keys = [
    ...prefixes.map((code) => ({ code, asOf: '', prefixes: [code] })),
    // A caller whose jurisdiction covers two communities of a district (visiblePrefixes), one nested in a subdistrict
    // also listed, and a region the caller sees nothing of.
    { code: `${communities[0]!.slice(0, 6)}+`, asOf: '', prefixes: [communities[0]!, communities[communities.length - 1]!] },
    { code: `${communities[1]!.slice(0, 9)}+`, asOf: '', prefixes: [communities[1]!.slice(0, 9), communities[1]!] },
    { code: 'none', asOf: '', prefixes: [] },
  ];
});

afterAll(async () => {
  await db?.close();
  await client?.end();
  await database?.drop();
});

describe('the ranges a day adds up', () => {
  it('compares periods as YYYYMM buckets and claims from the year\'s first day to the day', () => {
    const ranges = summaryRanges('2024-02-29');
    expect(ranges.filter((r) => r.figure === 'PAYMENT_FEN/URBAN_DIBAO')).toEqual([
      { figure: 'PAYMENT_FEN/URBAN_DIBAO', from: 202402, to: 202402, into: 'MONTH/URBAN_DIBAO', sign: 1 },
      { figure: 'PAYMENT_FEN/URBAN_DIBAO', from: 202401, to: 202402, into: 'YTD/URBAN_DIBAO', sign: 1 },
      { figure: 'PAYMENT_FEN/URBAN_DIBAO', from: 202301, to: 202302, into: 'LAST_YEAR/URBAN_DIBAO', sign: 1 },
    ]);
    expect(ranges.find((r) => r.figure === 'PAYMENTS/RURAL_DIBAO')).toEqual({ figure: 'PAYMENTS/RURAL_DIBAO', from: 202301, to: 202402, into: 'PAYMENTS/RURAL_DIBAO', sign: 1 });
    expect(ranges.find((r) => r.figure === 'MEDICAL_CLAIMS')).toEqual({ figure: 'MEDICAL_CLAIMS', from: 20240101, to: 20240229, into: 'MEDICAL_CLAIMS', sign: 1 });
    expect([periodBucket('2026-11'), dayBucket('2026-11-29')]).toEqual([202611, 20261129]);
  });

  it('counts enrolments in force on a day as started up to it less no longer in force up to it', () => {
    expect(upTo('ENROLMENTS_ENDED/RURAL_DIBAO', '2024-02-29', 'ENROLMENTS/RURAL_DIBAO', -1)).toEqual([
      { figure: 'ENROLMENTS_ENDED/RURAL_DIBAO/YEAR', from: -2_147_483_648, to: 2023, into: 'ENROLMENTS/RURAL_DIBAO', sign: -1 },
      { figure: 'ENROLMENTS_ENDED/RURAL_DIBAO/MONTH', from: 202401, to: 202401, into: 'ENROLMENTS/RURAL_DIBAO', sign: -1 },
      { figure: 'ENROLMENTS_ENDED/RURAL_DIBAO', from: 20240201, to: 20240229, into: 'ENROLMENTS/RURAL_DIBAO', sign: -1 },
    ]);
    // January: no whole month of the year before it.
    expect(upTo('PERSONS_STARTED/URBAN_DIBAO', '2027-01-01', 'PERSONS/URBAN_DIBAO', 1)[1]).toMatchObject({ from: 202701, to: 202700 });
    const ranges = summaryRanges('2026-11-29').filter((r) => r.into === 'MONTHLY/TEKUN_DISPERSED');
    expect(ranges.map((r) => [r.figure, r.sign])).toEqual([
      ['MONTHLY_STARTED/TEKUN_DISPERSED/YEAR', 1], ['MONTHLY_STARTED/TEKUN_DISPERSED/MONTH', 1], ['MONTHLY_STARTED/TEKUN_DISPERSED', 1],
      ['MONTHLY_ENDED/TEKUN_DISPERSED/YEAR', -1], ['MONTHLY_ENDED/TEKUN_DISPERSED/MONTH', -1], ['MONTHLY_ENDED/TEKUN_DISPERSED', -1],
    ]);
  });

  it('reads each subtree once, and refuses prefixes the summary does not keep', () => {
    expect(summaryPrefixes(['370703', '370703001', '370702001001', '370703'])).toEqual(['370703', '370702001001']);
    expect(() => summaryPrefixes(['3707030'])).toThrow('2, 4, 6, 9 or 12 digits, not "3707030"');
    expect(() => summaryPrefixes(['37%'])).toThrow('not "37%"');
  });
});

describe('civil-affairs statistics from the maintained summary', () => {
  it('match the former scans after the COPY bulk load, for every region and day', async () => {
    expect(communities.length).toBeGreaterThanOrEqual(3);
    const district = (await loadStatistics(db.prisma, [{ code: '370703', asOf: population.today, prefixes: ['370703'] }], population.today)).get('370703')!;
    expect(district.spendingYearToDate).toBeGreaterThan(0n);
    expect(district.spendingSameTimeLastYear).toBeGreaterThan(0n);
    expect(district.medicalAssistanceClaims).toBeGreaterThan(0);
    expect(district.urbanDibaoHouseholds + district.ruralDibaoHouseholds).toBeGreaterThan(0);
    expect(await differences(db.prisma)).toEqual([]);
    const [maintained, rebuilt] = await maintainedAndRebuilt();
    expect(maintained.length).toBeGreaterThan(100);
    expect(maintained).toEqual(rebuilt);
    expect(await leftovers()).toEqual([]);
  });

  it('match them after inserts, updates, deletes and moves between communities, row by row and in bulk', async () => {
    const [a, b, c] = communities;
    // Enrolments starting and ending on month, year and leap-day boundaries, an end before the start, one terminated
    // without an end date; then suspended, resumed, terminated, ended, restarted, moved, changed and deleted.
    const enrol = (region: string, programme: string, start: string, end: string | null, status = 'IN_PAYMENT', members = 2) =>
      write(
        `INSERT INTO civil_affairs.enrolment (id, programme, household_id, person_id, region_code, member_count, monthly_amount_fen, start_date, end_date, status, termination_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $6 * 11000, $7, $8, $9::civil_affairs."EnrolmentStatus", CASE WHEN $9::text = 'TERMINATED' THEN 'MOVED_AWAY'::civil_affairs."TerminationReason" END)`,
        [randomUUID(), programme, randomUUID(), randomUUID(), region, members, start, end, status],
      );
    for (const [region, programme, start, end, status] of [
      [a, 'URBAN_DIBAO', '2024-02-29', null, 'IN_PAYMENT'],
      [a, 'RURAL_DIBAO', '2025-03-01', '2026-02-28', 'TERMINATED'],
      [b, 'TEKUN_DISPERSED', '2026-11-29', null, 'IN_PAYMENT'],
      [b, 'URBAN_DIBAO', '2026-11-30', '2026-12-31', 'IN_PAYMENT'],
      [c, 'ORPHAN_BASIC_LIVING', '2026-01-01', '2025-12-31', 'IN_PAYMENT'],
      [c, 'RURAL_DIBAO', '2025-01-01', null, 'TERMINATED'],
      [c, 'TEKUN_CENTRALISED', '2024-12-31', '2026-11-29', 'SUSPENDED'],
    ] as const) {
      await enrol(region!, programme, start, end, status);
    }
    await write(`UPDATE civil_affairs.enrolment SET status = 'SUSPENDED' WHERE id IN (SELECT id FROM civil_affairs.enrolment WHERE status = 'IN_PAYMENT' ORDER BY id LIMIT 20)`);
    await write(`UPDATE civil_affairs.enrolment SET status = 'IN_PAYMENT' WHERE id IN (SELECT id FROM civil_affairs.enrolment WHERE status = 'SUSPENDED' ORDER BY id DESC LIMIT 5)`);
    await write(`UPDATE civil_affairs.enrolment SET status = 'TERMINATED', end_date = '2026-10-31', termination_reason = 'MOVED_AWAY' WHERE id IN (SELECT id FROM civil_affairs.enrolment WHERE status = 'IN_PAYMENT' AND start_date <= '2026-11-01' ORDER BY id LIMIT 15)`);
    await write(`UPDATE civil_affairs.enrolment SET status = 'TERMINATED', termination_reason = 'DECEASED' WHERE id IN (SELECT id FROM civil_affairs.enrolment WHERE status = 'IN_PAYMENT' AND end_date IS NULL ORDER BY id DESC LIMIT 5)`);
    await write(`UPDATE civil_affairs.enrolment SET start_date = '2026-02-01' WHERE id IN (SELECT id FROM civil_affairs.enrolment WHERE end_date IS NULL OR end_date >= '2026-01-31' ORDER BY start_date LIMIT 10)`);
    await write(`UPDATE civil_affairs.enrolment SET member_count = member_count + 1, monthly_amount_fen = monthly_amount_fen + 999 WHERE id IN (SELECT id FROM civil_affairs.enrolment ORDER BY id LIMIT 25)`);
    await write(`UPDATE civil_affairs.enrolment SET region_code = $1 WHERE region_code = $2 AND programme = 'URBAN_DIBAO'`, [c, b]);
    await write(`DELETE FROM civil_affairs.enrolment e WHERE NOT EXISTS (SELECT 1 FROM civil_affairs.payment p WHERE p.enrolment_id = e.id) AND e.id IN (SELECT id FROM civil_affairs.enrolment ORDER BY start_date DESC LIMIT 8)`);
    expect(await differences(db.prisma)).toEqual([]);

    // Payments: a month of last year and a leap-day month added for some enrolments (same enrolment, payroll run),
    // amounts changed, periods moved, programmes and communities changed, some deleted.
    for (const period of ['2025-02', '2024-02', '2026-11']) {
      await write(`INSERT INTO civil_affairs.payment (id, enrolment_id, programme, household_id, person_id, region_code, period, amount_fen, paid_on, payroll_run_id)
         SELECT gen_random_uuid(), p.enrolment_id, p.programme, p.household_id, p.person_id, p.region_code, $1, p.amount_fen + 7, ($1 || '-10')::date, p.payroll_run_id
           FROM (SELECT DISTINCT ON (enrolment_id) * FROM civil_affairs.payment ORDER BY enrolment_id, period) p
          WHERE NOT EXISTS (SELECT 1 FROM civil_affairs.payment o WHERE o.enrolment_id = p.enrolment_id AND o.period = $1)
          ORDER BY p.enrolment_id LIMIT 40`,
        [period],
      );
    }
    await write(`UPDATE civil_affairs.payment SET amount_fen = amount_fen * 2 WHERE id IN (SELECT id FROM civil_affairs.payment ORDER BY id LIMIT 50)`);
    await write(`UPDATE civil_affairs.payment SET amount_fen = 0 WHERE id IN (SELECT id FROM civil_affairs.payment WHERE period = '2026-11' ORDER BY id LIMIT 3)`);
    await write(`UPDATE civil_affairs.payment p SET period = '2025-11' WHERE id IN (SELECT id FROM civil_affairs.payment o WHERE period = '2026-10'
         AND NOT EXISTS (SELECT 1 FROM civil_affairs.payment x WHERE x.enrolment_id = o.enrolment_id AND x.period = '2025-11') ORDER BY id LIMIT 20)`,
    );
    await write(`UPDATE civil_affairs.payment SET programme = 'ORPHAN_BASIC_LIVING' WHERE id IN (SELECT id FROM civil_affairs.payment ORDER BY id DESC LIMIT 15)`);
    await write(`UPDATE civil_affairs.payment SET region_code = $1 WHERE region_code = $2`, [b, a]);
    await write(`DELETE FROM civil_affairs.payment WHERE id IN (SELECT id FROM civil_affairs.payment ORDER BY amount_fen, id LIMIT 60)`);
    // Every payment of a programme in one community: the programme then drops out of that community's list.
    await write(`DELETE FROM civil_affairs.payment WHERE region_code = $1 AND programme = (SELECT programme FROM civil_affairs.payment WHERE region_code = $1 LIMIT 1)`, [c]);
    expect(await differences(db.prisma, SOME_DAYS)).toEqual([]);

    // Claims on the year's boundaries and a leap day, moved in time and between communities, changed, deleted.
    const claim = (day: string, region: string, fen: number) =>
      write(
        `INSERT INTO civil_affairs.medical_assistance (id, person_id, household_id, region_code, rural, claim_date, diagnosis, total_cost_fen, insurance_paid_fen, amount_fen)
         VALUES ($1, $2, $3, $4, false, $5, '肺炎', $6 * 3, $6, $6)`,
        [randomUUID(), randomUUID(), randomUUID(), region, day, fen],
      );
    for (const [day, region] of [['2024-02-29', a], ['2025-12-31', a], ['2026-01-01', b], ['2026-11-29', b], ['2026-11-30', c], ['2027-01-01', c]] as const) {
      await claim(day, region!, 12_345);
    }
    await write(`UPDATE civil_affairs.medical_assistance SET claim_date = claim_date - 300 WHERE id IN (SELECT id FROM civil_affairs.medical_assistance ORDER BY id LIMIT 20)`);
    await write(`UPDATE civil_affairs.medical_assistance SET region_code = $1 WHERE id IN (SELECT id FROM civil_affairs.medical_assistance ORDER BY id DESC LIMIT 20)`, [c]);
    await write(`UPDATE civil_affairs.medical_assistance SET amount_fen = 1 WHERE id IN (SELECT id FROM civil_affairs.medical_assistance ORDER BY claim_date DESC LIMIT 10)`);
    await write(`DELETE FROM civil_affairs.medical_assistance WHERE id IN (SELECT id FROM civil_affairs.medical_assistance ORDER BY claim_date LIMIT 15)`);
    expect(await differences(db.prisma)).toEqual([]);
    const [maintained, rebuilt] = await maintainedAndRebuilt();
    expect(maintained).toEqual(rebuilt);
    expect(await leftovers()).toEqual([]);
  });

  it('match them after a second COPY into tables that already hold rows', async () => {
    const [a] = communities;
    const [run] = await sql<{ id: string }>(`SELECT id::text FROM civil_affairs.payroll_run ORDER BY id LIMIT 1`);
    const enrolments = await sql<{ id: string; programme: string }>(
      `SELECT id::text, programme::text FROM civil_affairs.enrolment e WHERE NOT EXISTS (SELECT 1 FROM civil_affairs.payment p WHERE p.enrolment_id = e.id AND p.period = '2026-01') ORDER BY id LIMIT 30`,
    );
    await copyRows(
      client,
      'civil_affairs.payment',
      ['id', 'enrolment_id', 'programme', 'household_id', 'person_id', 'region_code', 'period', 'amount_fen', 'paid_on', 'payroll_run_id'],
      enrolments.map((e, i) => [randomUUID(), e.id, e.programme, null, null, a!, '2026-01', BigInt(1000 + i), '2026-01-10', run!.id]),
    );
    await copyRows(
      client,
      'civil_affairs.medical_assistance',
      ['id', 'person_id', 'household_id', 'region_code', 'rural', 'claim_date', 'diagnosis', 'total_cost_fen', 'insurance_paid_fen', 'amount_fen'],
      Array.from({ length: 30 }, (_, i) => [randomUUID(), randomUUID(), randomUUID(), a!, true, i % 2 ? '2026-11-29' : '2026-11-30', '骨折', 9000n, 1000n, BigInt(500 + i)]),
    );
    await copyRows(
      client,
      'civil_affairs.enrolment',
      ['id', 'programme', 'household_id', 'person_id', 'region_code', 'member_count', 'monthly_amount_fen', 'start_date', 'end_date', 'status'],
      Array.from({ length: 30 }, (_, i) => [randomUUID(), i % 2 ? 'URBAN_DIBAO' : 'TEKUN_DISPERSED', randomUUID(), randomUUID(), a!, 1 + (i % 3), BigInt(10_000 + i), i % 3 ? '2026-11-29' : '2025-12-31', i % 5 ? null : '2026-11-29', i % 7 ? 'IN_PAYMENT' : 'SUSPENDED']),
    );
    expect(await differences(db.prisma, SOME_DAYS.concat('2026-11-30', '2026-01-31'))).toEqual([]);
  });

  it('leave nothing behind when a transaction rolls back, and let a transaction read its own writes', async () => {
    const [maintainedBefore] = await maintainedAndRebuilt();
    const [a] = communities;
    const key = { code: a!, asOf: '2026-11-29', prefixes: [a!] };
    const rollback = new Error('rolled back on purpose');
    await expect(
      db.prisma.$transaction(
        async (tx) => {
          await tx.$executeRaw`INSERT INTO civil_affairs.medical_assistance (id, person_id, household_id, region_code, rural, claim_date, diagnosis, total_cost_fen, insurance_paid_fen, amount_fen)
            VALUES (${randomUUID()}::uuid, ${randomUUID()}::uuid, ${randomUUID()}::uuid, ${a}, false, '2026-11-29', '感冒', 300, 0, 300)`;
          await tx.$executeRaw`UPDATE civil_affairs.payment SET amount_fen = amount_fen + 1 WHERE region_code = ${a} AND period = '2026-11'`;
          await tx.$executeRaw`UPDATE civil_affairs.enrolment SET status = 'SUSPENDED' WHERE region_code = ${a} AND programme = 'URBAN_DIBAO' AND status = 'IN_PAYMENT'`;
          const inside = (await loadStatistics(tx, [key], '2026-11-29')).get(a!)!;
          const outside = (await loadStatistics(db.prisma, [key], '2026-11-29')).get(a!)!;
          expect(inside.medicalAssistanceClaims).toBe(outside.medicalAssistanceClaims + 1);
          expect(inside.medicalAssistanceAmount).toBe(outside.medicalAssistanceAmount + 300n);
          expect(outside.urbanDibaoHouseholds).toBeGreaterThan(0);
          expect(inside.urbanDibaoHouseholds).toBe(0);
          expect(await differences(tx, ['2026-11-29'])).toEqual([]);
          throw rollback;
        },
        { timeout: 60_000 },
      ),
    ).rejects.toBe(rollback);
    const [maintainedAfter, rebuilt] = await maintainedAndRebuilt();
    expect(maintainedAfter).toEqual(maintainedBefore);
    expect(rebuilt).toEqual(maintainedBefore);
    expect(await leftovers()).toEqual([]);
  });

  it('keep the writes of concurrent transactions to the same community', async () => {
    const [a] = communities;
    const key = { code: a!, asOf: '2026-11-29', prefixes: [a!] };
    const before = (await loadStatistics(db.prisma, [key], '2026-11-29')).get(a!)!;
    const writers = [new Client({ connectionString: database.url }), new Client({ connectionString: database.url })];
    await Promise.all(writers.map((w) => w.connect()));
    try {
      for (const writer of writers) {
        // A writer that waited for the other's summary rows would fail here instead of hanging the test.
        await writer.query(`SET lock_timeout = '10s'`);
        await writer.query('BEGIN');
        await writer.query(
          `INSERT INTO civil_affairs.medical_assistance (id, person_id, household_id, region_code, rural, claim_date, diagnosis, total_cost_fen, insurance_paid_fen, amount_fen)
           VALUES ($1, $2, $3, $4, false, '2026-11-02', '并发', 1000, 0, 1000)`,
          [randomUUID(), randomUUID(), randomUUID(), a],
        );
      }
      await Promise.all(writers.map((w) => w.query('COMMIT')));
    } finally {
      await Promise.all(writers.map((w) => w.end()));
    }
    const after = (await loadStatistics(db.prisma, [key], '2026-11-29')).get(a!)!;
    expect([after.medicalAssistanceClaims, after.medicalAssistanceAmount]).toEqual([before.medicalAssistanceClaims + 2, before.medicalAssistanceAmount + 2000n]);
    expect(await differences(db.prisma, ['2026-11-29'])).toEqual([]);
  });

  it('are rebuilt when a source table is truncated', async () => {
    await sql('TRUNCATE civil_affairs.medical_assistance');
    const district = (await loadStatistics(db.prisma, [{ code: '370703', asOf: '2026-11-29', prefixes: ['370703'] }], '2026-11-29')).get('370703')!;
    expect([district.medicalAssistanceClaims, district.medicalAssistanceAmount]).toEqual([0, 0n]);
    expect(district.spendingYearToDate).toBeGreaterThan(0n);
    expect(await differences(db.prisma, SOME_DAYS)).toEqual([]);
  });

  it('read the summary, not the enrolments, payments or claims', async () => {
    // Statements the statistics send: none reads payment or medical_assistance any more, and enrolments only for the
    // disability grades (a join with disability_record).
    const statements: string[] = [];
    const observed = createDb(database.url);
    try {
      // createDb asks Prisma for query events; its client type does not carry that option.
      (observed.prisma as unknown as { $on: (event: 'query', listener: (e: { query: string }) => void) => void }).$on('query', (e) => statements.push(e.query));
      await loadStatistics(observed.prisma, keys, '2026-11-29');
    } finally {
      await observed.close();
    }
    expect(statements).toHaveLength(3);
    expect(statements.filter((s) => s.includes('region_statistics'))).toHaveLength(1);
    expect(statements.filter((s) => /"payment"|"medical_assistance"/.test(s))).toEqual([]);
    expect(statements.filter((s) => s.includes('"enrolment"')).every((s) => s.includes('"disability_record"'))).toBe(true);
  });
});
