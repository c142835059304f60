import type { PrismaClient } from '../generated/prisma/client';
import type { TargetIndicator } from '../domain/targets';

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

/** Today's labour-market figures for every region asked, in one statement (subtrees by code prefix). */
export async function regionStatistics(prisma: PrismaClient, codes: readonly string[]): Promise<RegionStatistics[]> {
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    `SELECT r.code,
       (SELECT count(*) FROM employment.labour_force_member m WHERE m.region_code LIKE r.code || '%'
          AND date_part('year', age(CURRENT_DATE, m.birth_date)) >= 16
          AND date_part('year', age(CURRENT_DATE, m.birth_date)) < CASE m.gender WHEN 'MALE' THEN 60 ELSE 55 END) AS working_age,
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
           AND EXISTS (SELECT 1 FROM employment.pension_certification c WHERE c.person_id = t.person_id AND c.year = date_part('year', CURRENT_DATE))) AS certified,
       (SELECT count(*) FROM employment.self_management_group g WHERE g.region_code LIKE r.code || '%') AS groups,
       (SELECT count(*) FROM employment.micro_loan l WHERE l.status = 'DISBURSED' AND l.region_code LIKE r.code || '%') AS loans,
       (SELECT count(*) FROM employment.labour_dispute d WHERE d.status IN ('RECEIVED', 'MEDIATING') AND d.region_code LIKE r.code || '%') AS disputes
     FROM unnest($1::text[]) AS r(code)`,
    [...codes],
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

/** What each indicator counts, as SQL over one region subtree (r.code) and one year [r.y0, r.y1). */
const ACTUALS: Record<TargetIndicator, string> = {
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

function completions(kind: string): string {
  return `SELECT count(DISTINCT x.person_id) FROM employment.training_enrolment x JOIN employment.training_course c ON c.id = x.course_id
    WHERE c.kind = '${kind}' AND x.status = 'COMPLETED' AND x.completed_on >= r.y0 AND x.completed_on < r.y1 AND x.region_code LIKE r.code || '%'`;
}
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
  const columns = INDICATOR_KEYS.map((indicator) => `(${ACTUALS[indicator]})::bigint AS "${indicator}"`).join(',\n');
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    `SELECT r.code || '|' || r.year AS code, ${columns}
       FROM (SELECT code, year, make_date(year, 1, 1) AS y0, make_date(year + 1, 1, 1) AS y1
               FROM unnest($1::text[], $2::int[]) AS k(code, year)) AS r`,
    codes,
    years,
  );
  const map = new Map(rows.map((r) => [r.code, r]));
  return keys.map((key) => {
    const row = map.get(key);
    return Object.fromEntries(INDICATOR_KEYS.map((i) => [i, row ? BigInt(row[i] as bigint) : 0n])) as TargetActuals;
  });
}
