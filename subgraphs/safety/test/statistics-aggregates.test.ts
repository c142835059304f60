// Region statistics from the maintained summary (issue #8) against the former scans (test/statisticsReference.ts):
// the same hazard, high-risk and injury figures for every region, split jurisdictions and many days, after a COPY
// bulk load and after inserts, updates, deletes, moves between communities, a rollback, a TRUNCATE and two writers
// of the same person at once.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { copyRows, dayBucket } from '@hub/database';
import { generatePopulation, type DemoPopulation } from '@hub/demo-population';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { createDb, type SafetyDb } from '../src/data/db';
import { loadDemoData } from '../src/data/demo';
import { between, loadInjuryTotals, loadRegionSafetyFigures, type RegionScope } from '../src/data/statistics';
import { previousYear } from '../src/domain/injuryStatistics';
import { referenceInjuryTotals, referenceSafetyFigures } from './statisticsReference';

type RawQueries = Parameters<typeof loadRegionSafetyFigures>[0];

// Month, quarter and year ends and starts, leap days, the demo's today and the days around it.
const DAYS = ['2019-12-31', '2020-02-29', '2020-03-01', '2023-01-01', '2024-02-28', '2024-02-29', '2024-03-01', '2025-02-28', '2025-12-31', '2026-01-01', '2026-03-31', '2026-04-01', '2026-11-28', '2026-11-29', '2026-11-30', '2027-01-01'];
// Periods [from, to] of injuryStatistics (the dashboard asks the year up to today).
const PERIODS: [string, string][] = [
  ['2026-01-01', '2026-11-29'], ['2025-01-01', '2025-12-31'], ['2024-02-29', '2025-02-28'], ['2024-03-01', '2024-03-01'],
  ['2016-01-01', '2026-12-31'], ['2020-02-01', '2020-02-29'], ['2025-12-31', '2026-01-01'],
];
const SOME_DAYS = ['2024-02-29', '2026-01-01', '2026-11-29'];
const SOME_PERIODS = PERIODS.slice(0, 3);

let population: DemoPopulation;
let database: TestDatabase;
let db: SafetyDb;
let client: Client;
let scopes: RegionScope[];

const sql = async <T extends Record<string, unknown> = Record<string, unknown>>(text: string, params: unknown[] = [], on: Client = client): Promise<T[]> => (await on.query<T>(text, params)).rows;

/** Every region and figure where the summary and the reference disagree: none is expected. */
async function differences(prisma: RawQueries, days: readonly string[] = DAYS, periods: readonly [string, string][] = PERIODS): Promise<string[]> {
  const found: string[] = [];
  for (const today of days) {
    const figures = await loadRegionSafetyFigures(prisma, scopes, today);
    for (const scope of scopes) {
      const [mine, theirs] = [JSON.stringify(figures.get(scope.code)), JSON.stringify(await referenceSafetyFigures(prisma, scope, today))];
      if (mine !== theirs) found.push(`${today} ${scope.prefixes.join('+')}: summary ${mine}, reference ${theirs}`);
    }
  }
  for (const [from, to] of periods) {
    const previous = previousYear({ from, to });
    const totals = await loadInjuryTotals(prisma, scopes, { from, to }, previous);
    for (const scope of scopes) {
      const [mine, theirs] = [JSON.stringify(totals.get(scope.code)), JSON.stringify(await referenceInjuryTotals(prisma, scope, { from, to }, previous))];
      if (mine !== theirs) found.push(`${from}..${to} ${scope.prefixes.join('+')}: summary ${mine}, reference ${theirs}`);
    }
  }
  return found;
}

/** The summary as maintained, and as rebuilt from scratch in a transaction that is rolled back. */
async function maintainedAndRebuilt(): Promise<[string[], string[]]> {
  const read = async () => (await sql<{ row: string }>(`SELECT concat_ws(' ', region_prefix, figure, bucket, amount) AS row FROM safety.region_statistics_summary ORDER BY region_prefix, figure, bucket`)).map((r) => r.row);
  const maintained = await read();
  await sql('BEGIN');
  try {
    await sql('SELECT safety.rebuild_region_statistics_summary()');
    return [maintained, await read()];
  } finally {
    await sql('ROLLBACK');
  }
}

async function expectExact(): Promise<void> {
  expect(await differences(db.prisma, SOME_DAYS, SOME_PERIODS)).toEqual([]);
  const [maintained, rebuilt] = await maintainedAndRebuilt();
  expect(maintained).toEqual(rebuilt);
  expect(await sql(`SELECT 1 FROM safety.region_statistics_pending UNION ALL SELECT 1 FROM safety.region_statistics_pending_xact`)).toEqual([]);
}

