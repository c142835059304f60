// Region statistics from the maintained summary (issue #8) against the former scans (test/statisticsReference.ts):
// the same figures for every region, year and day, after a COPY bulk load and after inserts, updates, deletes and
// moves of every table the figures come from; without reading households or memberships at request time.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { copyRows, dayBucket, upTo } from '@hub/database';
import { generatePopulation, type DemoPopulation } from '@hub/demo-population';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { createDb, type CommunityDb } from '../src/data/db';
import { loadDemoData } from '../src/data/demo';
import { loadRegionCounts, loadStatistics, statisticsRanges } from '../src/data/statistics';
import { referenceRegionCounts, referenceStatistics } from './statisticsReference';

type RawQueries = Parameters<typeof loadRegionCounts>[0];
type Transaction = Parameters<Parameters<CommunityDb['prisma']['$transaction']>[0]>[0];

// Month, quarter and year ends and starts, leap days (2024-02-29; 2025 has none), the demo's today and the days around it.
const DAYS = [
  '2023-12-31', '2024-01-01', '2024-02-28', '2024-02-29', '2024-03-01', '2025-02-28', '2025-03-01', '2025-12-31',
  '2026-01-01', '2026-03-31', '2026-04-01', '2026-06-30', '2026-07-01', '2026-09-30', '2026-10-01', '2026-10-31',
  '2026-11-01', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-31', '2027-01-01',
];
const YEARS = [null, 2024, 2025, 2026];
// A few of them, for the checks after each group of writes.
const SOME_DAYS = ['2024-02-29', '2026-03-31', '2026-10-01', '2026-11-29'];

let population: DemoPopulation;
let database: TestDatabase;
let db: CommunityDb;
let client: Client;
let codes: string[];
let communities: string[];

const sql = async <T extends Record<string, unknown> = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => (await client.query<T>(text, params)).rows;

/** Every key where the summary and the reference disagree, for each day: none is expected. */
async function differences(prisma: RawQueries, days: readonly string[] = DAYS): Promise<string[]> {
  const keys = codes.flatMap((code) => YEARS.map((year) => `${code}:${year ?? ''}`));
  const found: string[] = [];
  for (const today of days) {
    const summary = await loadStatistics({ prisma }, keys, today);
    const reference = await referenceStatistics(prisma, keys, today);
    keys.forEach((key, i) => {
      for (const figure of Object.keys(reference[i]!) as (keyof (typeof reference)[number])[]) {
        const [mine, theirs] = [JSON.stringify(summary[i]![figure], bigints), JSON.stringify(reference[i]![figure], bigints)];
        if (mine !== theirs) found.push(`${today} ${key} ${figure}: summary ${mine}, reference ${theirs}`);
      }
    });
  }
  const counts = await loadRegionCounts(prisma, codes);
  const referenceCounts = await referenceRegionCounts(prisma, codes);
  codes.forEach((code, i) => {
    if (JSON.stringify(counts[i]) !== JSON.stringify(referenceCounts[i])) found.push(`${code} counts: summary ${JSON.stringify(counts[i])}, reference ${JSON.stringify(referenceCounts[i])}`);
  });
  return found;
}
const bigints = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

/** The summary as maintained, and as rebuilt from scratch in a transaction that is rolled back. */
async function maintainedAndRebuilt(): Promise<[string[], string[]]> {
  const read = async () => (await sql<{ row: string }>(`SELECT concat_ws(' ', region_prefix, figure, bucket, amount) AS row FROM community.region_statistics_summary ORDER BY region_prefix, figure, bucket`)).map((r) => r.row);
  const maintained = await read();
  await sql('BEGIN');
  try {
    await sql('SELECT community.rebuild_region_statistics_summary()');
    return [maintained, await read()];
  } finally {
    await sql('ROLLBACK');
  }
}

/** Current members of households in a community who hold no tag, with their household. */
async function residents(community: string, limit: number): Promise<{ person_id: string; household_id: string }[]> {
  return sql(
    `SELECT m.person_id::text, m.household_id::text FROM community.household_membership m JOIN community.household h ON h.id = m.household_id
      WHERE m.end_date IS NULL AND h.region_code = $1 AND NOT EXISTS (SELECT 1 FROM community.resident_tag t WHERE t.person_id = m.person_id)
      ORDER BY m.id LIMIT $2`,
    [community, limit],
  );
}

