import { Client, type ClientBase } from 'pg';
import { copyRows } from '@hub/database';
import { generatePopulation, type DemoPopulation } from '@hub/demo-population';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { loadDemoData } from '../src/data/demo';
import { regionStatistics, targetActuals, type RegionStatistics, type TargetActuals } from '../src/data/statistics';
import type { PrismaClient } from '../src/generated/prisma/client';
import type { TargetIndicator } from '../src/domain/targets';

// The statistics read employment.region_statistics_summary, maintained by triggers. Reference: the statements they
// replaced (scans of the base tables), kept here verbatim except that CURRENT_DATE is a parameter. Every figure, for
// every region prefix, must equal the reference for every day and year asked, after each kind of write.

const OLD_REGION_STATISTICS = `SELECT r.code,
   (SELECT count(*) FROM employment.labour_force_member m WHERE m.region_code LIKE r.code || '%'
      AND date_part('year', age(r.today, m.birth_date)) >= 16
      AND date_part('year', age(r.today, m.birth_date)) < CASE m.gender WHEN 'MALE' THEN 60 ELSE 55 END) AS working_age,
   (SELECT count(*) FILTER (WHERE p.status = 'EMPLOYED') FROM employment.employment_status_period p
      JOIN employment.labour_force_member m ON m.person_id = p.person_id WHERE p.end_date IS NULL AND m.region_code LIKE r.code || '%') AS employed,
   (SELECT count(*) FILTER (WHERE p.status = 'FLEXIBLY_EMPLOYED') FROM employment.employment_status_period p
      JOIN employment.labour_force_member m ON m.person_id = p.person_id WHERE p.end_date IS NULL AND m.region_code LIKE r.code || '%') AS flexibly,
   (SELECT count(*) FILTER (WHERE p.status = 'REGISTERED_UNEMPLOYED') FROM employment.employment_status_period p
      JOIN employment.labour_force_member m ON m.person_id = p.person_id WHERE p.end_date IS NULL AND m.region_code LIKE r.code || '%') AS registered_unemployed,
   (SELECT count(*) FROM employment.zero_employment_episode e WHERE e.resolved_on IS NULL AND e.region_code LIKE r.code || '%') AS zero_families,
   (SELECT count(*) FROM employment.difficulty_certification c WHERE c.ended_on IS NULL AND c.region_code LIKE r.code || '%') AS difficult,
   (SELECT count(*) FROM employment.retiree t WHERE t.region_code LIKE r.code || '%') AS retirees,
   (SELECT count(*) FROM employment.retiree t WHERE t.group_id IS NOT NULL AND t.region_code LIKE r.code || '%') AS in_groups,
   (SELECT count(*) FROM employment.retiree t WHERE t.region_code LIKE r.code || '%'
       AND EXISTS (SELECT 1 FROM employment.pension_certification c WHERE c.person_id = t.person_id AND c.year = date_part('year', r.today))) AS certified,
   (SELECT count(*) FROM employment.self_management_group g WHERE g.region_code LIKE r.code || '%') AS groups,
   (SELECT count(*) FROM employment.micro_loan l WHERE l.status = 'DISBURSED' AND l.region_code LIKE r.code || '%') AS loans,
   (SELECT count(*) FROM employment.labour_dispute d WHERE d.status IN ('RECEIVED', 'MEDIATING') AND d.region_code LIKE r.code || '%') AS disputes
 FROM (SELECT code, coalesce($2::date, CURRENT_DATE) AS today FROM unnest($1::text[]) AS code) AS r`;

const completions = (kind: string): string => `SELECT count(DISTINCT x.person_id) FROM employment.training_enrolment x JOIN employment.training_course c ON c.id = x.course_id
    WHERE c.kind = '${kind}' AND x.status = 'COMPLETED' AND x.completed_on >= r.y0 AND x.completed_on < r.y1 AND x.region_code LIKE r.code || '%'`;
