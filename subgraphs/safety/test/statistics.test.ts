import { randomUUID } from 'node:crypto';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { todayIso } from '../src/domain/dates';
import { start } from '../src/server';
import { gql } from './support';

type Running = Awaited<ReturnType<typeof start>>;

const TOWN = '370703001';
const A = '370703001001';
const B = '370703001002';

// [region, date, age, sex, cause, disposition, severity]
const FIXTURE: [string, string, number, string, string, string, string][] = [
  // The period: first half of 2026.
  [A, '2026-02-03', 70, 'FEMALE', 'FALL', 'HOSPITALIZED', 'MODERATE'],
  [A, '2026-03-10', 3, 'MALE', 'FALL', 'TREATED_AND_RELEASED', 'MILD'],
  [A, '2026-06-30', 30, 'MALE', 'TRAFFIC', 'DIED', 'SEVERE'],
  [B, '2026-01-01', 2, 'FEMALE', 'BURN', 'TREATED_AND_RELEASED', 'MILD'],
  // The same half of 2025.
  [A, '2025-04-01', 68, 'FEMALE', 'FALL', 'TREATED_AND_RELEASED', 'MILD'],
  [A, '2025-05-20', 40, 'MALE', 'TRAFFIC', 'TRANSFERRED', 'SEVERE'],
  [B, '2025-06-30', 80, 'MALE', 'FALL', 'DIED', 'SEVERE'],
  // Outside both periods.
  [A, '2026-07-01', 50, 'MALE', 'CUT_PIERCE', 'TREATED_AND_RELEASED', 'MILD'],
  [B, '2025-07-01', 10, 'FEMALE', 'ANIMAL', 'TREATED_AND_RELEASED', 'MILD'],
  [B, '2024-03-01', 10, 'FEMALE', 'ANIMAL', 'TREATED_AND_RELEASED', 'MILD'],
];

const STATS = `query ($representations: [_Any!]!, $groupBy: InjuryDimension) {
  _entities(representations: $representations) {
    ... on Region {
      code
      injuryStatistics(from: "2026-01-01", to: "2026-06-30", groupBy: $groupBy) {
        from to previousFrom previousTo groupBy population total hospitalised deaths previousTotal previousHospitalised previousDeaths
        change changeRate ratePer100k previousRatePer100k deathRatePer100k
        groups { key label count hospitalised deaths share previousCount change changeRate ratePer100k }
      }
    }
  }
}`;

