import { dateValue } from '@hub/scalars';
import { Prisma } from '../generated/prisma/client';
import { isUuid } from '../resolvers/ids';
import type { CivilAffairsDb } from './db';
import type { ApplicationRow, DisabilityRow, EnrolmentRow, FilingRow, StandardRow, StepRow } from './models';
import { enrolmentJson, enrolmentOfJson, filingJson, filingOfJson, stepOfJson, stepsJson, type EnrolmentJson, type FilingJson, type StepJson } from './related-json';

/**
 * Statements that read rows whose amounts depend on an assistance standard (an application's proposed subsidy, a
 * disability record's subsidies) and bring the standards along in the same statement, so that the standards never
 * cost a second statement that only pages holding such rows would send (issue #8). Standards are a handful of
 * reference rows per programme; each statement carries them once per programme, not once per row.
 */

type Programme = StandardRow['programme'];

/** The programmes whose standards a disability record's subsidies read. */
export const DISABILITY_PROGRAMMES: readonly Programme[] = ['SEVERE_DISABILITY_SUBSIDY', 'MENTAL_DISABILITY_MEDICATION'];

/** The order of a programme's standards wherever they are read: newest first, then region, then id (fully determined). */
export const STANDARD_ORDER = [{ effectiveFrom: 'desc' as const }, { regionCode: 'asc' as const }, { id: 'asc' as const }];

interface StandardJson {
  id: string;
  programme: Programme;
  region_code: string;
  effective_from: string;
  amount_fen: string;
  period: StandardRow['period'];
  grade: number | null;
  created_at_ms: number;
}

/** The standards matching `where` (over alias s) as one JSON array, in STANDARD_ORDER; amounts as text (no float rounding). */
const standardsJson = (where: Prisma.Sql): Prisma.Sql => Prisma.sql`(
  SELECT coalesce(json_agg(json_build_object(
           'id', s.id, 'programme', s.programme, 'region_code', s.region_code, 'effective_from', s.effective_from::text,
           'amount_fen', s.amount_fen::text, 'period', s.period, 'grade', s.grade,
           'created_at_ms', (extract(epoch FROM s.created_at) * 1000)::float8
         ) ORDER BY s.effective_from DESC, s.region_code ASC, s.id ASC), '[]'::json)
    FROM "civil_affairs"."assistance_standard" s WHERE ${where})`;

const standardOfJson = (s: StandardJson): StandardRow => ({
  id: s.id,
  programme: s.programme,
  regionCode: s.region_code,
  effectiveFrom: dateValue(s.effective_from),
  amount: BigInt(s.amount_fen),
  period: s.period,
  grade: s.grade,
  createdAt: new Date(s.created_at_ms),
});

/** Each programme's standards (an empty list for a programme without any). */
function standardsByProgramme(programmes: Iterable<Programme>, carried: (StandardJson[] | null)[]): Map<Programme, StandardRow[]> {
  const byProgramme = new Map<Programme, StandardRow[]>([...programmes].map((p) => [p, []]));
  for (const list of carried) for (const s of list ?? []) byProgramme.get(s.programme)?.push(standardOfJson(s));
  return byProgramme;
}

export interface WithStandards<Row> {
  rows: Row[];
  /** The standards of every programme the rows' amounts need, for priming the standards loader. */
  standards: Map<Programme, StandardRow[]>;
}

interface RawApplication {
  id: string;
  programme: Programme;
  household_id: string;
  applicant_id: string;
  member_ids: string[];
  region_code: string;
  declared_monthly_income_fen: string;
  declared_assets_fen: string;
  per_capita_income_fen: string;
  members_able_to_work: number | null;
  vulnerable_members: number | null;
  category: ApplicationRow['category'];
  stage: ApplicationRow['stage'];
  submitted_on: string;
  publicity_started_on: string | null;
  rejection_reason: string | null;
  enrolment_id: string | null;
  version: number;
  created_at_ms: number;
  /** The programme's standards, on the first row of each programme only (null on the others). */
  standards: StandardJson[] | null;
  /** The enrolment the application led to (null when none). */
  enrolment: EnrolmentJson | null;
  /** The application's steps, in STEP_ORDER. */
  steps: StepJson[];
  /** The application's conflict-of-interest filing (null when none). */
  filing: FilingJson | null;
  /** The members who are near relatives of a relief officer (anywhere). */
  officer_relative_ids: string[];
}

/** Applications with what their fields reach in the same statement: standards, enrolment and steps, for priming. */
export interface ApplicationsWithRelations extends WithStandards<ApplicationRow> {
  /** The enrolments the applications led to. */
  enrolments: EnrolmentRow[];
  /** Every application's steps, by application id (an empty list for one without steps). */
  stepsByApplicationId: Map<string, StepRow[]>;
  /** Every application's conflict-of-interest filing, by application id (null for one without). */
  filingByApplicationId: Map<string, FilingRow | null>;
  /** For every member of the applications: whether they are a near relative of a relief officer. */
  officerRelativeByPersonId: Map<string, boolean>;
}

