import type { Caller } from '@hub/access';
import { byKey, groupByKey } from '@hub/database';
import DataLoader from 'dataloader';
import { Prisma } from '../generated/prisma/client';
import { previousYear, type GroupCounts, type InjuryDimension, type PreviousTotals } from '../domain/injuryStatistics';
import { indicatorAchieved } from '../domain/indicator';
import { RISK_LEVELS } from '../domain/risk';
import { todayIso, toDate as dateValue } from '../domain/dates';
import type { SafetyDb } from './db';
import { disjointPrefixes, jurisdictionWhere, statisticsPrefixes } from './jurisdiction';
import { loadInjuryTotals, loadRegionSafetyFigures, type RegionScope } from './statistics';
import type {
  CorrectiveActionRow,
  DrillRow,
  EmergencyPlanRow,
  EmergencyPlanVersionRow,
  HazardRow,
  HighRiskGroupRow,
  HighRiskMemberRow,
  InjuryRecordRow,
  InterventionProjectRow,
  ProgrammePhaseRow,
  ProgrammeRow,
  ProjectActivityRow,
  ProjectIndicatorRow,
  ReviewRow,
  SafetyStatisticsModel,
  WorkingGroupMemberRow,
  WorkingGroupRow,
} from './models';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else cannot name a record here, so it is left out of the query. */
export const isUuid = (id: string): boolean => UUID.test(id);

/** A loader of rows by their uuid primary key. */
function byId<V extends { id: string }>(find: (ids: string[]) => Promise<V[]>) {
  return new DataLoader<string, V | null>(async (ids) => byKey(ids, await find(ids.filter(isUuid)), (r) => r.id));
}

/** A loader of the rows that point at a parent through a uuid column. */
function childrenOf<V>(find: (ids: string[]) => Promise<V[]>, parentOf: (row: V) => string | null) {
  return new DataLoader<string, V[]>(async (ids) => groupByKey(ids, await find(ids.filter(isUuid)), (r) => parentOf(r)!));
}

/** A high-risk entry with its group and the group's current count, as one raw row (dates as YYYY-MM-DD). */
type HighRiskMemberWithGroup = {
  id: string;
  group_id: string;
  person_id: string | null;
  household_id: string | null;
  region_code: string;
  reason: string;
  since: string;
  until: string | null;
  programme_id: string;
  category: HighRiskGroupRow['category'];
  name: string;
  main_risks: string;
  current_count: number;
};

export interface InjuryStatsKey {
  regionCode: string;
  from: string;
  to: string;
  groupBy: InjuryDimension | null;
}

export interface InjuryStatsRows {
  rows: GroupCounts[];
  previous: PreviousTotals;
}

const HOSPITALISED = Prisma.sql`i.disposition IN ('HOSPITALIZED', 'TRANSFERRED')`;

/** The SQL expression of a dimension's key; whitelisted, never from client text. */
function keyExpression(groupBy: InjuryDimension | null): Prisma.Sql {
  switch (groupBy) {
    case null:
      return Prisma.sql`'TOTAL'`;
    case 'AGE_BAND':
      return Prisma.sql`CASE WHEN i.age <= 4 THEN 'AGE_0_4' WHEN i.age <= 14 THEN 'AGE_5_14' WHEN i.age <= 24 THEN 'AGE_15_24'
        WHEN i.age <= 44 THEN 'AGE_25_44' WHEN i.age <= 64 THEN 'AGE_45_64' ELSE 'AGE_65_PLUS' END`;
    case 'SEX':
      return Prisma.sql`i.sex::text`;
    case 'INTENT':
      return Prisma.sql`i.intent::text`;
    case 'CAUSE':
      return Prisma.sql`i.cause::text`;
    case 'PLACE':
      return Prisma.sql`i.place::text`;
    case 'ACTIVITY':
      return Prisma.sql`i.activity::text`;
    case 'SEVERITY':
      return Prisma.sql`i.severity::text`;
  }
}