const bases = (measure: string, kind: string): string =>
  `SELECT ${measure} FROM employment.entrepreneurship_base x WHERE x.kind = '${kind}' AND x.established_on >= r.y0 AND x.established_on < r.y1 AND x.region_code LIKE r.code || '%'`;
const enterprises = (measure: string): string =>
  `SELECT ${measure} FROM employment.incubated_enterprise x WHERE x.incubated_on >= r.y0 AND x.incubated_on < r.y1 AND x.region_code LIKE r.code || '%'`;

const OLD_ACTUALS: Record<TargetIndicator, string> = {
  NEW_URBAN_EMPLOYMENT: `SELECT count(*) FROM employment.employment_registration x WHERE x.kind = 'EMPLOYMENT' AND x.start_date >= r.y0 AND x.start_date < r.y1 AND x.region_code LIKE r.code || '%'`,
  REEMPLOYMENT_OF_REGISTERED_UNEMPLOYED: `SELECT count(*) FROM employment.employment_registration x WHERE x.kind = 'EMPLOYMENT' AND x.reemployment AND x.start_date >= r.y0 AND x.start_date < r.y1 AND x.region_code LIKE r.code || '%'`,
  DIFFICULT_PERSONS_PLACED: `SELECT count(DISTINCT x.person_id) FROM employment.placement x WHERE x.difficult_person AND x.placed_on >= r.y0 AND x.placed_on < r.y1 AND x.region_code LIKE r.code || '%'`,
  REAL_NAME_REGISTRATION: `SELECT count(DISTINCT x.person_id) FROM employment.employment_registration x WHERE x.start_date >= r.y0 AND x.start_date < r.y1 AND x.region_code LIKE r.code || '%'`,
  SKILLS_TRAINING: completions('SKILLS'),
  ENTERPRISE_SKILL_UPGRADE_TRAINING: completions('ENTERPRISE_SKILL_UPGRADE'),
  RESIDENT_PENSION_ENROLMENT: `SELECT count(*) FROM employment.insurance_enrolment x WHERE x.scheme = 'RESIDENT_PENSION' AND x.year = r.year AND x.region_code LIKE r.code || '%'`,
  RESIDENT_MEDICAL_ENROLMENT: `SELECT count(*) FROM employment.insurance_enrolment x WHERE x.scheme = 'RESIDENT_MEDICAL' AND x.year = r.year AND x.region_code LIKE r.code || '%'`,
  PUBLICITY_ARTICLES: `SELECT count(*) FROM employment.publicity_article x WHERE x.published_on >= r.y0 AND x.published_on < r.y1 AND x.region_code LIKE r.code || '%'`,
  SYB_TRAINING: completions('SYB'),
  MICRO_LOAN_AMOUNT: `SELECT coalesce(sum(x.amount_fen), 0) FROM employment.micro_loan x WHERE x.disbursed_on >= r.y0 AND x.disbursed_on < r.y1 AND x.region_code LIKE r.code || '%'`,
  ENTREPRENEURSHIP_TRAINING_BASES: bases('count(*)', 'TRAINING_BASE'),
  PRACTICAL_TRAINEES: completions('ENTREPRENEURSHIP_PRACTICE'),
  INFORMAL_ORGANISATIONS: `SELECT count(*) FROM employment.informal_organisation x WHERE x.registered_on >= r.y0 AND x.registered_on < r.y1 AND x.region_code LIKE r.code || '%'`,
  INFORMAL_EMPLOYMENT_ABSORBED: `SELECT count(DISTINCT x.person_id) FROM employment.informal_organisation_member x WHERE x.joined_on >= r.y0 AND x.joined_on < r.y1 AND x.region_code LIKE r.code || '%'`,
  INCUBATED_ENTERPRISES: enterprises('count(*)'),
  INCUBATED_ENTERPRISE_JOBS: enterprises('coalesce(sum(x.jobs_created), 0)'),
  INCUBATED_ENTERPRISE_TAX: enterprises('coalesce(sum(x.annual_tax_fen), 0)'),
  DEMONSTRATION_SITES: bases('count(*)', 'DEMONSTRATION_SITE'),
  ENTREPRENEURSHIP_BASE_AREA: bases('coalesce(sum(x.area_sqm), 0)', 'INCUBATION_BASE'),
  DEMONSTRATION_SITE_JOBS: bases('coalesce(sum(x.jobs_driven), 0)', 'DEMONSTRATION_SITE'),
};
const INDICATORS = Object.keys(OLD_ACTUALS) as TargetIndicator[];

