import { requireSummaryPrefix } from '@hub/database';
import type { PrismaClient } from '../generated/prisma/client';
import type { TargetIndicator } from '../domain/targets';

// Dashboards read employment.region_statistics_summary (migration 20261129083818_region_statistics_summary): per
// region-code prefix, figure and bucket, maintained by triggers inside every writing transaction. A region's figures
// are one index lookup of its own prefix, so they cost the same for a community and for a district of a million.

export interface RegionStatistics {
  workingAgePersons: number;
  employed: number;
  flexiblyEmployed: number;
  registeredUnemployed: number;
  zeroEmploymentFamilies: number;
  difficultPersons: number;
  retirees: number;
  selfManagementGroups: number;
  retireesInGroups: number;
  retireesCertified: number;
  loansOutstanding: number;
  openLabourDisputes: number;
}

type Row = { code: string } & Record<string, bigint | string>;

/**
 * The summary rows of the prefixes in parameter $1, plus the deltas this transaction has not committed yet (a
 * transaction sees only its own pending rows, so one that wrote reads its own figures exactly).
 */
const HELD = `SELECT region_prefix, figure, bucket, amount FROM employment.region_statistics_summary WHERE region_prefix = ANY($1::text[])
  UNION ALL
  SELECT region_prefix, figure, bucket, amount FROM employment.region_statistics_pending WHERE region_prefix = ANY($1::text[])`;

/**
 * Labour-market figures for every region asked (subtrees by code prefix), in one statement. `today` (YYYY-MM-DD)
 * defaults to the database's CURRENT_DATE; the figures that depend on it are working-age persons (ages from birth
 * dates) and retirees certified this year.
 *
 * Working age is 16 up to 60 for men and 55 for women, in completed years: the summary counts members by sex and
 * birth month; every month wholly inside the limits comes from it, and the three birth months in which someone
 * turns 16, 55 or 60 this month are counted person by person with the exact rule (index on birth_date).
 */