type CountRow = { code: string; key: string; count: number; hospitalised: number; deaths: number; previous: number; previous_hospitalised: number; previous_deaths: number };

/** Parallel arrays (code, prefix), one pair per counted prefix, for `unnest` in one statement. */
function scopePairs(scopes: RegionScope[]): { codes: string[]; prefixes: string[] } {
  const pairs = scopes.flatMap((scope) => scope.prefixes.map((prefix) => [scope.code, prefix] as const));
  return { codes: pairs.map(([code]) => code), prefixes: pairs.map(([, prefix]) => prefix) };
}

/** Injury counts for many regions with the same period and dimension: one statement. */
async function injuryCounts(prisma: SafetyDb['prisma'], scopes: RegionScope[], from: string, to: string, groupBy: InjuryDimension | null): Promise<Map<string, InjuryStatsRows>> {
  const prev = previousYear({ from, to });
  if (groupBy === null) return injuryTotalRows(prisma, scopes, { from, to }, prev);
  // The prefixes of one region are disjoint, so summing a region's pairs counts every injury once.
  const { codes, prefixes } = scopePairs(scopes);
  const current = Prisma.sql`i.injury_date BETWEEN ${from}::date AND ${to}::date`;
  const before = Prisma.sql`i.injury_date BETWEEN ${prev.from}::date AND ${prev.to}::date`;
  const rows = await prisma.$queryRaw<CountRow[]>`
    SELECT r.code, ${keyExpression(groupBy)} AS key,
           (count(*) FILTER (WHERE ${current}))::int AS count,
           (count(*) FILTER (WHERE ${current} AND ${HOSPITALISED}))::int AS hospitalised,
           (count(*) FILTER (WHERE ${current} AND i.disposition = 'DIED'))::int AS deaths,
           (count(*) FILTER (WHERE ${before}))::int AS previous,
           (count(*) FILTER (WHERE ${before} AND ${HOSPITALISED}))::int AS previous_hospitalised,
           (count(*) FILTER (WHERE ${before} AND i.disposition = 'DIED'))::int AS previous_deaths
      FROM unnest(${codes}::text[], ${prefixes}::text[]) AS r(code, prefix)
      JOIN "safety"."injury_record" i ON i.region_code LIKE r.prefix || '%'
     WHERE (${current}) OR (${before})
     GROUP BY 1, 2`;
  const result = new Map<string, InjuryStatsRows>(scopes.map(({ code }) => [code, { rows: [], previous: { hospitalised: 0, deaths: 0 } }]));
  for (const row of rows) {
    const entry = result.get(row.code)!;
    entry.rows.push({ key: row.key, count: row.count, hospitalised: row.hospitalised, deaths: row.deaths, previousCount: row.previous });
    entry.previous.hospitalised += row.previous_hospitalised;
    entry.previous.deaths += row.previous_deaths;
  }
  return result;
}

/**
 * Totals (no groupBy, as the dashboard asks) from the maintained summary, in the shape of the grouped count: one
 * TOTAL row when the period or the year before has an injury, none otherwise.
 */
async function injuryTotalRows(prisma: SafetyDb['prisma'], scopes: RegionScope[], period: { from: string; to: string }, previous: { from: string; to: string }): Promise<Map<string, InjuryStatsRows>> {
  const totals = await loadInjuryTotals(prisma, scopes, period, previous);
  return new Map(
    [...totals].map(([code, t]) => [
      code,
      {
        rows: t.count > 0 || t.previousCount > 0 ? [{ key: 'TOTAL', count: t.count, hospitalised: t.hospitalised, deaths: t.deaths, previousCount: t.previousCount }] : [],
        previous: { hospitalised: t.previousHospitalised, deaths: t.previousDeaths },
      },
    ]),
  );
}

