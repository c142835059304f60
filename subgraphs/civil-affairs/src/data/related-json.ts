import { dateValue } from '@hub/scalars';
import { Prisma } from '../generated/prisma/client';
import type { EnrolmentRow, FilingRow, StepRow } from './models';

/**
 * Related rows carried as JSON in the statement that reads their parents (an application's enrolment, steps and
 * conflict-of-interest filing, a payment's enrolment), so that a page holding such parents sends no second statement for them (issue #8). Each
 * row is mapped back to exactly the type Prisma gives: dates via dateValue, amounts as BigInt (carried as text, no
 * float rounding), timestamps from epoch milliseconds.
 */

export interface EnrolmentJson {
  id: string;
  programme: EnrolmentRow['programme'];
  household_id: string | null;
  person_id: string | null;
  region_code: string;
  category: EnrolmentRow['category'];
  member_count: number;
  monthly_amount_fen: string;
  start_date: string;
  end_date: string | null;
  status: EnrolmentRow['status'];
  termination_reason: EnrolmentRow['terminationReason'];
  per_capita_income_fen: string | null;
  last_reviewed_on: string | null;
  created_at_ms: number;
}

/** The enrolment whose id is `enrolmentId` as one JSON object (null when there is none). */
export const enrolmentJson = (enrolmentId: Prisma.Sql): Prisma.Sql => Prisma.sql`(
  SELECT json_build_object(
           'id', e.id, 'programme', e.programme, 'household_id', e.household_id, 'person_id', e.person_id,
           'region_code', e.region_code, 'category', e.category, 'member_count', e.member_count,
           'monthly_amount_fen', e.monthly_amount_fen::text, 'start_date', e.start_date::text, 'end_date', e.end_date::text,
           'status', e.status, 'termination_reason', e.termination_reason, 'per_capita_income_fen', e.per_capita_income_fen::text,
           'last_reviewed_on', e.last_reviewed_on::text, 'created_at_ms', (extract(epoch FROM e.created_at) * 1000)::float8)
    FROM "civil_affairs"."enrolment" e WHERE e.id = ${enrolmentId})`;

export const enrolmentOfJson = (e: EnrolmentJson): EnrolmentRow => ({
  id: e.id,
  programme: e.programme,
  householdId: e.household_id,
  personId: e.person_id,
  regionCode: e.region_code,
  category: e.category,
  memberCount: e.member_count,
  monthlyAmount: BigInt(e.monthly_amount_fen),
  startDate: dateValue(e.start_date),
  endDate: e.end_date === null ? null : dateValue(e.end_date),
  status: e.status,
  terminationReason: e.termination_reason,
  perCapitaIncome: e.per_capita_income_fen === null ? null : BigInt(e.per_capita_income_fen),
  lastReviewedOn: e.last_reviewed_on === null ? null : dateValue(e.last_reviewed_on),
  createdAt: new Date(e.created_at_ms),
});

export interface StepJson {
  id: string;
  application_id: string;
  stage: StepRow['stage'];
  officer_name: string;
  date: string;
  note: string | null;
  created_at_ms: number;
}

/** The order of an application's steps wherever they are read: by date, then creation, then id (fully determined). */
export const STEP_ORDER = [{ date: 'asc' as const }, { createdAt: 'asc' as const }, { id: 'asc' as const }];

/** The steps of the application whose id is `applicationId` as one JSON array, in STEP_ORDER ([] when none). */
export const stepsJson = (applicationId: Prisma.Sql): Prisma.Sql => Prisma.sql`(
  SELECT coalesce(json_agg(json_build_object(
           'id', st.id, 'application_id', st.application_id, 'stage', st.stage, 'officer_name', st.officer_name,
           'date', st.date::text, 'note', st.note, 'created_at_ms', (extract(epoch FROM st.created_at) * 1000)::float8
         ) ORDER BY st.date ASC, st.created_at ASC, st.id ASC), '[]'::json)
    FROM "civil_affairs"."application_step" st WHERE st.application_id = ${applicationId})`;

export const stepOfJson = (s: StepJson): StepRow => ({
  id: s.id,
  applicationId: s.application_id,
  stage: s.stage,
  officerName: s.officer_name,
  date: dateValue(s.date),
  note: s.note,
  createdAt: new Date(s.created_at_ms),
});

export interface FilingJson {
  id: string;
  application_id: string;
  related_person_ids: string[];
  filed_by: string;
  filed_on: string;
  note: string;
  created_at_ms: number;
}

/** The conflict-of-interest filing of the application whose id is `applicationId` as one JSON object (null when none). */
export const filingJson = (applicationId: Prisma.Sql): Prisma.Sql => Prisma.sql`(
  SELECT json_build_object(
           'id', f.id, 'application_id', f.application_id, 'related_person_ids', f.related_person_ids, 'filed_by', f.filed_by,
           'filed_on', f.filed_on::text, 'note', f.note, 'created_at_ms', (extract(epoch FROM f.created_at) * 1000)::float8)
    FROM "civil_affairs"."conflict_filing" f WHERE f.application_id = ${applicationId})`;

export const filingOfJson = (f: FilingJson): FilingRow => ({
  id: f.id,
  applicationId: f.application_id,
  relatedPersonIds: f.related_person_ids,
  filedBy: f.filed_by,
  filedOn: dateValue(f.filed_on),
  note: f.note,
  createdAt: new Date(f.created_at_ms),
});