const populationOf = async (code: string): Promise<number> => (await loadRegionCounts(db.prisma, [code]))[0]!.population;

beforeAll(async () => {
  population = generatePopulation({ households: 4000, seed: 8 });
  database = await createTestDatabase('community_aggregates', ['community']);
  client = new Client({ connectionString: database.url });
  await client.connect();
  // The demo loader's bulk path: every table by COPY, in one transaction.
  await sql('BEGIN');
  await loadDemoData(client, population);
  await sql('COMMIT');
  db = createDb(database.url);
  const regions = await sql<{ code: string; level: string }>(`SELECT code, level::text FROM community.region ORDER BY code`);
  communities = regions.filter((r) => r.level === 'COMMUNITY').map((r) => r.code);
  codes = ['37', '3707', ...regions.map((r) => r.code)];
});

afterAll(async () => {
  await db?.close();
  await client?.end();
  await database?.drop();
});

describe('the ranges a day and a year add up', () => {
  it('splits "up to a day" into whole years, whole months of its year and days of its month', () => {
    expect(upTo('TAG_DISABLED', '2024-02-29')).toEqual([
      { figure: 'TAG_DISABLED/YEAR', from: -2_147_483_648, to: 2023, into: 'TAG_DISABLED', sign: 1 },
      { figure: 'TAG_DISABLED/MONTH', from: 202401, to: 202401, into: 'TAG_DISABLED', sign: 1 },
      { figure: 'TAG_DISABLED', from: 20240201, to: 20240229, into: 'TAG_DISABLED', sign: 1 },
    ]);
    // January: no whole month of the year before it.
    expect(upTo('SUPERVISION_ENDED', '2027-01-01', 'SUPERVISION_ACTIVE', -1)[1]).toMatchObject({ from: 202701, to: 202700 });
    expect(dayBucket('2026-11-29')).toBe(20261129);
  });

  it('counts supervision files in force on a day as started up to it less ended before it, visited within its quarter', () => {
    const ranges = statisticsRanges('2026-04-01', 2026);
    expect(ranges.filter((r) => r.figure === 'SUPERVISION_ENDED')).toEqual([{ figure: 'SUPERVISION_ENDED', from: 20260301, to: 20260331, into: 'SUPERVISION_ACTIVE', sign: -1 }]);
    expect(ranges.filter((r) => r.into === 'SUPERVISION_VISITED')).toEqual([
      { figure: 'SUPERVISION_VISITED_FROM', from: 20260401, to: 20260401, into: 'SUPERVISION_VISITED', sign: 1 },
      { figure: 'SUPERVISION_VISITED_UNTIL', from: 20260401, to: 20260401, into: 'SUPERVISION_VISITED', sign: -1 },
    ]);
    expect(ranges.find((r) => r.figure === 'PETITIONS')).toEqual({ figure: 'PETITIONS', from: 2026, to: 2026, into: 'PETITIONS', sign: 1 });
  });
});