export async function regionStatistics(prisma: PrismaClient, codes: readonly string[], today?: string): Promise<RegionStatistics[]> {
  codes.forEach(requireSummaryPrefix);
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    `WITH asked AS (SELECT DISTINCT code FROM unnest($1::text[]) AS code),
     day AS (SELECT d.today, extract(year FROM d.today)::int AS year, (extract(year FROM d.today) * 12 + extract(month FROM d.today) - 1)::int AS month
               FROM (SELECT coalesce($2::date, CURRENT_DATE) AS today) AS d),
     limits AS (SELECT today, year, month - 16 * 12 AS adult, month - 60 * 12 AS male_retired, month - 55 * 12 AS female_retired FROM day),
     boundary_months AS (
       SELECT DISTINCT make_date(m / 12, m % 12 + 1, 1) AS first_day, (make_date(m / 12, m % 12 + 1, 1) + interval '1 month')::date AS next_month
         FROM limits l CROSS JOIN unnest(ARRAY[l.adult, l.male_retired, l.female_retired]) AS m),
     boundary AS MATERIALIZED (
       SELECT m.region_code FROM boundary_months b
         JOIN employment.labour_force_member m ON m.birth_date >= b.first_day AND m.birth_date < b.next_month
         CROSS JOIN limits l
        WHERE date_part('year', age(l.today, m.birth_date)) >= 16
          AND date_part('year', age(l.today, m.birth_date)) < CASE m.gender WHEN 'MALE' THEN 60 ELSE 55 END),
     held AS (${HELD})
     SELECT a.code,
       coalesce(sum(h.amount) FILTER (WHERE h.bucket < l.adult AND h.bucket NOT IN (l.adult, l.male_retired, l.female_retired)
         AND ((h.figure = 'MEMBERS_MALE' AND h.bucket > l.male_retired) OR (h.figure = 'MEMBERS_FEMALE' AND h.bucket > l.female_retired))), 0)
         + (SELECT count(*) FROM boundary b WHERE starts_with(b.region_code, a.code)) AS working_age,
       coalesce(sum(h.amount) FILTER (WHERE h.figure = 'STATUS_EMPLOYED'), 0) AS employed,
       coalesce(sum(h.amount) FILTER (WHERE h.figure = 'STATUS_FLEXIBLY_EMPLOYED'), 0) AS flexibly,
       coalesce(sum(h.amount) FILTER (WHERE h.figure = 'STATUS_REGISTERED_UNEMPLOYED'), 0) AS registered_unemployed,
       coalesce(sum(h.amount) FILTER (WHERE h.figure = 'ZERO_EMPLOYMENT_FAMILIES'), 0) AS zero_families,
       coalesce(sum(h.amount) FILTER (WHERE h.figure = 'DIFFICULT_PERSONS'), 0) AS difficult,
       coalesce(sum(h.amount) FILTER (WHERE h.figure = 'RETIREES'), 0) AS retirees,
       coalesce(sum(h.amount) FILTER (WHERE h.figure = 'RETIREES_IN_GROUPS'), 0) AS in_groups,
       coalesce(sum(h.amount) FILTER (WHERE h.figure = 'RETIREES_CERTIFIED' AND h.bucket = l.year), 0) AS certified,
       coalesce(sum(h.amount) FILTER (WHERE h.figure = 'SELF_MANAGEMENT_GROUPS'), 0) AS groups,
       coalesce(sum(h.amount) FILTER (WHERE h.figure = 'LOANS_OUTSTANDING'), 0) AS loans,
       coalesce(sum(h.amount) FILTER (WHERE h.figure = 'OPEN_LABOUR_DISPUTES'), 0) AS disputes
     FROM asked a CROSS JOIN limits l LEFT JOIN held h ON h.region_prefix = a.code
     GROUP BY a.code, l.adult, l.male_retired, l.female_retired, l.year`,
    [...codes],
    today ?? null,
  );
  const map = new Map(rows.map((r) => [r.code, r]));
  return codes.map((code) => {
    const r = map.get(code);
    const n = (key: string): number => (r ? Number(r[key]) : 0);
    return {
      workingAgePersons: n('working_age'),
      employed: n('employed'),
      flexiblyEmployed: n('flexibly'),
      registeredUnemployed: n('registered_unemployed'),
      zeroEmploymentFamilies: n('zero_families'),
      difficultPersons: n('difficult'),
      retirees: n('retirees'),
      selfManagementGroups: n('groups'),
      retireesInGroups: n('in_groups'),
      retireesCertified: n('certified'),
      loansOutstanding: n('loans'),
      openLabourDisputes: n('disputes'),
    };
  });
}

export type TargetActuals = Record<TargetIndicator, bigint>;

/**
 * Indicators over person records, read from the summary (its figure of the same name, bucket = year): registrations,
 * placements, completions, insurance enrolments, loans and informal-organisation members.
 */
const FROM_SUMMARY = [
  'NEW_URBAN_EMPLOYMENT',
  'REEMPLOYMENT_OF_REGISTERED_UNEMPLOYED',
  'DIFFICULT_PERSONS_PLACED',
  'REAL_NAME_REGISTRATION',
  'SKILLS_TRAINING',
  'ENTERPRISE_SKILL_UPGRADE_TRAINING',
  'RESIDENT_PENSION_ENROLMENT',
  'RESIDENT_MEDICAL_ENROLMENT',
  'SYB_TRAINING',
  'MICRO_LOAN_AMOUNT',
  'PRACTICAL_TRAINEES',
  'INFORMAL_EMPLOYMENT_ABSORBED',
] as const satisfies readonly TargetIndicator[];

function summary(indicator: (typeof FROM_SUMMARY)[number]): string {
  return `SELECT coalesce(sum(h.amount), 0) FROM held h WHERE h.region_prefix = r.code AND h.bucket = r.year AND h.figure = '${indicator}'`;
}

/**
 * What each indicator counts, as SQL over one region subtree (r.code) and one year (r.year, dates in [r.y0, r.y1)).
 * Organisations, bases, enterprises and articles are a few hundred rows per district: counted from their tables.
 */