const applicationOf = (r: RawApplication): ApplicationRow => ({
  id: r.id,
  programme: r.programme,
  householdId: r.household_id,
  applicantId: r.applicant_id,
  memberIds: r.member_ids,
  regionCode: r.region_code,
  declaredMonthlyIncome: BigInt(r.declared_monthly_income_fen),
  declaredAssets: BigInt(r.declared_assets_fen),
  perCapitaIncome: BigInt(r.per_capita_income_fen),
  membersAbleToWork: r.members_able_to_work,
  vulnerableMembers: r.vulnerable_members,
  category: r.category,
  stage: r.stage,
  submittedOn: dateValue(r.submitted_on),
  publicityStartedOn: r.publicity_started_on === null ? null : dateValue(r.publicity_started_on),
  rejectionReason: r.rejection_reason,
  enrolmentId: r.enrolment_id,
  version: r.version,
  createdAt: new Date(r.created_at_ms),
});

/**
 * Dibao applications whose `column` (household_id or id) is one of `ids`, newest submission first (then id), with
 * the standards of their programmes, their enrolments, steps and filings, and which members are near relatives of a
 * relief officer (the conflict of interest). Ids that are not UUIDs match nothing.
 */
export async function applicationsWithStandards({ prisma }: CivilAffairsDb, column: 'household_id' | 'id', ids: string[]): Promise<ApplicationsWithRelations> {
  const raw = await prisma.$queryRaw<RawApplication[]>`
    SELECT a.id::text, a.programme::text, a.household_id::text, a.applicant_id::text, a.member_ids::text[] AS member_ids, a.region_code,
           a.declared_monthly_income_fen::text, a.declared_assets_fen::text, a.per_capita_income_fen::text,
           a.members_able_to_work, a.vulnerable_members, a.category::text, a.stage::text, a.submitted_on::text,
           a.publicity_started_on::text, a.rejection_reason, a.enrolment_id::text, a.version,
           (extract(epoch FROM a.created_at) * 1000)::float8 AS created_at_ms,
           CASE WHEN row_number() OVER (PARTITION BY a.programme ORDER BY a.id) = 1
                THEN ${standardsJson(Prisma.sql`s.programme = a.programme`)} END AS standards,
           ${enrolmentJson(Prisma.sql`a.enrolment_id`)} AS enrolment,
           ${stepsJson(Prisma.sql`a.id`)} AS steps,
           ${filingJson(Prisma.sql`a.id`)} AS filing,
           ARRAY(SELECT DISTINCT r.person_id::text FROM "civil_affairs"."officer_relative" r WHERE r.person_id = ANY(a.member_ids)) AS officer_relative_ids
      FROM "civil_affairs"."dibao_application" a
     WHERE a.${Prisma.raw(column)} = ANY(${ids.filter(isUuid)}::uuid[])
     ORDER BY a.submitted_on DESC, a.id ASC`;
  return {
    rows: raw.map(applicationOf),
    standards: standardsByProgramme(new Set(raw.map((r) => r.programme)), raw.map((r) => r.standards)),
    enrolments: raw.flatMap((r) => (r.enrolment === null ? [] : [enrolmentOfJson(r.enrolment)])),
    stepsByApplicationId: new Map(raw.map((r) => [r.id, r.steps.map(stepOfJson)])),
    filingByApplicationId: new Map(raw.map((r) => [r.id, r.filing === null ? null : filingOfJson(r.filing)])),
    officerRelativeByPersonId: new Map(raw.flatMap((r) => r.member_ids.map((id) => [id, r.officer_relative_ids.includes(id)] as const))),
  };
}

interface RawDisability {
  id: string;
  person_id: string;
  region_code: string;
  category: DisabilityRow['category'];
  grade: number;
  certificate_number: string;
  issued_date: string;
  /** The disability programmes' standards, on the first row only. */
  standards: StandardJson[] | null;
}

/**
 * The disability records of the given persons, with the standards of the disability subsidies (when there is a
 * record at all). Ids that are not UUIDs match nothing.
 */
export async function disabilityRecordsWithStandards({ prisma }: CivilAffairsDb, personIds: string[]): Promise<WithStandards<DisabilityRow>> {
  const raw = await prisma.$queryRaw<RawDisability[]>`
    SELECT d.id::text, d.person_id::text, d.region_code, d.category::text, d.grade, d.certificate_number, d.issued_date::text,
           CASE WHEN row_number() OVER () = 1
                THEN ${standardsJson(Prisma.sql`s.programme::text = ANY(${[...DISABILITY_PROGRAMMES]}::text[])`)} END AS standards
      FROM "civil_affairs"."disability_record" d
     WHERE d.person_id = ANY(${personIds.filter(isUuid)}::uuid[])`;
  const rows = raw.map((r): DisabilityRow => ({
    id: r.id,
    personId: r.person_id,
    regionCode: r.region_code,
    category: r.category,
    grade: r.grade,
    certificateNumber: r.certificate_number,
    issuedDate: dateValue(r.issued_date),
  }));
  return { rows, standards: standardsByProgramme(raw.length > 0 ? DISABILITY_PROGRAMMES : [], raw.map((r) => r.standards)) };
}