describe('region statistics from the maintained summary', () => {
  it('match the former scans after the COPY bulk load, for every region, year and day', async () => {
    expect(communities.length).toBeGreaterThanOrEqual(5);
    const [district] = await loadStatistics(db, ['370703:'], population.today);
    expect(district!.population).toBeGreaterThan(10_000);
    expect(district!.disabledResidents).toBeGreaterThan(0);
    expect(district!.overdueSupervisionFiles).toBeGreaterThan(0);
    expect(await differences(db.prisma)).toEqual([]);
    const [maintained, rebuilt] = await maintainedAndRebuilt();
    expect(maintained).toEqual(rebuilt);
    expect(await sql(`SELECT 1 FROM community.region_statistics_pending UNION ALL SELECT 1 FROM community.region_statistics_pending_xact`)).toEqual([]);
  });

  it('match them for dated figures at month, quarter, year and leap-day boundaries', async () => {
    const [a, b] = communities;
    const people = await residents(a!, 8);
    const cadre = randomUUID();
    // Tags that start on the boundaries, one that starts after the demo's today, one ended, and a second open tag of
    // another kind for the same person.
    const tags: [string, string, string, string | null][] = [
      [people[0]!.person_id, 'DISABLED', '2024-02-29', null],
      [people[1]!.person_id, 'DISABLED', '2026-03-31', null],
      [people[2]!.person_id, 'ELDERLY_LIVING_ALONE', '2026-04-01', null],
      [people[3]!.person_id, 'LEFT_BEHIND_CHILD', '2026-11-30', null],
      [people[4]!.person_id, 'DISABLED', '2025-12-31', '2026-10-01'],
      [people[0]!.person_id, 'ELDERLY_LIVING_ALONE', '2026-12-31', null],
    ];
    for (const [person, kind, start, end] of tags) {
      await sql(`INSERT INTO community.resident_tag (id, person_id, kind, start_date, end_date) VALUES ($1, $2, $3, $4, $5)`, [randomUUID(), person, kind, start, end]);
    }
    // Supervision files around quarter ends: visited on a quarter's last day and the next quarter's first, ended on a
    // quarter's last day after a visit, visited face to face before the file started, ended on a leap day.
    const files: [string, string, string, string | null, [string, string][]][] = [
      [randomUUID(), a!, '2026-04-01', null, [['2026-06-30', 'FACE_TO_FACE'], ['2026-07-01', 'FACE_TO_FACE'], ['2026-10-02', 'PHONE']]],
      [randomUUID(), a!, '2025-01-01', '2026-09-30', [['2026-08-15', 'FACE_TO_FACE']]],
      [randomUUID(), b!, '2026-10-01', null, [['2026-09-29', 'FACE_TO_FACE'], ['2026-11-29', 'PHONE']]],
      [randomUUID(), b!, '2023-06-01', '2024-02-29', [['2024-01-10', 'FACE_TO_FACE'], ['2024-02-29', 'FACE_TO_FACE']]],
      [randomUUID(), b!, '2026-11-29', null, [['2026-11-29', 'FACE_TO_FACE']]],
    ];
    for (const [id, region, start, end, visits] of files) {
      await sql(
        `INSERT INTO community.supervision_file (id, person_id, region_code, category, release_date, start_date, end_date, cadre_id) VALUES ($1, $2, $3, 'RELEASED_PRISONER', $4, $4, $5, $6)`,
        [id, randomUUID(), region, start, end, cadre],
      );
      for (const [day, mode] of visits) {
        await sql(`INSERT INTO community.supervision_visit (id, file_id, visit_date, mode, cadre_id, summary) VALUES ($1, $2, $3, $4, $5, '帮教')`, [randomUUID(), id, day, mode, cadre]);
      }
    }
    expect(await differences(db.prisma)).toEqual([]);
  });

  it('match them after inserts, updates and deletes of every source table, row by row and in bulk', async () => {
    const [a, b, c, d] = communities;
    const cadre = randomUUID();
    const [first, second, third] = await residents(a!, 3);

    // Households and memberships: a new floating household with two members, another household's type changed,
    // a member ended, one moved to another household, one deleted, a household deleted (its members then count nowhere).
    const household = randomUUID();
    const [p1, p2] = [randomUUID(), randomUUID()];
    await sql(`INSERT INTO community.household (id, household_number, region_code, address, registration_type) VALUES ($1, 'T-1', $2, '测试路1号', 'FLOATING')`, [household, a]);
    await sql(
      `INSERT INTO community.household_membership (id, household_id, person_id, relation, start_date) VALUES ($1, $3, $4, 'HEAD', '2026-01-01'), ($2, $3, $5, 'SPOUSE', '2026-01-01')`,
      [randomUUID(), randomUUID(), household, p1, p2],
    );
    await sql(`INSERT INTO community.floating_registration (id, person_id, region_code, origin_code, reason, arrival_date) VALUES ($1, $2, $3, '110101', 'WORK', '2026-01-01')`, [randomUUID(), p1, a]);
    await sql(`INSERT INTO community.resident_tag (id, person_id, kind, start_date) VALUES ($1, $2, 'DISABLED', '2026-02-01')`, [randomUUID(), p2]);
    await sql(`UPDATE community.household SET registration_type = CASE registration_type WHEN 'FLOATING' THEN 'LOCAL_HUKOU'::community."RegistrationType" ELSE 'FLOATING' END WHERE id = $1`, [first!.household_id]);
    await sql(`UPDATE community.household_membership SET end_date = '2026-06-01', end_reason = 'LEFT' WHERE person_id = $1 AND end_date IS NULL`, [second!.person_id]);
    await sql(`UPDATE community.household_membership SET household_id = $1 WHERE person_id = $2 AND end_date IS NULL`, [household, third!.person_id]);
    await sql(`DELETE FROM community.household_membership WHERE person_id = $1`, [p2]);
    const [doomed] = await residents(c!, 1);
    await sql(`DELETE FROM community.household WHERE id = $1`, [doomed!.household_id]);
    expect(await differences(db.prisma, SOME_DAYS)).toEqual([]);

    // Tags and registrations: ended, restarted earlier, changed kind, moved to another person, departed, deleted.
    await sql(`UPDATE community.resident_tag SET end_date = start_date + 30 WHERE id IN (SELECT id FROM community.resident_tag WHERE end_date IS NULL ORDER BY id LIMIT 20)`);
    await sql(`UPDATE community.resident_tag SET start_date = '2024-02-29' WHERE id IN (SELECT id FROM community.resident_tag WHERE end_date IS NULL ORDER BY id DESC LIMIT 10)`);
    await sql(`UPDATE community.resident_tag SET kind = 'LEFT_BEHIND_CHILD' WHERE id IN (SELECT id FROM community.resident_tag t WHERE end_date IS NULL AND kind = 'DISABLED'
      AND NOT EXISTS (SELECT 1 FROM community.resident_tag o WHERE o.person_id = t.person_id AND o.kind = 'LEFT_BEHIND_CHILD' AND o.end_date IS NULL) ORDER BY id LIMIT 5)`);
    await sql(`UPDATE community.resident_tag SET person_id = $1 WHERE id = (SELECT id FROM community.resident_tag WHERE end_date IS NULL AND kind = 'DISABLED' ORDER BY id DESC LIMIT 1)`, [first!.person_id]);
    await sql(`DELETE FROM community.resident_tag WHERE id IN (SELECT id FROM community.resident_tag ORDER BY start_date LIMIT 15)`);
    await sql(`UPDATE community.floating_registration SET departure_date = greatest(arrival_date, '2026-11-01') WHERE id IN (SELECT id FROM community.floating_registration WHERE departure_date IS NULL ORDER BY id LIMIT 25)`);
    await sql(`DELETE FROM community.floating_registration WHERE id IN (SELECT id FROM community.floating_registration WHERE departure_date IS NULL ORDER BY id DESC LIMIT 10)`);
    expect(await differences(db.prisma, SOME_DAYS)).toEqual([]);

    // Yearly records: honours, petition visits, disputes and admissions changed in year, status, region and amount.
    await sql(`INSERT INTO community.household_honour (id, household_id, kind, year, awarding_body) VALUES ($1, $2, 'SAFE_FAMILY', 2024, '区妇联')`, [randomUUID(), household]);
    await sql(`UPDATE community.household_honour SET year = year - 10 WHERE id IN (SELECT id FROM community.household_honour ORDER BY id LIMIT 10)`);
    await sql(`DELETE FROM community.household_honour WHERE id IN (SELECT id FROM community.household_honour ORDER BY id DESC LIMIT 5)`);
    await sql(
      `INSERT INTO community.petition_visit (id, region_code, visit_date, visitor_name, subject, cadre_id, escalated) VALUES ($1, $3, '2024-02-29', '张三', '咨询', $4, true), ($2, $3, '2026-12-31', '李四', '反映', $4, false)`,
      [randomUUID(), randomUUID(), b, cadre],
    );
    await sql(`UPDATE community.petition_visit SET escalated = NOT escalated WHERE id IN (SELECT id FROM community.petition_visit ORDER BY id LIMIT 30)`);
    await sql(`UPDATE community.petition_visit SET visit_date = visit_date - 365, region_code = $1 WHERE id IN (SELECT id FROM community.petition_visit ORDER BY id DESC LIMIT 30)`, [d]);
    await sql(`DELETE FROM community.petition_visit WHERE id IN (SELECT id FROM community.petition_visit ORDER BY visit_date LIMIT 40)`);
    await sql(`UPDATE community.dispute SET status = 'FAILED', closed_on = reported_on + 5 WHERE id IN (SELECT id FROM community.dispute WHERE status IN ('REPORTED', 'MEDIATING') ORDER BY id LIMIT 5)`);
    await sql(`UPDATE community.dispute SET reported_on = '2025-12-31', region_code = $1 WHERE id IN (SELECT id FROM community.dispute ORDER BY id DESC LIMIT 8)`, [a]);
    await sql(`DELETE FROM community.dispute WHERE id IN (SELECT id FROM community.dispute ORDER BY id LIMIT 6)`);
    await sql(`UPDATE community.work_admission SET status = 'APPROVED', decided_on = '2026-01-01', funding_fen = 123456 WHERE status = 'PENDING'`);
    await sql(`UPDATE community.work_admission SET status = 'REFUSED', refusal_reason = '重复' WHERE id IN (SELECT id FROM community.work_admission WHERE status = 'APPROVED' ORDER BY id LIMIT 5)`);
    await sql(
      `INSERT INTO community.work_admission (id, region_code, department, title, kind, requested_on, status, decided_on, funding_fen) VALUES ($1, $2, '区民政局', '未记决定日期的任务', 'TASK', '2026-03-01', 'APPROVED', NULL, 5000)`,
      [randomUUID(), c],
    );
    await sql(`DELETE FROM community.work_admission WHERE id IN (SELECT id FROM community.work_admission ORDER BY id DESC LIMIT 4)`);
    expect(await differences(db.prisma, SOME_DAYS)).toEqual([]);

    // Supervision: files ended, started later, moved to another community, deleted; visits turned to phone calls,
    // moved in time, deleted.
    await sql(`UPDATE community.supervision_file SET end_date = '2026-10-15' WHERE id IN (SELECT id FROM community.supervision_file WHERE end_date IS NULL AND start_date <= '2026-10-15' ORDER BY id LIMIT 6)`);
    await sql(`UPDATE community.supervision_file SET start_date = '2026-11-15', release_date = '2026-11-15', end_date = NULL WHERE id IN (SELECT id FROM community.supervision_file ORDER BY id DESC LIMIT 3)`);
    await sql(`UPDATE community.supervision_file SET region_code = $1 WHERE id IN (SELECT id FROM community.supervision_file WHERE region_code = $2)`, [d, a]);
    await sql(`DELETE FROM community.supervision_file WHERE id = (SELECT id FROM community.supervision_file ORDER BY start_date LIMIT 1)`);
    await sql(`UPDATE community.supervision_visit SET mode = 'PHONE' WHERE id IN (SELECT id FROM community.supervision_visit WHERE mode = 'FACE_TO_FACE' AND visit_date >= '2026-10-01' ORDER BY id LIMIT 4)`);
    await sql(`UPDATE community.supervision_visit SET visit_date = '2026-09-30' WHERE id IN (SELECT id FROM community.supervision_visit WHERE visit_date >= '2026-10-01' ORDER BY id DESC LIMIT 3)`);
    await sql(`DELETE FROM community.supervision_visit WHERE id IN (SELECT id FROM community.supervision_visit WHERE visit_date >= '2026-10-01' ORDER BY id LIMIT 3)`);
    expect(await differences(db.prisma)).toEqual([]);
  });

  it('follow households and members that move between communities', async () => {
    const [, , , d, e] = communities;
    const [mover] = await residents(d!, 1);
    const members = Number((await sql<{ n: string }>(`SELECT count(*)::text AS n FROM community.household_membership WHERE household_id = $1 AND end_date IS NULL`, [mover!.household_id]))[0]!.n);
    const [fromBefore, toBefore] = [await populationOf(d!), await populationOf(e!)];
    await sql(`UPDATE community.household SET region_code = $1 WHERE id = $2`, [e, mover!.household_id]);
    expect([await populationOf(d!), await populationOf(e!)]).toEqual([fromBefore - members, toBefore + members]);
    // A person moving house into another community: the old membership ends, a new one starts.
    const [person] = await residents(e!, 1);
    const [target] = await residents(d!, 1);
    await sql(`UPDATE community.household_membership SET end_date = '2026-11-29', end_reason = 'MOVED' WHERE person_id = $1 AND end_date IS NULL`, [person!.person_id]);
    await sql(`INSERT INTO community.household_membership (id, household_id, person_id, relation, start_date) VALUES ($1, $2, $3, 'OTHER', '2026-11-29')`, [randomUUID(), target!.household_id, person!.person_id]);
    expect([await populationOf(d!), await populationOf(e!)]).toEqual([fromBefore - members + 1, toBefore + members - 1]);
    // A whole community's households at once.
    await sql(`UPDATE community.household SET region_code = $1 WHERE region_code = $2`, [d, e]);
    expect(await populationOf(e!)).toBe(0);
    expect(await differences(db.prisma, SOME_DAYS)).toEqual([]);
  });

  it('match them after a second COPY into tables that already hold rows', async () => {
    const [a] = communities;
    const households = Array.from({ length: 50 }, (_, i) => [randomUUID(), `COPY-${i}`, a!, null, `复制路${i}号`, i % 3 === 0 ? 'FLOATING' : 'LOCAL_HUKOU'] as const);
    await copyRows(client, 'community.household', ['id', 'household_number', 'region_code', 'grid_id', 'address', 'registration_type'], households.map((h) => [...h]));
    const members = households.map(([id]) => [randomUUID(), id, randomUUID(), 'HEAD', '2026-01-01', null]);
    await copyRows(client, 'community.household_membership', ['id', 'household_id', 'person_id', 'relation', 'start_date', 'end_date'], members);
    await copyRows(client, 'community.resident_tag', ['id', 'person_id', 'kind', 'start_date', 'end_date'], members.map((m, i) => [randomUUID(), m[2] as string, 'DISABLED', i % 2 ? '2026-11-29' : '2026-11-30', null]));
    await copyRows(client, 'community.petition_visit', ['id', 'region_code', 'visit_date', 'visitor_name', 'subject', 'cadre_id'], members.map(() => [randomUUID(), a!, '2026-02-28', '王五', '咨询', randomUUID()]));
    expect(await differences(db.prisma, SOME_DAYS.concat('2026-11-30'))).toEqual([]);
  });

  it('leave nothing behind when a transaction rolls back, and let a transaction read its own writes', async () => {
    const [maintainedBefore] = await maintainedAndRebuilt();
    const [a] = communities;
    const rollback = new Error('rolled back on purpose');
    await expect(
      db.prisma.$transaction(async (tx) => {
        const household = randomUUID();
        await tx.$executeRaw`INSERT INTO community.household (id, household_number, region_code, address, registration_type) VALUES (${household}::uuid, 'TX-1', ${a}, '事务路1号', 'FLOATING')`;
        await tx.$executeRaw`INSERT INTO community.household_membership (id, household_id, person_id, relation, start_date) VALUES (${randomUUID()}::uuid, ${household}::uuid, ${randomUUID()}::uuid, 'HEAD', '2026-01-01')`;
        await tx.$executeRaw`UPDATE community.dispute SET reported_on = '2024-02-29' WHERE region_code = ${a}`;
        const [inside] = await loadStatistics({ prisma: tx }, [`${a}:`], '2026-11-29');
        const [outside] = await loadStatistics(db, [`${a}:`], '2026-11-29');
        expect(inside!.households).toBe(outside!.households + 1);
        expect(await differences(tx, ['2026-11-29'])).toEqual([]);
        throw rollback;
      }, { timeout: 60_000 }),
    ).rejects.toBe(rollback);
    const [maintainedAfter, rebuilt] = await maintainedAndRebuilt();
    expect(maintainedAfter).toEqual(maintainedBefore);
    expect(rebuilt).toEqual(maintainedBefore);
  });

  it('let concurrent writers to the same community go on without waiting for each other, and keep both', async () => {
    const [a] = communities;
    const [writer1, writer2] = [new Client({ connectionString: database.url }), new Client({ connectionString: database.url })];
    await Promise.all([writer1.connect(), writer2.connect()]);
    try {
      // A writer that waited for the other's summary rows would fail here instead of hanging the test.
      for (const writer of [writer1, writer2]) await writer.query(`SET lock_timeout = '10s'`);
      const before = (await loadStatistics(db, [`${a}:`], '2026-11-29'))[0]!;
      const addHousehold = async (writer: Client, number: string) => {
        const id = randomUUID();
        await writer.query(`INSERT INTO community.household (id, household_number, region_code, address, registration_type) VALUES ($1, $2, $3, '并发路', 'LOCAL_HUKOU')`, [id, number, a]);
        return id;
      };
      await writer1.query('BEGIN');
      await writer2.query('BEGIN');
      const h1 = await addHousehold(writer1, 'CC-1');
      const h2 = await addHousehold(writer2, 'CC-2');
      await writer2.query(`INSERT INTO community.household_membership (id, household_id, person_id, relation, start_date) VALUES ($1, $2, $3, 'HEAD', '2026-01-01')`, [randomUUID(), h2, randomUUID()]);
      await writer1.query(`INSERT INTO community.household_membership (id, household_id, person_id, relation, start_date) VALUES ($1, $2, $3, 'HEAD', '2026-01-01')`, [randomUUID(), h1, randomUUID()]);
      await writer1.query(`INSERT INTO community.petition_visit (id, region_code, visit_date, visitor_name, subject, cadre_id) VALUES ($1, $2, '2026-11-29', '赵六', '咨询', $3)`, [randomUUID(), a, randomUUID()]);
      await Promise.all([writer2.query('COMMIT'), writer1.query('COMMIT')]);
      const after = (await loadStatistics(db, [`${a}:`], '2026-11-29'))[0]!;
      expect([after.households, after.population, after.petitionVisits]).toEqual([before.households + 2, before.population + 2, before.petitionVisits + 1]);
    } finally {
      await Promise.all([writer1.end(), writer2.end()]);
    }
    expect(await differences(db.prisma, ['2026-11-29'])).toEqual([]);
  });

  it('make writers of related rows take turns, so each counts what the other committed', async () => {
    const [a, b] = communities;
    const writers = [new Client({ connectionString: database.url }), new Client({ connectionString: database.url })] as const;
    await Promise.all(writers.map((w) => w.connect()));
    const [mover, joiner] = writers;
    try {
      for (const writer of writers) await writer.query(`SET lock_timeout = '10s'`);
      const pid = async (writer: Client): Promise<number> => (await writer.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const [moverPid, joinerPid] = [await pid(mover), await pid(joiner)];
      /** Waits until the joiner's statement waits for the mover's transaction (bounded: it never does without the locks). */
      const joinerWaitsForMover = async (): Promise<boolean> => {
        for (let attempt = 0; attempt < 200; attempt += 1) {
          const [row] = await sql<{ blocked: boolean }>(`SELECT $2::int = ANY(pg_blocking_pids($1)) AS blocked`, [joinerPid, moverPid]);
          if (row!.blocked) return true;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        return false;
      };
      /** The mover changes `moved` and holds its transaction open while the joiner writes `joined`; then both commit. */
      const race = async (moved: [string, unknown[]], joined: [string, unknown[]]) => {
        await mover.query('BEGIN');
        await mover.query(...moved);
        await joiner.query('BEGIN');
        const joining = joiner.query(...joined);
        const waited = await joinerWaitsForMover();
        await mover.query('COMMIT');
        await joining;
        await joiner.query('COMMIT');
        return waited;
      };
      const [household] = await residents(a!, 1);
      const [member] = await sql<{ person_id: string }>(`SELECT person_id::text FROM community.household_membership WHERE household_id = $1 AND end_date IS NULL LIMIT 1`, [household!.household_id]);
      // A household moved to another community while a person joins it, and while one of its members is tagged.
      expect(await race(
        [`UPDATE community.household SET region_code = $1, registration_type = 'FLOATING' WHERE id = $2`, [b, household!.household_id]],
        [`INSERT INTO community.household_membership (id, household_id, person_id, relation, start_date) VALUES ($1, $2, $3, 'OTHER', '2026-11-29')`, [randomUUID(), household!.household_id, randomUUID()]],
      )).toBe(true);
      expect(await race(
        [`UPDATE community.household SET region_code = $1 WHERE id = $2`, [a, household!.household_id]],
        [`INSERT INTO community.resident_tag (id, person_id, kind, start_date) VALUES ($1, $2, 'DISABLED', '2026-10-01')`, [randomUUID(), member!.person_id]],
      )).toBe(true);
      // A supervision file ended while a face-to-face visit of the quarter is recorded.
      const file = randomUUID();
      await sql(`INSERT INTO community.supervision_file (id, person_id, region_code, category, release_date, start_date, cadre_id) VALUES ($1, $2, $3, 'RELEASED_PRISONER', '2026-01-05', '2026-01-05', $4)`, [file, randomUUID(), a, randomUUID()]);
      expect(await race(
        [`UPDATE community.supervision_file SET end_date = '2026-11-10' WHERE id = $1`, [file]],
        [`INSERT INTO community.supervision_visit (id, file_id, visit_date, mode, cadre_id, summary) VALUES ($1, $2, '2026-10-05', 'FACE_TO_FACE', $3, '帮教')`, [randomUUID(), file, randomUUID()]],
      )).toBe(true);
    } finally {
      await Promise.all(writers.map((w) => w.end()));
    }
    expect(await differences(db.prisma, ['2026-10-05', '2026-11-09', '2026-11-10', '2026-11-11', '2026-11-29'])).toEqual([]);
  });

  it('are rebuilt when a source table is truncated', async () => {
    await sql('TRUNCATE community.petition_visit');
    const [district] = await loadStatistics(db, ['370703:'], '2026-11-29');
    expect([district!.petitionVisits, district!.escalatedPetitionVisits]).toEqual([0, 0]);
    expect(await differences(db.prisma, SOME_DAYS)).toEqual([]);
  });

  it('are read without the households, memberships or any other source table', async () => {
    // A role that may read only the summary: the statistics and counts would fail if they touched anything else.
    const role = `summary_reader_${randomUUID().slice(0, 8)}`;
    await sql(`CREATE ROLE ${role} NOLOGIN`);
    try {
      await sql(`GRANT USAGE ON SCHEMA community TO ${role}`);
      await sql(`GRANT SELECT ON community.region_statistics TO ${role}`);
      const keys = codes.map((code) => `${code}:`);
      const expected = { statistics: await loadStatistics(db, keys, '2026-11-29'), counts: await loadRegionCounts(db.prisma, codes) };
      const asReader = <T,>(read: (tx: Transaction) => Promise<T>): Promise<T> =>
        db.prisma.$transaction(async (tx) => {
          await tx.$executeRawUnsafe(`SET LOCAL ROLE ${role}`);
          return read(tx);
        });
      for (const table of ['household', 'household_membership', 'resident_tag', 'supervision_file']) {
        await expect(asReader((tx) => tx.$queryRawUnsafe(`SELECT 1 FROM community.${table} LIMIT 1`))).rejects.toThrow(/permission denied/);
      }
      const read = await asReader(async (tx) => ({ statistics: await loadStatistics({ prisma: tx }, keys, '2026-11-29'), counts: await loadRegionCounts(tx, codes) }));
      expect(read).toEqual(expected);
    } finally {
      await sql(`DROP OWNED BY ${role}`);
      await sql(`DROP ROLE ${role}`);
    }
  });

  it('stay equal to a summary rebuilt from scratch after all of the above', async () => {
    const [maintained, rebuilt] = await maintainedAndRebuilt();
    expect(maintained.length).toBeGreaterThan(1000);
    expect(maintained).toEqual(rebuilt);
    expect(await sql(`SELECT 1 FROM community.region_statistics_pending UNION ALL SELECT 1 FROM community.region_statistics_pending_xact`)).toEqual([]);
  });

  it('refuse a prefix the summary does not keep', async () => {
    await expect(loadStatistics(db, ['3707031:'], '2026-11-29')).rejects.toThrow(/2, 4, 6, 9 or 12 digits, not "3707031"/);
  });
});