const FIELDS: Record<keyof RegionStatistics, string> = {
  workingAgePersons: 'working_age',
  employed: 'employed',
  flexiblyEmployed: 'flexibly',
  registeredUnemployed: 'registered_unemployed',
  zeroEmploymentFamilies: 'zero_families',
  difficultPersons: 'difficult',
  retirees: 'retirees',
  selfManagementGroups: 'groups',
  retireesInGroups: 'in_groups',
  retireesCertified: 'certified',
  loansOutstanding: 'loans',
  openLabourDisputes: 'disputes',
};

async function referenceStatistics(client: ClientBase, codes: string[], today: string | null): Promise<RegionStatistics[]> {
  const { rows } = await client.query<Record<string, string>>(OLD_REGION_STATISTICS, [codes, today]);
  return rows.map((row) => Object.fromEntries(Object.entries(FIELDS).map(([field, column]) => [field, Number(row[column])])) as unknown as RegionStatistics);
}

async function referenceActuals(client: ClientBase, codes: string[], year: number): Promise<TargetActuals[]> {
  const columns = INDICATORS.map((indicator) => `(${OLD_ACTUALS[indicator]})::bigint AS "${indicator}"`).join(',\n');
  const { rows } = await client.query<Record<string, string>>(
    `SELECT ${columns} FROM (SELECT code, $2::int AS year, make_date($2, 1, 1) AS y0, make_date($2 + 1, 1, 1) AS y1 FROM unnest($1::text[]) AS code) AS r`,
    [codes, year],
  );
  return rows.map((row) => Object.fromEntries(INDICATORS.map((i) => [i, BigInt(row[i]!)])) as TargetActuals);
}

/** The statistics functions take Prisma; this runs their SQL on a pg client (inside its transaction, if any). */
const viaPg = (client: ClientBase): PrismaClient =>
  ({ $queryRawUnsafe: async (sql: string, ...params: unknown[]) => (await client.query(sql, params)).rows }) as unknown as PrismaClient;

// Days around month, quarter, year and leap-day boundaries (null: the database's CURRENT_DATE, as in production).
const DAYS = [
  null,
  '2026-11-29',
  '2026-11-30',
  '2026-12-01',
  '2026-12-31',
  '2027-01-01',
  '2026-02-28',
  '2026-03-01',
  '2026-03-31',
  '2026-04-01',
  '2026-06-30',
  '2026-07-01',
  '2026-09-30',
  '2026-10-01',
  '2024-02-28',
  '2024-02-29',
  '2024-03-01',
  '2025-02-28',
  '2025-03-01',
  '2028-02-29',
];
const YEARS = [2023, 2024, 2025, 2026, 2027];