const INJURY_COLUMNS = 'region_code, person_id, household_id, injury_date, age, sex, intent, cause, place, activity, nature, body_part, severity, disposition, reporting_unit_type, reporting_unit_name, summary';

beforeAll(async () => {
  population = generatePopulation({ households: 3000, seed: 11 });
  database = await createTestDatabase('safety_aggregates', ['safety']);
  client = new Client({ connectionString: database.url });
  await client.connect();
  // The demo loader's bulk path: every table by COPY, in one transaction.
  await sql('BEGIN');
  await loadDemoData(client, population);
  await sql('COMMIT');
  db = createDb(database.url);
  const codes = (await sql<{ code: string }>(`SELECT DISTINCT left(region_code, n) AS code FROM safety.injury_record CROSS JOIN unnest(ARRAY[2, 4, 6, 9, 12]) AS n ORDER BY 1`)).map((r) => r.code);
  const communities = codes.filter((code) => code.length === 12);
  const subdistricts = codes.filter((code) => code.length === 9);
  scopes = [
    ...codes.map((code) => ({ code, prefixes: [code] })),
    // Split jurisdictions: a caller with two communities of a district, or a subdistrict and a community elsewhere.
    { code: `${communities[0]!.slice(0, 6)}:two`, prefixes: [communities[0]!, communities.at(-1)!] },
    { code: `${subdistricts[0]}:and`, prefixes: [subdistricts[0]!, communities.find((c) => !c.startsWith(subdistricts[0]!))!] },
  ];
});

afterAll(async () => {
  await db?.close();
  await client?.end();
  await database?.drop();
});

describe('the ranges a day and a period add up', () => {
  it('splits "up to a day" into whole years, whole months of its year and days of its month; a period is two of them', () => {
    expect(between('INJURIES', '2024-02-29', '2025-02-28')).toEqual([
      { figure: 'INJURIES/YEAR', from: -2_147_483_648, to: 2024, into: 'INJURIES', sign: 1 },
      { figure: 'INJURIES/MONTH', from: 202501, to: 202501, into: 'INJURIES', sign: 1 },
      { figure: 'INJURIES', from: 20250201, to: 20250228, into: 'INJURIES', sign: 1 },
      { figure: 'INJURIES/YEAR', from: -2_147_483_648, to: 2023, into: 'INJURIES', sign: -1 },
      { figure: 'INJURIES/MONTH', from: 202401, to: 202401, into: 'INJURIES', sign: -1 },
      { figure: 'INJURIES', from: 20240201, to: 20240228, into: 'INJURIES', sign: -1 },
    ]);
    expect(dayBucket('2026-11-29')).toBe(20261129);
  });
});