describe('injury statistics against a fixture', () => {
  let database: TestDatabase;
  let running: Running;

  beforeAll(async () => {
    database = await createTestDatabase('safety_stats', ['safety']);
    for (const [region, date, age, sex, cause, disposition, severity] of FIXTURE) {
      await query(
        database.url,
        `INSERT INTO safety.injury_record (id, region_code, injury_date, age, sex, intent, cause, place, activity, nature, body_part, severity, disposition, reporting_unit_type, reporting_unit_name)
         VALUES ($1, $2, $3, $4, $5::safety."Gender", 'UNINTENTIONAL', $6::safety."InjuryCause", 'HOME', 'LEISURE', 'OTHER', 'OTHER', $8::safety."InjurySeverity", $7::safety."InjuryDisposition", 'HOSPITAL', '镇卫生院')`,
        [randomUUID(), region, date, age, sex, cause, disposition, severity],
      );
    }
    running = await start({ port: 0, databaseUrl: database.url });
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it('totals a town with year-on-year change and rates per 100,000 residents', async () => {
    const { data, errors } = await gql(running.url, STATS, { representations: [{ __typename: 'Region', code: TOWN, population: 2000 }] });
    expect(errors).toBeUndefined();
    const stats = data._entities[0].injuryStatistics;
    expect(stats).toEqual({
      from: '2026-01-01',
      to: '2026-06-30',
      previousFrom: '2025-01-01',
      previousTo: '2025-06-30',
      groupBy: null,
      population: 2000,
      total: 4,
      hospitalised: 1,
      deaths: 1,
      previousTotal: 3,
      previousHospitalised: 1,
      previousDeaths: 1,
      change: 1,
      changeRate: 0.3333,
      ratePer100k: 200,
      previousRatePer100k: 150,
      deathRatePer100k: 50,
      groups: [],
    });
  });

  it('groups by cause, every category listed, with labels and year-on-year figures', async () => {
    const { data, errors } = await gql(running.url, STATS, { representations: [{ __typename: 'Region', code: TOWN, population: 2000 }], groupBy: 'CAUSE' });
    expect(errors).toBeUndefined();
    const groups = data._entities[0].injuryStatistics.groups as { key: string; label: string; count: number; previousCount: number; changeRate: number | null; share: number; ratePer100k: number; hospitalised: number; deaths: number }[];
    expect(groups.map((g) => g.key)).toEqual(['TRAFFIC', 'FALL', 'BLUNT_FORCE', 'CUT_PIERCE', 'BURN', 'DROWNING', 'POISONING', 'SUFFOCATION', 'ANIMAL', 'OTHER']);
    const byKey = Object.fromEntries(groups.map((g) => [g.key, g]));
    expect(byKey.FALL).toEqual({ key: 'FALL', label: '跌倒/坠落', count: 2, hospitalised: 1, deaths: 0, share: 0.5, previousCount: 2, change: 0, changeRate: 0, ratePer100k: 100 });
    expect(byKey.TRAFFIC).toMatchObject({ label: '车祸', count: 1, deaths: 1, previousCount: 1, changeRate: 0 });
    expect(byKey.BURN).toMatchObject({ label: '烧烫伤', count: 1, previousCount: 0, change: 1, changeRate: null, share: 0.25 });
    expect(byKey.ANIMAL).toMatchObject({ count: 0, previousCount: 0 });
    expect(byKey.CUT_PIERCE).toMatchObject({ count: 0, previousCount: 0 });
  });

  it('groups by age band and by sex, and narrows to one community', async () => {
    const ages = await gql(running.url, STATS, { representations: [{ __typename: 'Region', code: TOWN, population: 2000 }], groupBy: 'AGE_BAND' });
    expect(ages.errors).toBeUndefined();
    expect(ages.data._entities[0].injuryStatistics.groups.map((g: { key: string; count: number; previousCount: number }) => [g.key, g.count, g.previousCount])).toEqual([
      ['AGE_0_4', 2, 0],
      ['AGE_5_14', 0, 0],
      ['AGE_15_24', 0, 0],
      ['AGE_25_44', 1, 1],
      ['AGE_45_64', 0, 0],
      ['AGE_65_PLUS', 1, 2],
    ]);
    const sexes = await gql(running.url, STATS, { representations: [{ __typename: 'Region', code: A, population: 1000 }], groupBy: 'SEX' });
    expect(sexes.errors).toBeUndefined();
    const a = sexes.data._entities[0].injuryStatistics;
    expect([a.total, a.previousTotal, a.ratePer100k]).toEqual([3, 2, 300]);
    expect(a.groups.map((g: { key: string; label: string; count: number }) => [g.key, g.label, g.count])).toEqual([
      ['MALE', '男', 2],
      ['FEMALE', '女', 1],
    ]);
  });

  it('answers several regions in one statement, however many are asked', async () => {
    const count = async (codes: string[]): Promise<number> => {
      const before = running.db.statements.count;
      const { errors } = await gql(running.url, STATS, { representations: codes.map((code) => ({ __typename: 'Region', code, population: 1000 })), groupBy: 'SEVERITY' });
      expect(errors).toBeUndefined();
      return running.db.statements.count - before;
    };
    const two = await count([A, B]);
    const six = await count([A, B, TOWN, '370703', '370703002', '370703002001']);
    expect(two).toBe(1);
    expect(six).toBe(two);
  });

  it('has no rates without a population and refuses a period that ends before it starts', async () => {
    const { data } = await gql(running.url, STATS, { representations: [{ __typename: 'Region', code: TOWN }] });
    expect(data._entities[0].injuryStatistics).toMatchObject({ total: 4, population: null, ratePer100k: null });
    const bad = await gql(
      running.url,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { injuryStatistics(from: "2026-06-30", to: "2026-01-01") { total } } } }`,
      { r: [{ __typename: 'Region', code: TOWN, population: 10 }] },
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  it('builds the dashboard: injuries of the year so far against the same part of last year, hazards and overdue counts', async () => {
    const today = todayIso();
    const year = Number(today.slice(0, 4));
    const database2 = await createTestDatabase('safety_dashboard', ['safety']);
    const running2 = await start({ port: 0, databaseUrl: database2.url });
    try {
      const insertInjury = (date: string, disposition: string) =>
        query(
          database2.url,
          `INSERT INTO safety.injury_record (id, region_code, injury_date, age, sex, intent, cause, place, activity, nature, body_part, severity, disposition, reporting_unit_type, reporting_unit_name)
           VALUES ($1, $2, $3, 40, 'MALE', 'UNINTENTIONAL', 'FALL', 'HOME', 'LEISURE', 'OTHER', 'OTHER', 'SEVERE', $4::safety."InjuryDisposition", 'HOSPITAL', '镇卫生院')`,
          [randomUUID(), A, date, disposition],
        );
      await insertInjury(`${year}-01-01`, 'HOSPITALIZED');
      await insertInjury(today, 'DIED');
      await insertInjury(`${year - 1}-01-02`, 'TREATED_AND_RELEASED');
      const insertHazard = (likelihood: number, severity: number, level: string, deadline: string, status: string) =>
        query(
          database2.url,
          `INSERT INTO safety.hazard (id, region_code, location, category, description, likelihood, severity, risk_level, responsible_unit, deadline, status, identified_on, rectification_started_on, closed_on, verification_note)
           VALUES ($1, $2, '桥头', 'ROAD_TRAFFIC', '无护栏', $3, $4, $5::safety."RiskLevel", '镇交管站', $6, $7::safety."HazardStatus", '2020-01-01',
                   CASE WHEN $7 = 'IDENTIFIED' THEN NULL ELSE '2020-01-02'::date END, CASE WHEN $7 = 'CLOSED' THEN '2020-02-01'::date END, CASE WHEN $7 = 'CLOSED' THEN '已验收' END)`,
          [randomUUID(), B, likelihood, severity, level, deadline, status],
        );
      await insertHazard(5, 5, 'MAJOR', '2020-01-15', 'RECTIFYING');
      await insertHazard(3, 3, 'GENERAL', '2999-01-01', 'IDENTIFIED');
      await insertHazard(4, 4, 'SIGNIFICANT', '2020-01-15', 'CLOSED');
      const { data, errors } = await gql(
        running2.url,
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { safetyStatistics {
          year injuries injuriesPreviousYear injuryChangeRate injuryRatePer100k hospitalised deaths openHazards overdueHazards
          openHazardsByRiskLevel { riskLevel open } highRiskPersons activeProjects overdueCorrectiveActions } } } }`,
        { r: [{ __typename: 'Region', code: TOWN, population: 4000 }] },
      );
      expect(errors).toBeUndefined();
      expect(data._entities[0].safetyStatistics).toEqual({
        year,
        injuries: 2,
        // Last year's injury on 2 January falls in the same part of the year unless today is 1 January.
        injuriesPreviousYear: today.slice(5) >= '01-02' ? 1 : 0,
        injuryChangeRate: today.slice(5) >= '01-02' ? 1 : null,
        injuryRatePer100k: 50,
        hospitalised: 1,
        deaths: 1,
        openHazards: 2,
        overdueHazards: 1,
        openHazardsByRiskLevel: [
          { riskLevel: 'MAJOR', open: 1 },
          { riskLevel: 'SIGNIFICANT', open: 0 },
          { riskLevel: 'GENERAL', open: 1 },
          { riskLevel: 'LOW', open: 0 },
        ],
        highRiskPersons: 0,
        activeProjects: 0,
        overdueCorrectiveActions: 0,
      });
    } finally {
      await running2.stop();
      await database2.drop();
    }
  });
});
