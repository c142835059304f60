// The statistics as they were computed before the maintained summary (issue #8), kept verbatim as the reference the
// summary must match exactly: every figure scans the subtree's households, memberships and records at request time.
import { quarterStart } from '../src/domain/dates';
import type { DisputeStatus } from '../src/domain/dispute';
import type { CommunityStatisticsRow } from '../src/data/models';
import { parseStatisticsKey, subtreeRoots } from '../src/data/statistics';
import type { PrismaClient } from '../src/generated/prisma/client';

type RawQueries = Pick<PrismaClient, '$queryRaw'>;

const STATUSES: DisputeStatus[] = ['REPORTED', 'MEDIATING', 'RESOLVED', 'REFERRED', 'FAILED'];

/** The former regionCounts loader: households and current members under each prefix. */
export async function referenceRegionCounts(prisma: RawQueries, codes: readonly string[]): Promise<{ population: number; householdCount: number }[]> {
  const rows = await prisma.$queryRaw<{ code: string; households: bigint; population: bigint }[]>`
    SELECT r.code,
           (SELECT count(*) FROM "community"."household" h WHERE h.region_code LIKE r.code || '%') AS households,
           (SELECT count(*) FROM "community"."household_membership" m
              JOIN "community"."household" h ON h.id = m.household_id
             WHERE m.end_date IS NULL AND h.region_code LIKE r.code || '%') AS population
      FROM unnest(${[...codes]}::text[]) AS r(code)`;
  const map = new Map(rows.map((r) => [r.code, { population: Number(r.population), householdCount: Number(r.households) }]));
  return codes.map((code) => map.get(code) ?? { population: 0, householdCount: 0 });
}

interface CommunityRow {
  region_code: string;
  [figure: string]: unknown;
}

/**
 * The former statistics loader, verbatim. Governance statistics for many subtrees in one statement per distinct year
 * asked (normally one).
 * Rows are read once per community under the asked roots (range predicates on the code, which the
 * text_pattern_ops indexes serve) and added up per asked code. Current figures (population, floating,
 * supervision, tags) refer to `today`; period figures to the year. The overdue count applies the rule of
 * domain/supervision.ts in SQL: in force today and no face-to-face visit from the quarter's first day to today.
 */