describe('region statistics from the maintained summary', () => {
  it('match the former scans after the COPY bulk load, for every region, split jurisdictions, day and period', async () => {
    const [district] = scopes.filter((s) => s.code.length === 6);
    const figures = (await loadRegionSafetyFigures(db.prisma, [district!], population.today)).get(district!.code)!;
    expect(figures.openHazards).toBeGreaterThan(0);
    expect(figures.overdueHazards).toBeGreaterThan(0);
    expect(figures.highRiskPersons).toBeGreaterThan(100);
    expect(figures.highRiskHouseholds).toBeGreaterThan(10);
    expect((await loadInjuryTotals(db.prisma, [district!], { from: '2025-01-01', to: '2025-12-31' }, { from: '2024-01-01', to: '2024-12-31' })).get(district!.code)!.count).toBeGreaterThan(50);
    expect(await differences(db.prisma)).toEqual([]);
    const [maintained, rebuilt] = await maintainedAndRebuilt();
    expect(maintained).toEqual(rebuilt);
    expect(maintained.length).toBeGreaterThan(1000);
  });

  it('stay exact after inserts, updates, deletes and moves of hazards and injuries', async () => {
    const [a, b] = scopes.filter((s) => s.code.length === 12).map((s) => s.code);
    // New injuries: a copy of some with other days, outcomes and places.
    await sql(`INSERT INTO safety.injury_record (id, ${INJURY_COLUMNS})
      SELECT gen_random_uuid(), $1, person_id, household_id, injury_date + 366, age, sex, intent, cause, place, activity, nature, body_part, severity, 'DIED', reporting_unit_type, reporting_unit_name, summary
        FROM safety.injury_record ORDER BY id LIMIT 40`, [a]);
    // Moves between communities, days and outcomes; a single-row update as Prisma writes it.
    await sql(`UPDATE safety.injury_record SET region_code = $1, injury_date = injury_date - 1 WHERE id IN (SELECT id FROM safety.injury_record WHERE region_code <> $1 ORDER BY id LIMIT 30)`, [b]);
    await sql(`UPDATE safety.injury_record SET disposition = 'HOSPITALIZED' WHERE id = (SELECT id FROM safety.injury_record WHERE disposition = 'TREATED_AND_RELEASED' ORDER BY id LIMIT 1)`);
    await sql(`DELETE FROM safety.injury_record WHERE id IN (SELECT id FROM safety.injury_record ORDER BY id DESC LIMIT 25)`);
    // Hazards closed, reopened with another level and deadline, moved, added and deleted.
    await sql(`UPDATE safety.hazard SET status = 'CLOSED', rectification_started_on = coalesce(rectification_started_on, identified_on), closed_on = deadline, verification_note = '复查'
      WHERE id IN (SELECT id FROM safety.hazard WHERE status <> 'CLOSED' ORDER BY id LIMIT 5)`);
    await sql(`UPDATE safety.hazard SET status = 'RECTIFYING', closed_on = NULL, risk_level = 'MAJOR', deadline = '2026-11-29', region_code = $1 WHERE id IN (SELECT id FROM safety.hazard WHERE status = 'CLOSED' ORDER BY id LIMIT 5)`, [b]);
    await sql(`INSERT INTO safety.hazard (id, programme_id, region_code, location, category, description, likelihood, severity, risk_level, responsible_unit, deadline, status, identified_on)
      SELECT gen_random_uuid(), programme_id, $1, location, category, description, likelihood, severity, risk_level, responsible_unit, deadline + 30, 'IDENTIFIED', identified_on FROM safety.hazard ORDER BY id LIMIT 10`, [a]);
    await sql(`DELETE FROM safety.hazard WHERE id IN (SELECT id FROM safety.hazard WHERE status <> 'CLOSED' ORDER BY id DESC LIMIT 3)`);
    await expectExact();
  });

  it('stay exact after high-risk memberships overlap, end, move, start again and go, counting each person once', async () => {
    const [a, b] = scopes.filter((s) => s.code.length === 12).map((s) => s.code);
    const persons = await sql<{ person_id: string; region_code: string }>(
      `SELECT person_id::text, region_code FROM safety.high_risk_member WHERE person_id IS NOT NULL ORDER BY id LIMIT 30`,
    );
    const [group] = await sql<{ id: string }>(`INSERT INTO safety.high_risk_group (id, programme_id, category, name, main_risks)
      SELECT gen_random_uuid(), programme_id, category, '测试组', main_risks FROM safety.high_risk_group ORDER BY id LIMIT 1 RETURNING id::text`);
    // A second membership of the same persons in another group: overlapping, adjacent, later, and in another community.
    for (const [i, p] of persons.entries()) {
      const [since, until] = [['2020-01-01', null], ['2024-02-29', '2024-03-31'], ['2026-11-30', null], ['2019-06-01', '2026-11-28']][i % 4]!;
      await sql(`INSERT INTO safety.high_risk_member (id, group_id, person_id, region_code, reason, since, until) VALUES (gen_random_uuid(), $1, $2, $3, '测试', $4, $5)`, [group!.id, p.person_id, i % 3 === 0 ? (p.region_code === a ? b : a) : p.region_code, since, until]);
    }
    // Memberships end, households' too; some start later; some move; some go.
    await sql(`UPDATE safety.high_risk_member SET until = greatest(since, '2026-11-28') WHERE id IN (SELECT id FROM safety.high_risk_member WHERE until IS NULL ORDER BY id LIMIT 20)`);
    await sql(`UPDATE safety.high_risk_member SET since = '2026-11-29' WHERE id IN (SELECT id FROM safety.high_risk_member WHERE until IS NULL AND person_id IS NOT NULL ORDER BY id DESC LIMIT 5)`);
    await sql(`UPDATE safety.high_risk_member SET until = greatest(since, '2025-12-31') WHERE id IN (SELECT id FROM safety.high_risk_member WHERE household_id IS NOT NULL ORDER BY id LIMIT 10)`);
    await sql(`UPDATE safety.high_risk_member SET region_code = $1 WHERE id IN (SELECT id FROM safety.high_risk_member WHERE region_code <> $1 ORDER BY id DESC LIMIT 15)`, [a]);
    await sql(`DELETE FROM safety.high_risk_member WHERE id IN (SELECT id FROM safety.high_risk_member ORDER BY id LIMIT 12)`);
    expect(await differences(db.prisma, DAYS, [])).toEqual([]);
    await expectExact();
  });

  it('stay exact after a COPY of new rows into every source table', async () => {
    const [a] = scopes.filter((s) => s.code.length === 12).map((s) => s.code);
    const [injury] = await sql<Record<string, unknown>>(`SELECT ${INJURY_COLUMNS} FROM safety.injury_record ORDER BY id LIMIT 1`);
    const [member] = await sql<{ group_id: string; person_id: string }>(`SELECT group_id::text, person_id::text FROM safety.high_risk_member WHERE person_id IS NOT NULL ORDER BY id LIMIT 1`);
    await sql('BEGIN');
    await copyRows(client, 'safety.injury_record', ['id', ...INJURY_COLUMNS.split(', ')], Array.from({ length: 60 }, (_, i) => [
      randomUUID(), a!, null, null, `2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`, ...Object.values(injury!).slice(4).map((v) => v as string | number | null),
    ]));
    await copyRows(client, 'safety.high_risk_member', ['id', 'group_id', 'person_id', 'region_code', 'reason', 'since', 'until'], [
      [randomUUID(), member!.group_id, member!.person_id, a!, '批量', '2021-05-05', '2022-01-01'],
      [randomUUID(), member!.group_id, member!.person_id, a!, '批量', '2018-01-01', '2021-05-04'],
      [randomUUID(), member!.group_id, randomUUID(), a!, '批量', '2026-11-29', null],
    ]);
    await sql('COMMIT');
    await expectExact();
  });

  it('read their own uncommitted writes, and a rollback leaves the summary as it was', async () => {
    const before = await maintainedAndRebuilt();
    const [a] = scopes.filter((s) => s.code.length === 12).map((s) => s.code);
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`DELETE FROM safety.high_risk_member WHERE region_code = '${a}'`);
        await tx.$executeRawUnsafe(`DELETE FROM safety.hazard WHERE region_code = '${a}'`);
        await tx.$executeRawUnsafe(`UPDATE safety.injury_record SET disposition = 'DIED' WHERE region_code = '${a}'`);
        const mine = (await loadRegionSafetyFigures(tx, [{ code: a!, prefixes: [a!] }], '2026-11-29')).get(a!)!;
        expect(mine).toMatchObject({ openHazards: 0, highRiskPersons: 0, highRiskHouseholds: 0 });
        expect(await differences(tx, SOME_DAYS, SOME_PERIODS)).toEqual([]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await maintainedAndRebuilt()).toEqual(before);
    await expectExact();
  });

  it('are rebuilt after a TRUNCATE of a source table', async () => {
    await sql('BEGIN');
    try {
      await sql('TRUNCATE safety.hazard');
      expect(await sql(`SELECT 1 FROM safety.region_statistics_summary WHERE figure LIKE 'OPEN_HAZARDS_%'`)).toEqual([]);
      expect(await sql(`SELECT 1 FROM safety.region_statistics_summary WHERE figure = 'INJURIES' LIMIT 1`)).toHaveLength(1);
      expect(await differences(db.prisma, [], [])).toEqual([]);
    } finally {
      await sql('ROLLBACK');
    }
    await expectExact();
  });

  it('stay exact when two transactions write memberships of the same person at once', async () => {
    const [member] = await sql<{ group_id: string; person_id: string; region_code: string }>(`SELECT group_id::text, person_id::text, region_code FROM safety.high_risk_member WHERE person_id IS NOT NULL AND until IS NULL ORDER BY id LIMIT 1`);
    const other = new Client({ connectionString: database.url });
    await other.connect();
    try {
      const insert = `INSERT INTO safety.high_risk_member (id, group_id, person_id, region_code, reason, since, until) VALUES (gen_random_uuid(), $1, $2, $3, '并发', $4, $5)`;
      await sql('BEGIN');
      await sql(insert, [member!.group_id, member!.person_id, member!.region_code, '2010-01-01', '2012-12-31']);
      await sql('BEGIN', [], other);
      // The second writer's trigger waits for the first one's lock on the person, then sees its committed row.
      const second = sql(insert, [member!.group_id, member!.person_id, member!.region_code, '2011-01-01', '2013-12-31'], other);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await sql('COMMIT');
      await second;
      await sql('COMMIT', [], other);
    } finally {
      await other.end();
    }
    await expectExact();
    expect(await differences(db.prisma, ['2010-06-01', '2011-06-01', '2013-06-01', '2026-11-29'], [])).toEqual([]);
  });
});
