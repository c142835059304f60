import { quarterStart } from '../domain/dates';
import type { DisputeStatus } from '../domain/dispute';
import type { CommunityDb } from './db';
import type { CommunityStatisticsRow } from './models';

interface StatisticsSqlRow {
  code: string;
  households: bigint;
  population: bigint;
  floating: bigint;
  registered: bigint;
  disputes: Record<string, number> | null;
  petitions: bigint;
  escalated: bigint;
  active_files: bigint;
  overdue_files: bigint;
  admitted_tasks: bigint;
  admitted_forms: bigint;
  admitted_funding: bigint | null;
  elderly_alone: bigint;
  left_behind: bigint;
  disabled: bigint;
  honours: bigint;
}

const STATUSES: DisputeStatus[] = ['REPORTED', 'MEDIATING', 'RESOLVED', 'REFERRED', 'FAILED'];

/** Splits a statistics key `${code}:${year}` (empty year: all years). */
export function parseStatisticsKey(key: string): { code: string; year: number | null } {
  const [code, year] = key.split(':') as [string, string];
  return { code, year: year === '' ? null : Number(year) };
}

/**
 * Governance statistics for many subtrees: one statement per distinct year asked (normally one). Current
 * figures (population, floating, supervision, tags) refer to `today`; period figures to the year.
 * The overdue count applies the rule of domain/supervision.ts in SQL: in force today and no face-to-face
 * visit between the first day of the current quarter and today.
 */
export async function loadStatistics({ prisma }: CommunityDb, keys: readonly string[], today: string): Promise<CommunityStatisticsRow[]> {
  const parsed = keys.map(parseStatisticsKey);
  const byYear = new Map<number | null, string[]>();
  for (const { code, year } of parsed) byYear.set(year, [...(byYear.get(year) ?? []), code]);
  const results = new Map<string, CommunityStatisticsRow>();
  const quarter = quarterStart(today);
  for (const [year, codes] of byYear) {
    const rows = await prisma.$queryRaw<StatisticsSqlRow[]>`
      SELECT r.code,
        (SELECT count(*) FROM "community"."household" h WHERE h.region_code LIKE r.code || '%') AS households,
        m.population, m.floating, m.registered, m.elderly_alone, m.left_behind, m.disabled,
        (SELECT json_object_agg(x.status, x.n) FROM (
           SELECT d.status, count(*)::int AS n FROM "community"."dispute" d
            WHERE d.region_code LIKE r.code || '%' AND (${year}::int IS NULL OR EXTRACT(YEAR FROM d.reported_on) = ${year}::int)
            GROUP BY d.status) x) AS disputes,
        p.petitions, p.escalated,
        s.active_files, s.overdue_files,
        a.admitted_tasks, a.admitted_forms, a.admitted_funding,
        (SELECT count(*) FROM "community"."household_honour" hh JOIN "community"."household" h ON h.id = hh.household_id
          WHERE h.region_code LIKE r.code || '%' AND (${year}::int IS NULL OR hh.year = ${year}::int)) AS honours
      FROM unnest(${codes}::text[]) AS r(code)
      CROSS JOIN LATERAL (
        SELECT count(*) AS population,
               count(*) FILTER (WHERE h.registration_type = 'FLOATING') AS floating,
               count(*) FILTER (WHERE h.registration_type = 'FLOATING' AND EXISTS (
                 SELECT 1 FROM "community"."floating_registration" f WHERE f.person_id = hm.person_id AND f.departure_date IS NULL)) AS registered,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "community"."resident_tag" t
                 WHERE t.person_id = hm.person_id AND t.kind = 'ELDERLY_LIVING_ALONE' AND t.end_date IS NULL AND t.start_date <= ${today}::date)) AS elderly_alone,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "community"."resident_tag" t
                 WHERE t.person_id = hm.person_id AND t.kind = 'LEFT_BEHIND_CHILD' AND t.end_date IS NULL AND t.start_date <= ${today}::date)) AS left_behind,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "community"."resident_tag" t
                 WHERE t.person_id = hm.person_id AND t.kind = 'DISABLED' AND t.end_date IS NULL AND t.start_date <= ${today}::date)) AS disabled
          FROM "community"."household_membership" hm JOIN "community"."household" h ON h.id = hm.household_id
         WHERE hm.end_date IS NULL AND h.region_code LIKE r.code || '%') m
      CROSS JOIN LATERAL (
        SELECT count(*) AS petitions, count(*) FILTER (WHERE v.escalated) AS escalated
          FROM "community"."petition_visit" v
         WHERE v.region_code LIKE r.code || '%' AND (${year}::int IS NULL OR EXTRACT(YEAR FROM v.visit_date) = ${year}::int)) p
      CROSS JOIN LATERAL (
        SELECT count(*) AS active_files,
               count(*) FILTER (WHERE NOT EXISTS (
                 SELECT 1 FROM "community"."supervision_visit" sv
                  WHERE sv.file_id = f.id AND sv.mode = 'FACE_TO_FACE' AND sv.visit_date BETWEEN ${quarter}::date AND ${today}::date)) AS overdue_files
          FROM "community"."supervision_file" f
         WHERE f.region_code LIKE r.code || '%' AND f.start_date <= ${today}::date AND (f.end_date IS NULL OR f.end_date >= ${today}::date)) s
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE w.kind = 'TASK') AS admitted_tasks,
               count(*) FILTER (WHERE w.kind = 'REPORT_FORM') AS admitted_forms,
               sum(w.funding_fen)::bigint AS admitted_funding
          FROM "community"."work_admission" w
         WHERE w.region_code LIKE r.code || '%' AND w.status = 'APPROVED'
           AND (${year}::int IS NULL OR EXTRACT(YEAR FROM w.decided_on) = ${year}::int)) a`;
    for (const row of rows) {
      const disputes = Object.fromEntries(STATUSES.map((status) => [status, Number(row.disputes?.[status] ?? 0)])) as Record<DisputeStatus, number>;
      results.set(`${row.code}:${year ?? ''}`, {
        population: Number(row.population),
        households: Number(row.households),
        floatingPopulation: Number(row.floating),
        registeredFloatingPopulation: Number(row.registered),
        disputesByStatus: disputes,
        petitionVisits: Number(row.petitions),
        escalatedPetitionVisits: Number(row.escalated),
        activeSupervisionFiles: Number(row.active_files),
        overdueSupervisionFiles: Number(row.overdue_files),
        admittedTasks: Number(row.admitted_tasks),
        admittedReportForms: Number(row.admitted_forms),
        admittedFundingFen: row.admitted_funding ?? 0n,
        elderlyLivingAlone: Number(row.elderly_alone),
        leftBehindChildren: Number(row.left_behind),
        disabledResidents: Number(row.disabled),
        householdHonours: Number(row.honours),
      });
    }
  }
  return keys.map((key) => results.get(key)!);
}