describe('region statistics from the maintained summary', () => {
  let database: TestDatabase;
  let population: DemoPopulation;
  let client: Client;
  let prefixes: string[];
  let communities: string[];

  const connect = async (): Promise<Client> => {
    const c = new Client({ connectionString: database.url });
    await c.connect();
    return c;
  };

  /** Every figure of every prefix equals the reference, for every day and year; the summary equals a rebuild. */
  async function expectExact(on: ClientBase = client): Promise<void> {
    for (const day of DAYS) {
      expect({ day, figures: await regionStatistics(viaPg(on), prefixes, day ?? undefined) }).toEqual({ day, figures: await referenceStatistics(on, prefixes, day) });
    }
    for (const year of YEARS) {
      const keys = prefixes.map((code) => `${code}|${year}`);
      expect({ year, actuals: await targetActuals(viaPg(on), keys) }).toEqual({ year, actuals: await referenceActuals(on, prefixes, year) });
    }
  }

  /** The summary as maintained equals the summary computed from scratch (no drift, no leftover zero rows). */
  async function expectSummaryEqualsRebuild(): Promise<void> {
    const summary = `SELECT region_prefix, figure, bucket, amount::text FROM employment.region_statistics_summary ORDER BY 1, 2, 3`;
    await client.query('BEGIN');
    try {
      const maintained = (await client.query(summary)).rows;
      await client.query('SELECT employment.rebuild_region_statistics_summary()');
      expect(maintained).toEqual((await client.query(summary)).rows);
      expect(maintained.length).toBeGreaterThan(0);
    } finally {
      await client.query('ROLLBACK');
    }
  }

  /** Copies rows of a table with some columns replaced (SQL jsonb built from the row `x`). */
  async function duplicate(table: string, overrides: string, where: string, limit: number): Promise<number> {
    const result = await client.query(
      `INSERT INTO employment.${table}
       SELECT (jsonb_populate_record(NULL::employment.${table}, to_jsonb(x) || ${overrides})).* FROM employment.${table} x
        WHERE ${where} ORDER BY md5(x::text) LIMIT ${limit}`,
    );
    return result.rowCount ?? 0;
  }

  beforeAll(async () => {
    database = await createTestDatabase('employment_aggregates', ['employment']);
    population = generatePopulation({ households: 400, seed: 29 });
    client = await connect();
    // The demo loader fills the tables with COPY: the statement triggers fill the summary.
    await client.query('BEGIN');
    await loadDemoData(client, population);
    await client.query('COMMIT');
    communities = population.regions.filter((r) => r.level === 'COMMUNITY').map((r) => r.code);
    // Every level, the province and city prefixes, and a community without records.
    prefixes = ['37', '3707', ...population.regions.map((r) => r.code), `${communities[0]!.slice(0, 9)}999`];
    // Members born on and around the days each age limit (16, 55, 60) is reached on the days asked, and on 29 February.
    await client.query(
      `INSERT INTO employment.labour_force_member (person_id, household_id, region_code, birth_date, gender)
       SELECT gen_random_uuid(), gen_random_uuid(), ($1::text[])[1 + (row_number() OVER () % cardinality($1::text[]))::int], b.birth_date, g.gender
         FROM (SELECT DISTINCT (d - make_interval(years => n))::date + k AS birth_date
                 FROM unnest($2::date[]) AS d, unnest(ARRAY[16, 55, 60]) AS n, unnest(ARRAY[-1, 0, 1]) AS k
               UNION SELECT unnest(ARRAY['2008-02-29', '2010-02-28', '2010-03-01', '1968-02-29', '1971-02-28', '1966-03-01', '1964-02-29']::date[])) AS b
        CROSS JOIN unnest(ARRAY['MALE', 'FEMALE']::employment."Gender"[]) AS g(gender)`,
      [communities, DAYS.filter((d) => d !== null)],
    );
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('matches the scans it replaced after the COPY bulk load, for every day around month, quarter and leap-day boundaries', async () => {
    const [{ members }] = (await client.query<{ members: string }>('SELECT count(*) AS members FROM employment.labour_force_member')).rows as [{ members: string }];
    expect(Number(members)).toBeGreaterThan(population.persons.length);
    const [district] = await regionStatistics(viaPg(client), [population.regions.find((r) => r.level === 'DISTRICT')!.code], '2026-11-29');
    expect(district!.workingAgePersons).toBeGreaterThan(100);
    expect(district!.employed).toBeGreaterThan(100);
    await expectExact();
    await expectSummaryEqualsRebuild();
  });

  it('stays exact after inserts, including one person counted under two communities of one subdistrict', async () => {
    const [near, far] = [communities[0]!, communities[communities.length - 1]!];
    // Copies are ended registrations: a person holds one active registration at most.
    await duplicate('employment_registration', `jsonb_build_object('id', gen_random_uuid(), 'status', 'ENDED', 'end_date', greatest(x.start_date, '2026-06-30'), 'region_code', '${far}')`, `x.region_code = '${near}'`, 15);
    await duplicate('employment_registration', `jsonb_build_object('id', gen_random_uuid(), 'status', 'ENDED', 'start_date', '2025-06-01', 'end_date', '2026-06-30')`, 'true', 10);
    await duplicate('placement', `jsonb_build_object('id', gen_random_uuid(), 'region_code', '${far}')`, `x.difficult_person AND x.region_code = '${near}'`, 5);
    await duplicate('training_enrolment', `jsonb_build_object('id', gen_random_uuid(), 'course_id', (SELECT c.id FROM employment.training_course c WHERE c.id <> x.course_id ORDER BY c.id LIMIT 1))`, `x.status = 'COMPLETED'`, 8);
    await duplicate('informal_organisation_member', `jsonb_build_object('id', gen_random_uuid(), 'joined_on', '2026-02-01', 'left_on', '2026-06-30')`, 'true', 6);
    await duplicate(
      'insurance_enrolment',
      `jsonb_build_object('id', gen_random_uuid(), 'year', x.year + 1)`,
      'x.year < 2026 AND NOT EXISTS (SELECT 1 FROM employment.insurance_enrolment y WHERE y.person_id = x.person_id AND y.scheme = x.scheme AND y.year = x.year + 1)',
      10,
    );
    await duplicate('micro_loan', `jsonb_build_object('id', gen_random_uuid(), 'status', 'DISBURSED', 'disbursed_on', '2026-02-02')`, 'true', 4);
    await duplicate('labour_dispute', `jsonb_build_object('id', gen_random_uuid(), 'status', 'RECEIVED')`, 'true', 4);
    await duplicate(
      'zero_employment_episode',
      `jsonb_build_object('id', gen_random_uuid(), 'resolved_on', NULL)`,
      'x.resolved_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM employment.zero_employment_episode o WHERE o.household_id = x.household_id AND o.resolved_on IS NULL)',
      4,
    );
    await duplicate(
      'difficulty_certification',
      `jsonb_build_object('id', gen_random_uuid(), 'ended_on', NULL)`,
      'x.ended_on IS NOT NULL AND NOT EXISTS (SELECT 1 FROM employment.difficulty_certification o WHERE o.person_id = x.person_id AND o.ended_on IS NULL)',
      4,
    );
    await duplicate('self_management_group', `jsonb_build_object('id', gen_random_uuid())`, 'true', 3);
    // New members with a current status, and new retirees with this year's certification.
    await duplicate('labour_force_member', `jsonb_build_object('person_id', gen_random_uuid())`, 'true', 30);
    await client.query(
      `INSERT INTO employment.employment_status_period (id, person_id, status, start_date)
       SELECT gen_random_uuid(), m.person_id, 'FLEXIBLY_EMPLOYED', '2026-01-05' FROM employment.labour_force_member m
        WHERE NOT EXISTS (SELECT 1 FROM employment.employment_status_period p WHERE p.person_id = m.person_id)`,
    );
    await client.query(
      `INSERT INTO employment.retiree (person_id, household_id, region_code, retired_on, former_employer_name, monthly_pension_fen)
       SELECT m.person_id, m.household_id, m.region_code, '2025-01-01', '潍坊纺织厂', 250000 FROM employment.labour_force_member m
        WHERE NOT EXISTS (SELECT 1 FROM employment.retiree t WHERE t.person_id = m.person_id) ORDER BY m.person_id LIMIT 12`,
    );
    await client.query(
      `INSERT INTO employment.pension_certification (id, person_id, region_code, year, certified_on, method)
       SELECT gen_random_uuid(), t.person_id, t.region_code, y, make_date(y, 3, 1), 'ONLINE' FROM employment.retiree t, unnest(ARRAY[2026, 2027]) AS y
        WHERE NOT EXISTS (SELECT 1 FROM employment.pension_certification c WHERE c.person_id = t.person_id AND c.year = y)`,
    );
    await expectExact();
    await expectSummaryEqualsRebuild();
  });

  it('stays exact after updates: status changes, completions, course kinds, dates moving between years, birth dates', async () => {
    // A status change as the mutations make it: close the current period, open the next.
    await client.query(`UPDATE employment.employment_status_period SET end_date = '2026-03-31' WHERE end_date IS NULL AND status = 'EMPLOYED' AND start_date <= '2026-03-31' AND id::text < '4'`);
    await client.query(
      `INSERT INTO employment.employment_status_period (id, person_id, status, start_date)
       SELECT gen_random_uuid(), p.person_id, 'REGISTERED_UNEMPLOYED', '2026-04-01' FROM employment.employment_status_period p
        WHERE p.end_date = '2026-03-31' AND NOT EXISTS (SELECT 1 FROM employment.employment_status_period q WHERE q.person_id = p.person_id AND q.end_date IS NULL)`,
    );
    await client.query(`UPDATE employment.employment_status_period SET status = 'EMPLOYED' WHERE end_date IS NULL AND status = 'FLEXIBLY_EMPLOYED' AND id::text < '8'`);
    await client.query(`UPDATE employment.training_enrolment SET status = 'COMPLETED', completed_on = '2026-05-20' WHERE status <> 'COMPLETED'`);
    await client.query(`UPDATE employment.training_course SET kind = 'SYB' WHERE id IN (SELECT id FROM employment.training_course WHERE kind <> 'SYB' ORDER BY id LIMIT 2)`);
    await client.query(`UPDATE employment.employment_registration SET start_date = start_date - 366, reemployment = NOT reemployment WHERE id::text < '6'`);
    await client.query(`UPDATE employment.placement SET placed_on = placed_on + 200, difficult_person = NOT difficult_person WHERE id::text < '8'`);
    await client.query(`UPDATE employment.micro_loan SET status = 'REPAID' WHERE status = 'DISBURSED' AND id::text < '8'`);
    await client.query(`UPDATE employment.micro_loan SET amount_fen = amount_fen + 12345, disbursed_on = '2025-12-31' WHERE disbursed_on IS NOT NULL AND id::text > '8'`);
    await client.query(`UPDATE employment.retiree SET group_id = NULL WHERE person_id::text < '5'`);
    await client.query(`UPDATE employment.zero_employment_episode SET resolved_on = '2026-10-01' WHERE resolved_on IS NULL AND id::text < '8'`);
    await client.query(`UPDATE employment.difficulty_certification SET ended_on = '2026-09-30' WHERE ended_on IS NULL AND id::text < '8'`);
    await client.query(`UPDATE employment.labour_dispute SET status = 'SETTLED' WHERE status IN ('RECEIVED', 'MEDIATING') AND id::text < '8'`);
    await client.query(
      `UPDATE employment.insurance_enrolment SET scheme = 'RESIDENT_MEDICAL', year = 2027
        WHERE id IN (SELECT DISTINCT ON (person_id) id FROM employment.insurance_enrolment WHERE scheme = 'RESIDENT_PENSION' AND id::text < '3' ORDER BY person_id, id)`,
    );
    await client.query(
      `UPDATE employment.pension_certification c SET year = 2024
        WHERE c.year = 2026 AND c.id::text < '6' AND NOT EXISTS (SELECT 1 FROM employment.pension_certification o WHERE o.person_id = c.person_id AND o.year = 2024)`,
    );
    // Birth dates across a month and an age limit; sex (the retirement age) changed.
    await client.query(`UPDATE employment.labour_force_member SET birth_date = birth_date + 17, gender = CASE gender WHEN 'MALE' THEN 'FEMALE'::employment."Gender" ELSE 'MALE' END WHERE person_id::text < '3'`);
    await expectExact();
    await expectSummaryEqualsRebuild();
  });

  it('stays exact after deletes on either side of the joined figures', async () => {
    // Members whose periods stay (their status no longer counts), and periods whose members stay.
    await client.query(`DELETE FROM employment.labour_force_member WHERE person_id::text < '1'`);
    await client.query(`DELETE FROM employment.employment_status_period WHERE end_date IS NULL AND id::text > 'e'`);
    await client.query(`DELETE FROM employment.pension_certification WHERE id::text < '3'`);
    await client.query(`DELETE FROM employment.retiree WHERE person_id::text > 'f'`);
    await client.query(`DELETE FROM employment.training_course WHERE id = (SELECT id FROM employment.training_course ORDER BY id LIMIT 1)`);
    await client.query(`DELETE FROM employment.employment_registration WHERE id::text < '2'`);
    await client.query(`DELETE FROM employment.placement WHERE id::text > 'c'`);
    await client.query(`DELETE FROM employment.informal_organisation_member WHERE id::text < '5'`);
    await client.query(`DELETE FROM employment.micro_loan WHERE id::text < '4'`);
    await client.query(`DELETE FROM employment.self_management_group WHERE id::text < '4'`);
    await expectExact();
    await expectSummaryEqualsRebuild();
  });

  it('stays exact when households move between communities, subdistricts and districts', async () => {
    const [from, to] = [communities[0]!, communities[communities.length - 1]!];
    const elsewhere = '370705001001'; // a district the population does not cover
    prefixes.push(elsewhere, elsewhere.slice(0, 9), elsewhere.slice(0, 6));
    const households = (
      await client.query<{ household_id: string }>(`SELECT DISTINCT household_id FROM employment.labour_force_member WHERE region_code = $1 ORDER BY household_id LIMIT 40`, [from])
    ).rows.map((r) => r.household_id);
    // Half the households move to another subdistrict's community, the other half to another district.
    const nearby = households.filter((_, i) => i % 2 === 0);
    for (const table of ['labour_force_member', 'retiree', 'employment_registration', 'placement', 'training_enrolment', 'insurance_enrolment', 'zero_employment_episode', 'difficulty_certification', 'micro_loan']) {
      await client.query(`UPDATE employment.${table} SET region_code = CASE WHEN household_id = ANY($1::uuid[]) THEN $2 ELSE $3 END WHERE household_id = ANY($4::uuid[])`, [nearby, to, elsewhere, households]);
    }
    await client.query(`UPDATE employment.informal_organisation_member SET region_code = '${elsewhere}' WHERE id::text < '9'`);
    await client.query(`UPDATE employment.self_management_group SET region_code = '${to}' WHERE region_code = '${from}'`);
    await client.query(`UPDATE employment.labour_dispute SET region_code = '${elsewhere}' WHERE id::text < '9'`);
    const [moved] = await regionStatistics(viaPg(client), [elsewhere.slice(0, 6)], '2026-11-29');
    expect(moved!.workingAgePersons + moved!.retirees).toBeGreaterThan(0);
    await expectExact();
    await expectSummaryEqualsRebuild();
  });

  it('stays exact through a COPY bulk load, and reads its own uncommitted writes exactly inside the transaction', async () => {
    const extra = generatePopulation({ households: 60, seed: 31 });
    await client.query('BEGIN');
    try {
      await copyRows(
        client,
        'employment.labour_force_member',
        ['person_id', 'household_id', 'region_code', 'birth_date', 'gender'],
        extra.persons.map((p) => [p.id, p.householdId, communities[p.id.charCodeAt(0) % communities.length]!, p.birthDate, p.gender]),
      );
      await copyRows(
        client,
        'employment.employment_status_period',
        ['id', 'person_id', 'status', 'start_date', 'end_date'],
        extra.persons.flatMap((p, i) => [
          [`00000000-0000-4000-8000-${String(2 * i).padStart(12, '0')}`, p.id, 'EMPLOYED', '2020-01-01', i % 3 === 0 ? '2025-12-31' : null],
          [`00000000-0000-4000-8000-${String(2 * i + 1).padStart(12, '0')}`, p.id, 'REGISTERED_UNEMPLOYED', '2026-01-01', i % 3 === 0 ? null : '2026-01-01'],
        ]),
      );
      await copyRows(
        client,
        'employment.employment_registration',
        ['id', 'certificate_number', 'person_id', 'household_id', 'region_code', 'kind', 'status', 'start_date', 'end_date', 'reemployment'],
        extra.persons.flatMap((p, i) =>
          [2025, 2026].map((year) => [`00000000-0000-4000-9000-${String(2 * i + year - 2025).padStart(12, '0')}`, `C${i}`, p.id, p.householdId, communities[i % communities.length]!, 'EMPLOYMENT', year === 2026 ? 'ACTIVE' : 'ENDED', `${year}-0${1 + (i % 9)}-15`, year === 2026 ? null : '2025-12-31', i % 2 === 0]),
        ),
      );
      // Read inside the transaction: the deltas not yet committed are counted.
      const [{ pending }] = (await client.query<{ pending: string }>('SELECT count(*) AS pending FROM employment.region_statistics_pending')).rows as [{ pending: string }];
      expect(Number(pending)).toBeGreaterThan(0);
      await expectExact(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    const [{ pending }] = (await client.query<{ pending: string }>('SELECT count(*) AS pending FROM employment.region_statistics_pending')).rows as [{ pending: string }];
    expect(Number(pending)).toBe(0);
    await expectExact();
    await expectSummaryEqualsRebuild();
  });

  it('drops what a rolled-back transaction wrote, and rebuilds after TRUNCATE', async () => {
    const before = await regionStatistics(viaPg(client), prefixes, '2026-11-29');
    await client.query('BEGIN');
    await client.query(`DELETE FROM employment.labour_force_member WHERE person_id::text < '8'`);
    expect(await regionStatistics(viaPg(client), prefixes, '2026-11-29')).not.toEqual(before);
    await client.query('ROLLBACK');
    expect(await regionStatistics(viaPg(client), prefixes, '2026-11-29')).toEqual(before);
    await client.query('TRUNCATE employment.placement, employment.retiree');
    await expectExact();
    await expectSummaryEqualsRebuild();
  });

  it('lets concurrent writers change the same figures in opposite orders without deadlocking', async () => {
    const [a, b] = [await connect(), await connect()];
    try {
      const persons = (await client.query<{ person_id: string }>(`SELECT person_id FROM employment.employment_status_period WHERE end_date IS NULL AND status = 'EMPLOYED' ORDER BY person_id LIMIT 2`)).rows;
      const others = (await client.query<{ person_id: string }>(`SELECT person_id FROM employment.employment_status_period WHERE end_date IS NULL AND status = 'REGISTERED_UNEMPLOYED' ORDER BY person_id LIMIT 2`)).rows;
      expect(persons).toHaveLength(2);
      expect(others).toHaveLength(2);
      // a: EMPLOYED -> REGISTERED_UNEMPLOYED; b: REGISTERED_UNEMPLOYED -> EMPLOYED; statements interleaved.
      const change = (c: Client, personId: string, status: string) =>
        c.query(`UPDATE employment.employment_status_period SET status = $2 WHERE person_id = $1 AND end_date IS NULL`, [personId, status]);
      await a.query('BEGIN');
      await b.query('BEGIN');
      await change(a, persons[0]!.person_id, 'REGISTERED_UNEMPLOYED');
      await change(b, others[0]!.person_id, 'EMPLOYED');
      await change(a, others[1]!.person_id, 'EMPLOYED');
      await change(b, persons[1]!.person_id, 'REGISTERED_UNEMPLOYED');
      await Promise.all([a.query('COMMIT'), b.query('COMMIT')]);
    } finally {
      await a.end();
      await b.end();
    }
    await expectExact();
    await expectSummaryEqualsRebuild();
  });

  it('refuses a code that is not a region prefix the summary keeps', async () => {
    await expect(regionStatistics(viaPg(client), ['3707031'])).rejects.toThrow('region statistics are kept for region-code prefixes of 2, 4, 6, 9 or 12 digits, not "3707031"');
    await expect(targetActuals(viaPg(client), ['37070|2026'])).rejects.toThrow('not "37070"');
  });
});