/** Batches keys that share everything but the region into one statement per (period, dimension). */
function partitioned<K, V>(partitionOf: (key: K) => string, load: (keys: K[]) => Promise<V[]>) {
  return async (keys: readonly K[]): Promise<V[]> => {
    const parts = new Map<string, number[]>();
    keys.forEach((key, index) => {
      const p = partitionOf(key);
      parts.set(p, [...(parts.get(p) ?? []), index]);
    });
    const out = new Array<V>(keys.length);
    await Promise.all(
      [...parts.values()].map(async (indexes) => {
        const values = await load(indexes.map((i) => keys[i]!));
        indexes.forEach((i, n) => (out[i] = values[n]!));
      }),
    );
    return out;
  };
}

export interface SafetyStatsKey {
  regionCode: string;
  year: number;
  /** The last day counted: today in the current year, 31 December before. */
  until: string;
  today: string;
}

const EMPTY_DASHBOARD: DashboardRow = {
  code: '',
  open_hazards: 0,
  overdue_hazards: 0,
  by_level: null,
  high_risk_persons: 0,
  high_risk_households: 0,
  active_projects: 0,
  activities: 0,
  activity_participants: 0,
  drills: 0,
  overdue_actions: 0,
};

type DashboardRow = {
  code: string;
  open_hazards: number;
  overdue_hazards: number;
  by_level: Record<string, number> | null;
  high_risk_persons: number;
  high_risk_households: number;
  active_projects: number;
  activities: number;
  activity_participants: number;
  drills: number;
  overdue_actions: number;
};

/**
 * Programmes that cover a region's counted parts: their own, their ancestors' (a town's programme covers its
 * villages) and their descendants'. Needs `r.patterns` (prefix || '%') and `r.prefixes` from SCOPES.
 */
const COVERING = (alias: string) =>
  Prisma.raw(`(${alias}.region_code LIKE ANY(r.patterns) OR EXISTS (SELECT 1 FROM unnest(r.prefixes) AS p(prefix) WHERE p.prefix LIKE ${alias}.region_code || '%'))`);

/** One row per region with the LIKE patterns and the prefixes it may count. */
function scopesRelation(scopes: RegionScope[]): Prisma.Sql {
  const { codes, prefixes } = scopePairs(scopes);
  return Prisma.sql`(SELECT v.code, array_agg(v.prefix || '%') AS patterns, array_agg(v.prefix) AS prefixes
      FROM unnest(${codes}::text[], ${prefixes}::text[]) AS v(code, prefix) GROUP BY v.code)`;
}

async function dashboardRows(prisma: SafetyDb['prisma'], scopes: RegionScope[], from: string, until: string, today: string): Promise<Map<string, DashboardRow>> {
  // Hazards and high-risk members grow with the population: from the maintained summary. Programmes and their
  // records are a few per town: read directly.
  const [figures, rows] = await Promise.all([
    loadRegionSafetyFigures(prisma, scopes, today),
    prisma.$queryRaw<Omit<DashboardRow, 'open_hazards' | 'overdue_hazards' | 'by_level' | 'high_risk_persons' | 'high_risk_households'>[]>`
    SELECT r.code,
      (SELECT count(*) FROM "safety"."intervention_project" p JOIN "safety"."programme" g ON g.id = p.programme_id
          WHERE ${COVERING('g')} AND p.status = 'ACTIVE')::int AS active_projects,
      (SELECT count(*) FROM "safety"."project_activity" a JOIN "safety"."intervention_project" p ON p.id = a.project_id
          JOIN "safety"."programme" g ON g.id = p.programme_id WHERE ${COVERING('g')} AND a.held_on BETWEEN ${from}::date AND ${until}::date)::int AS activities,
      (SELECT coalesce(sum(a.participants), 0) FROM "safety"."project_activity" a JOIN "safety"."intervention_project" p ON p.id = a.project_id
          JOIN "safety"."programme" g ON g.id = p.programme_id WHERE ${COVERING('g')} AND a.held_on BETWEEN ${from}::date AND ${until}::date)::int AS activity_participants,
      (SELECT count(*) FROM "safety"."drill" d JOIN "safety"."emergency_plan" e ON e.id = d.plan_id
          JOIN "safety"."programme" g ON g.id = e.programme_id WHERE ${COVERING('g')} AND d.held_on BETWEEN ${from}::date AND ${until}::date)::int AS drills,
      (SELECT count(*) FROM "safety"."corrective_action" c JOIN "safety"."programme" g ON g.id = c.programme_id
          WHERE ${COVERING('g')} AND c.status IN ('OPEN', 'IN_PROGRESS') AND c.due_date < ${today}::date)::int AS overdue_actions
    FROM ${scopesRelation(scopes)} AS r`,
  ]);
  return new Map(
    rows.map((row) => {
      const figure = figures.get(row.code)!;
      return [
        row.code,
        {
          ...row,
          open_hazards: figure.openHazards,
          overdue_hazards: figure.overdueHazards,
          by_level: figure.openByLevel,
          high_risk_persons: figure.highRiskPersons,
          high_risk_households: figure.highRiskHouseholds,
        },
      ];
    }),
  );
}

