// The scans the maintained summary replaced (src/data/loaders.ts before issue #8), kept as the reference the
// summary is checked against in statistics-aggregates.test.ts: the same SQL, one region scope at a time.
import type { SafetyDb } from '../src/data/db';
import { RISK_LEVELS } from '../src/domain/risk';
import type { RegionSafetyFigures, RegionScope, InjuryTotals } from '../src/data/statistics';

type RawQueries = Pick<SafetyDb['prisma'], '$queryRaw'>;

/** Hazard and high-risk figures of the dashboard, as the former dashboard statement counted them. */
export async function referenceSafetyFigures(prisma: RawQueries, scope: RegionScope, today: string): Promise<RegionSafetyFigures> {
  const patterns = scope.prefixes.map((prefix) => `${prefix}%`);
  const [row] = await prisma.$queryRaw<{ open_hazards: number; overdue_hazards: number; by_level: Record<string, number> | null; high_risk_persons: number; high_risk_households: number }[]>`
    SELECT
      (SELECT count(*) FROM "safety"."hazard" h WHERE h.region_code LIKE ANY(${patterns}::text[]) AND h.status <> 'CLOSED')::int AS open_hazards,
      (SELECT count(*) FROM "safety"."hazard" h WHERE h.region_code LIKE ANY(${patterns}::text[]) AND h.status <> 'CLOSED' AND h.deadline < ${today}::date)::int AS overdue_hazards,
      (SELECT jsonb_object_agg(l.risk_level, l.n) FROM (SELECT h.risk_level::text AS risk_level, count(*)::int AS n FROM "safety"."hazard" h
          WHERE h.region_code LIKE ANY(${patterns}::text[]) AND h.status <> 'CLOSED' GROUP BY 1) l) AS by_level,
      (SELECT count(DISTINCT m.person_id) FROM "safety"."high_risk_member" m WHERE m.region_code LIKE ANY(${patterns}::text[]) AND m.person_id IS NOT NULL
          AND m.since <= ${today}::date AND (m.until IS NULL OR m.until >= ${today}::date))::int AS high_risk_persons,
      (SELECT count(DISTINCT m.household_id) FROM "safety"."high_risk_member" m WHERE m.region_code LIKE ANY(${patterns}::text[]) AND m.household_id IS NOT NULL
          AND m.since <= ${today}::date AND (m.until IS NULL OR m.until >= ${today}::date))::int AS high_risk_households`;
  const byLevel = row!.by_level ?? {};
  return {
    openHazards: row!.open_hazards,
    overdueHazards: row!.overdue_hazards,
    openByLevel: Object.fromEntries(RISK_LEVELS.map((level) => [level, byLevel[level] ?? 0])),
    highRiskPersons: row!.high_risk_persons,
    highRiskHouseholds: row!.high_risk_households,
  };
}

/** Injury totals of a period and of the period a year before, as the former injury statement counted them (no groupBy). */
export async function referenceInjuryTotals(prisma: RawQueries, scope: RegionScope, period: { from: string; to: string }, previous: { from: string; to: string }): Promise<InjuryTotals> {
  const [row] = await prisma.$queryRaw<InjuryTotals[]>`
    SELECT (count(*) FILTER (WHERE i.injury_date BETWEEN ${period.from}::date AND ${period.to}::date))::int AS "count",
           (count(*) FILTER (WHERE i.injury_date BETWEEN ${period.from}::date AND ${period.to}::date AND i.disposition IN ('HOSPITALIZED', 'TRANSFERRED')))::int AS "hospitalised",
           (count(*) FILTER (WHERE i.injury_date BETWEEN ${period.from}::date AND ${period.to}::date AND i.disposition = 'DIED'))::int AS "deaths",
           (count(*) FILTER (WHERE i.injury_date BETWEEN ${previous.from}::date AND ${previous.to}::date))::int AS "previousCount",
           (count(*) FILTER (WHERE i.injury_date BETWEEN ${previous.from}::date AND ${previous.to}::date AND i.disposition IN ('HOSPITALIZED', 'TRANSFERRED')))::int AS "previousHospitalised",
           (count(*) FILTER (WHERE i.injury_date BETWEEN ${previous.from}::date AND ${previous.to}::date AND i.disposition = 'DIED'))::int AS "previousDeaths"
      FROM unnest(${scope.prefixes}::text[]) AS r(prefix)
      JOIN "safety"."injury_record" i ON i.region_code LIKE r.prefix || '%'`;
  return row!;
}