export async function referenceStatistics(prisma: RawQueries, keys: readonly string[], today: string): Promise<CommunityStatisticsRow[]> {
  const parsed = keys.map(parseStatisticsKey);
  const byYear = new Map<number | null, string[]>();
  for (const { code, year } of parsed) byYear.set(year, [...(byYear.get(year) ?? []), code]);
  const results = new Map<string, CommunityStatisticsRow>();
  const quarter = quarterStart(today);
  for (const [year, codes] of byYear) {
    const roots = subtreeRoots(codes);
    const [row] = await prisma.$queryRaw<{ communities: CommunityRow[] | null; disputes: { region_code: string; status: DisputeStatus; n: number }[] | null }[]>`
      WITH roots AS (SELECT code FROM unnest(${roots}::text[]) AS code),
      scope AS (
        SELECT h.id, h.region_code, h.registration_type FROM roots r
          JOIN "community"."household" h ON h.region_code ~>=~ r.code AND h.region_code ~<~ (r.code || ':')),
      tags AS (
        SELECT person_id, bool_or(kind = 'ELDERLY_LIVING_ALONE') AS elderly, bool_or(kind = 'LEFT_BEHIND_CHILD') AS left_behind, bool_or(kind = 'DISABLED') AS disabled
          FROM "community"."resident_tag" WHERE end_date IS NULL AND start_date <= ${today}::date GROUP BY person_id),
      residents AS (
        SELECT s.region_code,
               count(*) AS population,
               count(*) FILTER (WHERE s.registration_type = 'FLOATING') AS floating,
               count(*) FILTER (WHERE s.registration_type = 'FLOATING' AND EXISTS (
                 SELECT 1 FROM "community"."floating_registration" f WHERE f.person_id = hm.person_id AND f.departure_date IS NULL)) AS registered,
               count(*) FILTER (WHERE t.elderly) AS elderly_alone,
               count(*) FILTER (WHERE t.left_behind) AS left_behind,
               count(*) FILTER (WHERE t.disabled) AS disabled
          FROM scope s JOIN "community"."household_membership" hm ON hm.household_id = s.id AND hm.end_date IS NULL
          LEFT JOIN tags t ON t.person_id = hm.person_id
         GROUP BY s.region_code),
      households AS (SELECT region_code, count(*) AS households FROM scope GROUP BY region_code),
      honours AS (
        SELECT s.region_code, count(*) AS honours FROM scope s JOIN "community"."household_honour" hh ON hh.household_id = s.id
         WHERE ${year}::int IS NULL OR hh.year = ${year}::int GROUP BY s.region_code),
      petitions AS (
        SELECT v.region_code, count(*) AS petitions, count(*) FILTER (WHERE v.escalated) AS escalated
          FROM roots r JOIN "community"."petition_visit" v ON v.region_code ~>=~ r.code AND v.region_code ~<~ (r.code || ':')
         WHERE ${year}::int IS NULL OR EXTRACT(YEAR FROM v.visit_date) = ${year}::int GROUP BY v.region_code),
      supervision AS (
        SELECT f.region_code, count(*) AS active_files,
               count(*) FILTER (WHERE NOT EXISTS (
                 SELECT 1 FROM "community"."supervision_visit" sv
                  WHERE sv.file_id = f.id AND sv.mode = 'FACE_TO_FACE' AND sv.visit_date BETWEEN ${quarter}::date AND ${today}::date)) AS overdue_files
          FROM roots r JOIN "community"."supervision_file" f ON f.region_code ~>=~ r.code AND f.region_code ~<~ (r.code || ':')
         WHERE f.start_date <= ${today}::date AND (f.end_date IS NULL OR f.end_date >= ${today}::date) GROUP BY f.region_code),
      admissions AS (
        SELECT w.region_code, count(*) FILTER (WHERE w.kind = 'TASK') AS admitted_tasks, count(*) FILTER (WHERE w.kind = 'REPORT_FORM') AS admitted_forms,
               sum(w.funding_fen)::text AS admitted_funding
          FROM roots r JOIN "community"."work_admission" w ON w.region_code ~>=~ r.code AND w.region_code ~<~ (r.code || ':')
         WHERE w.status = 'APPROVED' AND (${year}::int IS NULL OR EXTRACT(YEAR FROM w.decided_on) = ${year}::int) GROUP BY w.region_code),
      disputes AS (
        SELECT d.region_code, d.status, count(*)::int AS n
          FROM roots r JOIN "community"."dispute" d ON d.region_code ~>=~ r.code AND d.region_code ~<~ (r.code || ':')
         WHERE ${year}::int IS NULL OR EXTRACT(YEAR FROM d.reported_on) = ${year}::int GROUP BY d.region_code, d.status),
      communities AS (
        SELECT c.region_code, coalesce(re.population, 0)::int AS population, coalesce(hs.households, 0)::int AS households,
               coalesce(re.floating, 0)::int AS floating, coalesce(re.registered, 0)::int AS registered,
               coalesce(re.elderly_alone, 0)::int AS elderly_alone, coalesce(re.left_behind, 0)::int AS left_behind, coalesce(re.disabled, 0)::int AS disabled,
               coalesce(ho.honours, 0)::int AS honours, coalesce(pe.petitions, 0)::int AS petitions, coalesce(pe.escalated, 0)::int AS escalated,
               coalesce(su.active_files, 0)::int AS active_files, coalesce(su.overdue_files, 0)::int AS overdue_files,
               coalesce(ad.admitted_tasks, 0)::int AS admitted_tasks, coalesce(ad.admitted_forms, 0)::int AS admitted_forms, coalesce(ad.admitted_funding, '0') AS admitted_funding
          FROM (SELECT region_code FROM households UNION SELECT region_code FROM petitions UNION SELECT region_code FROM supervision
                UNION SELECT region_code FROM admissions UNION SELECT region_code FROM disputes) c
          LEFT JOIN residents re USING (region_code) LEFT JOIN households hs USING (region_code) LEFT JOIN honours ho USING (region_code)
          LEFT JOIN petitions pe USING (region_code) LEFT JOIN supervision su USING (region_code) LEFT JOIN admissions ad USING (region_code))
      SELECT (SELECT json_agg(communities) FROM communities) AS communities, (SELECT json_agg(disputes) FROM disputes) AS disputes`;
    const communities = row?.communities ?? [];
    const disputeRows = row?.disputes ?? [];
    for (const code of codes) {
      const under = communities.filter((c) => c.region_code.startsWith(code));
      const sum = (figure: string): number => under.reduce((total, c) => total + Number(c[figure]), 0);
      const disputes = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<DisputeStatus, number>;
      for (const d of disputeRows) if (d.region_code.startsWith(code)) disputes[d.status] += d.n;
      results.set(`${code}:${year ?? ''}`, {
        population: sum('population'),
        households: sum('households'),
        floatingPopulation: sum('floating'),
        registeredFloatingPopulation: sum('registered'),
        disputesByStatus: disputes,
        petitionVisits: sum('petitions'),
        escalatedPetitionVisits: sum('escalated'),
        activeSupervisionFiles: sum('active_files'),
        overdueSupervisionFiles: sum('overdue_files'),
        admittedTasks: sum('admitted_tasks'),
        admittedReportForms: sum('admitted_forms'),
        admittedFundingFen: under.reduce((total, c) => total + BigInt(String(c.admitted_funding)), 0n),
        elderlyLivingAlone: sum('elderly_alone'),
        leftBehindChildren: sum('left_behind'),
        disabledResidents: sum('disabled'),
        householdHonours: sum('honours'),
      });
    }
  }
  return keys.map((key) => results.get(key)!);
}