/**
 * One set per request, for one caller: every entity reference and relation is batched into one statement
 * per kind; records of persons and households and every count are limited to the caller's jurisdiction.
 */
export function createLoaders(db: SafetyDb, caller: Caller) {
  const { prisma } = db;
  const inJurisdiction = jurisdictionWhere(caller);
  const scopeOf = (code: string): RegionScope => ({ code, prefixes: statisticsPrefixes(caller, code) });
  const scopesOf = (codes: readonly string[]): RegionScope[] => [...new Set(codes)].map(scopeOf).filter((scope) => scope.prefixes.length > 0);
  const injuryStatistics = new DataLoader<InjuryStatsKey, InjuryStatsRows, string>(
    partitioned(
      (k) => `${k.from}|${k.to}|${k.groupBy}`,
      async (keys) => {
        const { from, to, groupBy } = keys[0]!;
        const counts = await injuryCounts(prisma, scopesOf(keys.map((k) => k.regionCode)), from, to, groupBy);
        return keys.map((k) => counts.get(k.regionCode) ?? { rows: [], previous: { hospitalised: 0, deaths: 0 } });
      },
    ),
    { cacheKeyFn: (k) => `${k.regionCode}|${k.from}|${k.to}|${k.groupBy}` },
  );

  const dashboard = new DataLoader<SafetyStatsKey, Omit<SafetyStatisticsModel, 'year' | 'injuries' | 'injuriesPreviousYear' | 'injuryChangeRate' | 'injuryRatePer100k' | 'hospitalised' | 'deaths' | 'indicatorsAchieved' | 'indicatorsMeasured'>, string>(
    partitioned(
      (k) => `${k.year}|${k.until}|${k.today}`,
      async (keys) => {
        const { year, until, today } = keys[0]!;
        const rows = await dashboardRows(prisma, scopesOf(keys.map((k) => k.regionCode)), `${year}-01-01`, until, today);
        return keys.map((k) => {
          const row = rows.get(k.regionCode) ?? EMPTY_DASHBOARD;
          return {
            openHazards: row.open_hazards,
            overdueHazards: row.overdue_hazards,
            openHazardsByRiskLevel: RISK_LEVELS.map((riskLevel) => ({ riskLevel, open: row.by_level?.[riskLevel] ?? 0 })),
            highRiskPersons: row.high_risk_persons,
            highRiskHouseholds: row.high_risk_households,
            activeProjects: row.active_projects,
            activities: row.activities,
            activityParticipants: row.activity_participants,
            drills: row.drills,
            overdueCorrectiveActions: row.overdue_actions,
          };
        });
      },
    ),
    { cacheKeyFn: (k) => `${k.regionCode}|${k.year}|${k.until}|${k.today}` },
  );

  // Indicators of the programmes covering each region: achievement is the domain rule, so it is judged here, not in SQL.
  const indicatorsByRegionCode = new DataLoader<string, ProjectIndicatorRow[]>(async (codes) => {
    const rows = await prisma.$queryRaw<(ProjectIndicatorRow & { code: string })[]>`
      SELECT r.code, i.id, i.project_id AS "projectId", i.name, i.unit, i.direction::text AS direction, i.baseline, i.target, i.actual, i.measured_on AS "measuredOn"
        FROM ${scopesRelation(scopesOf(codes))} AS r
        JOIN "safety"."programme" g ON ${COVERING('g')}
        JOIN "safety"."intervention_project" p ON p.programme_id = g.id
        JOIN "safety"."project_indicator" i ON i.project_id = p.id`;
    return groupByKey(codes, rows, (r) => r.code);
  });

  /** The programme of a region or of its nearest ancestor that has one. */
  const programmeCoveringRegion = new DataLoader<string, ProgrammeRow | null>(async (codes) => {
    const candidates = (code: string): string[] => [code, code.slice(0, 9), code.slice(0, 6)].filter((c, i, all) => c.length >= 6 && all.indexOf(c) === i);
    const rows = await prisma.programme.findMany({ where: { regionCode: { in: [...new Set(codes.flatMap(candidates))] } } });
    const map = new Map(rows.map((r) => [r.regionCode, r]));
    return codes.map((code) => candidates(code).map((c) => map.get(c)).find(Boolean) ?? null);
  });

  const highRiskGroupById = byId<HighRiskGroupRow>((ids) => prisma.highRiskGroup.findMany({ where: { id: { in: ids } } }));
  // Current as Person.highRisk counts it: begun by today and not ended before today; inside the jurisdiction.
  const highRiskCurrentCount = new DataLoader<string, number>(async (ids) => {
    const today = new Date(`${todayIso()}T00:00:00Z`);
    const rows = await prisma.highRiskMember.groupBy({
      by: ['groupId'],
      where: { groupId: { in: ids.filter(isUuid) }, since: { lte: today }, AND: [{ OR: [{ until: null }, { until: { gte: today } }] }, inJurisdiction] },
      _count: { _all: true },
    });
    const map = new Map(rows.map((r) => [r.groupId, r._count._all]));
    return ids.map((id) => map.get(id) ?? 0);
  });
  // LIKE patterns of the caller's subtrees for raw statements, the same rows as jurisdictionWhere (region codes are digits).
  const ownRegions = disjointPrefixes(caller.jurisdiction)
    .filter((root) => /^\d+$/.test(root))
    .map((root) => `${root}%`);

  /**
   * High-risk entries of persons or households with their groups and the groups' current counts in the same
   * statement (primed into highRiskGroupById and highRiskCurrentCount), so a page holding high-risk entries
   * sends no second statement that a page without them would not. Ordered as before: since desc, id asc.
   */
  async function highRiskMembersWithGroups(parentColumn: 'person_id' | 'household_id', ids: string[]): Promise<HighRiskMemberRow[]> {
    const today = todayIso();
    const rows = await prisma.$queryRaw<HighRiskMemberWithGroup[]>`
      WITH m AS (
        SELECT m.id, m.group_id, m.person_id, m.household_id, m.region_code, m.reason, m.since, m.until
          FROM "safety"."high_risk_member" m
         WHERE m.${Prisma.raw(parentColumn)} = ANY(${ids}::uuid[]) AND m.region_code LIKE ANY(${ownRegions}::text[])),
      g AS (
        SELECT g.id, g.programme_id, g.category, g.name, g.main_risks,
               (SELECT count(*) FROM "safety"."high_risk_member" c
                 WHERE c.group_id = g.id AND c.since <= ${today}::date AND (c.until IS NULL OR c.until >= ${today}::date)
                   AND c.region_code LIKE ANY(${ownRegions}::text[]))::int AS current_count
          FROM "safety"."high_risk_group" g
         WHERE g.id IN (SELECT group_id FROM m))
      SELECT m.id::text, m.group_id::text, m.person_id::text, m.household_id::text, m.region_code, m.reason,
             m.since::text, m.until::text, g.programme_id::text, g.category::text, g.name, g.main_risks, g.current_count
        FROM m JOIN g ON g.id = m.group_id
       ORDER BY m.since DESC, m.id ASC`;
    return rows.map((r) => {
      highRiskGroupById.prime(r.group_id, { id: r.group_id, programmeId: r.programme_id, category: r.category, name: r.name, mainRisks: r.main_risks });
      highRiskCurrentCount.prime(r.group_id, r.current_count);
      const member: HighRiskMemberRow = {
        id: r.id,
        groupId: r.group_id,
        personId: r.person_id,
        householdId: r.household_id,
        regionCode: r.region_code,
        reason: r.reason,
        since: dateValue(r.since),
        until: r.until === null ? null : dateValue(r.until),
      };
      return member;
    });
  }

  return {
    injuriesByPersonId: childrenOf<InjuryRecordRow>(
      (ids) => prisma.injuryRecord.findMany({ where: { personId: { in: ids }, ...inJurisdiction }, orderBy: [{ injuryDate: 'desc' }, { id: 'asc' }] }),
      (r) => r.personId,
    ),
    injuriesByHouseholdId: childrenOf<InjuryRecordRow>(
      (ids) => prisma.injuryRecord.findMany({ where: { householdId: { in: ids }, ...inJurisdiction }, orderBy: [{ injuryDate: 'desc' }, { id: 'asc' }] }),
      (r) => r.householdId,
    ),
    injuryStatistics,
    dashboard,
    indicatorsByRegionCode,
    programmeCoveringRegion,
    programmeById: byId<ProgrammeRow>((ids) => prisma.programme.findMany({ where: { id: { in: ids } } })),
    phasesByProgrammeId: childrenOf<ProgrammePhaseRow>((ids) => prisma.programmePhase.findMany({ where: { programmeId: { in: ids } }, orderBy: { plannedStart: 'asc' } }), (r) => r.programmeId),
    workingGroupById: byId<WorkingGroupRow>((ids) => prisma.workingGroup.findMany({ where: { id: { in: ids } } })),
    workingGroupsByProgrammeId: childrenOf<WorkingGroupRow>((ids) => prisma.workingGroup.findMany({ where: { programmeId: { in: ids } }, orderBy: [{ kind: 'asc' }, { name: 'asc' }] }), (r) => r.programmeId),
    membersByGroupId: childrenOf<WorkingGroupMemberRow>((ids) => prisma.workingGroupMember.findMany({ where: { groupId: { in: ids } }, orderBy: [{ role: 'asc' }, { name: 'asc' }] }), (r) => r.groupId),
    hazardById: byId<HazardRow>((ids) => prisma.hazard.findMany({ where: { id: { in: ids } } })),
    highRiskGroupById,
    highRiskGroupsByProgrammeId: childrenOf<HighRiskGroupRow>((ids) => prisma.highRiskGroup.findMany({ where: { programmeId: { in: ids } }, orderBy: { name: 'asc' } }), (r) => r.programmeId),
    highRiskCurrentCount,
    highRiskByPersonId: new DataLoader<string, HighRiskMemberRow[]>(async (ids) => groupByKey(ids, await highRiskMembersWithGroups('person_id', ids.filter(isUuid)), (r) => r.personId!)),
    highRiskByHouseholdId: new DataLoader<string, HighRiskMemberRow[]>(async (ids) => groupByKey(ids, await highRiskMembersWithGroups('household_id', ids.filter(isUuid)), (r) => r.householdId!)),
    projectById: byId<InterventionProjectRow>((ids) => prisma.interventionProject.findMany({ where: { id: { in: ids } } })),
    projectsByProgrammeId: childrenOf<InterventionProjectRow>((ids) => prisma.interventionProject.findMany({ where: { programmeId: { in: ids } }, orderBy: [{ startDate: 'asc' }, { name: 'asc' }] }), (r) => r.programmeId),
    projectsByGroupId: childrenOf<InterventionProjectRow>((ids) => prisma.interventionProject.findMany({ where: { workingGroupId: { in: ids } }, orderBy: [{ startDate: 'asc' }, { name: 'asc' }] }), (r) => r.workingGroupId),
    indicatorsByProjectId: childrenOf<ProjectIndicatorRow>((ids) => prisma.projectIndicator.findMany({ where: { projectId: { in: ids } }, orderBy: { name: 'asc' } }), (r) => r.projectId),
    activitiesByProjectId: childrenOf<ProjectActivityRow>((ids) => prisma.projectActivity.findMany({ where: { projectId: { in: ids } }, orderBy: [{ heldOn: 'desc' }, { id: 'asc' }] }), (r) => r.projectId),
    planById: byId<EmergencyPlanRow>((ids) => prisma.emergencyPlan.findMany({ where: { id: { in: ids } } })),
    plansByProgrammeId: childrenOf<EmergencyPlanRow>((ids) => prisma.emergencyPlan.findMany({ where: { programmeId: { in: ids } }, orderBy: { title: 'asc' } }), (r) => r.programmeId),
    versionsByPlanId: childrenOf<EmergencyPlanVersionRow>((ids) => prisma.emergencyPlanVersion.findMany({ where: { planId: { in: ids } }, orderBy: { version: 'desc' } }), (r) => r.planId),
    drillsByPlanId: childrenOf<DrillRow>((ids) => prisma.drill.findMany({ where: { planId: { in: ids } }, orderBy: [{ heldOn: 'desc' }, { id: 'asc' }] }), (r) => r.planId),
    actionsByProgrammeId: childrenOf<CorrectiveActionRow>((ids) => prisma.correctiveAction.findMany({ where: { programmeId: { in: ids } }, orderBy: [{ dueDate: 'asc' }, { id: 'asc' }] }), (r) => r.programmeId),
    actionsByReviewId: childrenOf<CorrectiveActionRow>((ids) => prisma.correctiveAction.findMany({ where: { reviewId: { in: ids } }, orderBy: [{ dueDate: 'asc' }, { id: 'asc' }] }), (r) => r.reviewId),
    reviewById: byId<ReviewRow>((ids) => prisma.review.findMany({ where: { id: { in: ids } } })),
    actionById: byId<CorrectiveActionRow>((ids) => prisma.correctiveAction.findMany({ where: { id: { in: ids } } })),
    indicatorById: byId<ProjectIndicatorRow>((ids) => prisma.projectIndicator.findMany({ where: { id: { in: ids } } })),
    highRiskMemberById: byId<HighRiskMemberRow>((ids) => prisma.highRiskMember.findMany({ where: { id: { in: ids } } })),
    reviewsByProgrammeId: childrenOf<ReviewRow>((ids) => prisma.review.findMany({ where: { programmeId: { in: ids } }, orderBy: [{ reviewedOn: 'desc' }, { id: 'asc' }] }), (r) => r.programmeId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Indicator achievement counts for a dashboard (domain rule applied to loaded rows). */
export function indicatorCounts(rows: ProjectIndicatorRow[]): { achieved: number; measured: number } {
  let achieved = 0;
  let measured = 0;
  for (const row of rows) {
    const result = indicatorAchieved({ baseline: row.baseline, target: row.target, actual: row.actual, direction: row.direction });
    if (result !== null) measured += 1;
    if (result) achieved += 1;
  }
  return { achieved, measured };
}