const ACTUALS: Record<TargetIndicator, string> = {
  NEW_URBAN_EMPLOYMENT: summary('NEW_URBAN_EMPLOYMENT'),
  REEMPLOYMENT_OF_REGISTERED_UNEMPLOYED: summary('REEMPLOYMENT_OF_REGISTERED_UNEMPLOYED'),
  DIFFICULT_PERSONS_PLACED: summary('DIFFICULT_PERSONS_PLACED'),
  REAL_NAME_REGISTRATION: summary('REAL_NAME_REGISTRATION'),
  SKILLS_TRAINING: summary('SKILLS_TRAINING'),
  ENTERPRISE_SKILL_UPGRADE_TRAINING: summary('ENTERPRISE_SKILL_UPGRADE_TRAINING'),
  RESIDENT_PENSION_ENROLMENT: summary('RESIDENT_PENSION_ENROLMENT'),
  RESIDENT_MEDICAL_ENROLMENT: summary('RESIDENT_MEDICAL_ENROLMENT'),
  PUBLICITY_ARTICLES: `SELECT count(*) FROM employment.publicity_article x WHERE x.published_on >= r.y0 AND x.published_on < r.y1 AND x.region_code LIKE r.code || '%'`,
  SYB_TRAINING: summary('SYB_TRAINING'),
  MICRO_LOAN_AMOUNT: summary('MICRO_LOAN_AMOUNT'),
  ENTREPRENEURSHIP_TRAINING_BASES: bases('count(*)', 'TRAINING_BASE'),
  PRACTICAL_TRAINEES: summary('PRACTICAL_TRAINEES'),
  INFORMAL_ORGANISATIONS: `SELECT count(*) FROM employment.informal_organisation x WHERE x.registered_on >= r.y0 AND x.registered_on < r.y1 AND x.region_code LIKE r.code || '%'`,
  INFORMAL_EMPLOYMENT_ABSORBED: summary('INFORMAL_EMPLOYMENT_ABSORBED'),
  INCUBATED_ENTERPRISES: enterprises('count(*)'),
  INCUBATED_ENTERPRISE_JOBS: enterprises('coalesce(sum(x.jobs_created), 0)'),
  INCUBATED_ENTERPRISE_TAX: enterprises('coalesce(sum(x.annual_tax_fen), 0)'),
  DEMONSTRATION_SITES: bases('count(*)', 'DEMONSTRATION_SITE'),
  ENTREPRENEURSHIP_BASE_AREA: bases('coalesce(sum(x.area_sqm), 0)', 'INCUBATION_BASE'),
  DEMONSTRATION_SITE_JOBS: bases('coalesce(sum(x.jobs_driven), 0)', 'DEMONSTRATION_SITE'),
};

function bases(measure: string, kind: string): string {
  return `SELECT ${measure} FROM employment.entrepreneurship_base x WHERE x.kind = '${kind}' AND x.established_on >= r.y0 AND x.established_on < r.y1 AND x.region_code LIKE r.code || '%'`;
}
function enterprises(measure: string): string {
  return `SELECT ${measure} FROM employment.incubated_enterprise x WHERE x.incubated_on >= r.y0 AND x.incubated_on < r.y1 AND x.region_code LIKE r.code || '%'`;
}

const INDICATOR_KEYS = Object.keys(ACTUALS) as TargetIndicator[];

/** Every indicator's actual for every `${regionCode}|${year}` asked, in one statement. */
export async function targetActuals(prisma: PrismaClient, keys: readonly string[]): Promise<TargetActuals[]> {
  const codes = keys.map((k) => k.split('|')[0]!);
  const years = keys.map((k) => Number(k.split('|')[1]));
  codes.forEach(requireSummaryPrefix);
  const columns = INDICATOR_KEYS.map((indicator) => `(${ACTUALS[indicator]})::bigint AS "${indicator}"`).join(',\n');
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    `WITH held AS MATERIALIZED (SELECT * FROM (${HELD}) AS s WHERE s.bucket = ANY($2::int[]) AND s.figure = ANY($3::text[]))
     SELECT r.code || '|' || r.year AS code, ${columns}
       FROM (SELECT DISTINCT code, year, make_date(year, 1, 1) AS y0, make_date(year + 1, 1, 1) AS y1
               FROM unnest($1::text[], $2::int[]) AS k(code, year)) AS r`,
    codes,
    years,
    [...FROM_SUMMARY],
  );
  const map = new Map(rows.map((r) => [r.code, r]));
  return keys.map((key) => {
    const row = map.get(key);
    return Object.fromEntries(INDICATOR_KEYS.map((i) => [i, row ? BigInt(row[i] as bigint) : 0n])) as TargetActuals;
  });
}
