// Region statistics from the maintained summary (issue #8): open and overdue hazards, high-risk persons and
// households on a day, and injury totals of a period, for a region's counted prefixes, without reading the
// subtree's rows. The summary's figures and buckets are described in
// prisma/safety/migrations/*_region_statistics_summary; test/statistics-aggregates.test.ts checks every figure
// against the scans it replaced.
import { dayBucket, MAX_BUCKET, MIN_BUCKET, sumSummaryRanges, upTo, type BucketRange } from '@hub/database';
import { addDays } from '@hub/scalars';
import { RISK_LEVELS } from '../domain/risk';
import type { SafetyDb } from './db';

type RawQueries = Pick<SafetyDb['prisma'], '$queryRaw' | '$queryRawUnsafe'>;

/** A cumulative figure from `first` to `last`, both included: up to `last` less up to the day before `first`. */
export function between(figure: string, first: string, last: string, into = figure): BucketRange[] {
  return [...upTo(figure, last, into, 1), ...upTo(figure, addDays(first, -1), into, -1)];
}

/**
 * What the dashboard adds up for a day: hazards not closed per risk level, and those whose deadline is before the
 * day; persons and households in a high-risk group on the day (spans started up to it less spans ended up to it).
 */
export function dashboardRanges(today: string): BucketRange[] {
  return [
    ...RISK_LEVELS.map((level): BucketRange => ({ figure: `OPEN_HAZARDS_${level}`, from: MIN_BUCKET, to: MAX_BUCKET, into: `OPEN_${level}`, sign: 1 })),
    ...RISK_LEVELS.map((level): BucketRange => ({ figure: `OPEN_HAZARDS_${level}`, from: MIN_BUCKET, to: dayBucket(today) - 1, into: 'OVERDUE', sign: 1 })),
    ...highRiskRanges(today),
  ];
}

function highRiskRanges(today: string): BucketRange[] {
  return ['PERSONS', 'HOUSEHOLDS'].flatMap((kind) => [
    ...upTo(`HIGH_RISK_${kind}_STARTED`, today, `HIGH_RISK_${kind}`, 1),
    ...upTo(`HIGH_RISK_${kind}_ENDED`, today, `HIGH_RISK_${kind}`, -1),
  ]);
}

/** Injuries, hospitalised and deaths of a period and of the same period a year before. */
export function injuryRanges(from: string, to: string, previousFrom: string, previousTo: string): BucketRange[] {
  return ['INJURIES', 'HOSPITALISED', 'DIED'].flatMap((figure) => [...between(figure, from, to), ...between(figure, previousFrom, previousTo, `PREVIOUS_${figure}`)]);
}

/** A region asked about and the disjoint code prefixes of its subtree the caller may count. */
export interface RegionScope {
  code: string;
  prefixes: string[];
}

/**
 * The ranges added up for each region over its prefixes, in one statement of index ranges (sumSummaryRanges). Sums
 * over a region's prefixes are exact for figures counted per row (hazards, injuries): the prefixes are disjoint.
 */
export async function sumRanges(prisma: RawQueries, scopes: readonly RegionScope[], ranges: readonly BucketRange[]): Promise<Map<string, Map<string, number>>> {
  const found = await sumSummaryRanges(prisma, 'safety', scopes.flatMap((scope) => scope.prefixes.map((prefix) => [scope.code, prefix] as const)), ranges);
  return new Map(scopes.map((scope) => [scope.code, new Map([...(found.get(scope.code) ?? [])].map(([into, amount]) => [into, Number(amount)]))]));
}

export interface RegionSafetyFigures {
  openHazards: number;
  overdueHazards: number;
  openByLevel: Record<string, number>;
  highRiskPersons: number;
  highRiskHouseholds: number;
}

/**
 * Distinct high-risk persons and households on a day of regions counted over several prefixes (a caller whose
 * jurisdiction holds several parts of the region): a person under two of them counts once, which sums of the
 * per-prefix summary cannot tell, so these few are counted from the rows, through the region-code index.
 */
async function highRiskAcrossPrefixes(prisma: RawQueries, scopes: readonly RegionScope[], today: string): Promise<Map<string, { persons: number; households: number }>> {
  const pairs = scopes.flatMap((scope) => scope.prefixes.map((prefix) => [scope.code, prefix] as const));
  if (pairs.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ code: string; persons: number; households: number }[]>`
    SELECT p.code, count(DISTINCT m.person_id)::int AS persons, count(DISTINCT m.household_id)::int AS households
      FROM unnest(${pairs.map(([code]) => code)}::text[], ${pairs.map(([, prefix]) => prefix)}::text[]) AS p(code, prefix)
      JOIN "safety"."high_risk_member" m ON m.region_code LIKE p.prefix || '%'
     WHERE m.since <= ${today}::date AND (m.until IS NULL OR m.until >= ${today}::date)
     GROUP BY 1`;
  return new Map(rows.map((row) => [row.code, { persons: row.persons, households: row.households }]));
}

/** Hazard and high-risk figures of the dashboard on `today`, for many regions in one statement (two with split jurisdictions). */
export async function loadRegionSafetyFigures(prisma: RawQueries, scopes: readonly RegionScope[], today: string): Promise<Map<string, RegionSafetyFigures>> {
  const split = scopes.filter((scope) => scope.prefixes.length > 1);
  const [sums, acrossPrefixes] = await Promise.all([sumRanges(prisma, scopes, dashboardRanges(today)), highRiskAcrossPrefixes(prisma, split, today)]);
  return new Map(
    scopes.map((scope) => {
      const sum = sums.get(scope.code)!;
      const figure = (name: string): number => sum.get(name) ?? 0;
      const openByLevel = Object.fromEntries(RISK_LEVELS.map((level) => [level, figure(`OPEN_${level}`)]));
      const across = acrossPrefixes.get(scope.code);
      return [
        scope.code,
        {
          openHazards: RISK_LEVELS.reduce((total, level) => total + figure(`OPEN_${level}`), 0),
          overdueHazards: figure('OVERDUE'),
          openByLevel,
          highRiskPersons: scope.prefixes.length > 1 ? (across?.persons ?? 0) : figure('HIGH_RISK_PERSONS'),
          highRiskHouseholds: scope.prefixes.length > 1 ? (across?.households ?? 0) : figure('HIGH_RISK_HOUSEHOLDS'),
        },
      ];
    }),
  );
}

export interface InjuryTotals {
  count: number;
  hospitalised: number;
  deaths: number;
  previousCount: number;
  previousHospitalised: number;
  previousDeaths: number;
}

/** Injury totals of a period and of the period a year before, for many regions in one statement. */
export async function loadInjuryTotals(prisma: RawQueries, scopes: readonly RegionScope[], period: { from: string; to: string }, previous: { from: string; to: string }): Promise<Map<string, InjuryTotals>> {
  const sums = await sumRanges(prisma, scopes, injuryRanges(period.from, period.to, previous.from, previous.to));
  return new Map(
    scopes.map((scope) => {
      const sum = sums.get(scope.code)!;
      const figure = (name: string): number => sum.get(name) ?? 0;
      return [
        scope.code,
        {
          count: figure('INJURIES'),
          hospitalised: figure('HOSPITALISED'),
          deaths: figure('DIED'),
          previousCount: figure('PREVIOUS_INJURIES'),
          previousHospitalised: figure('PREVIOUS_HOSPITALISED'),
          previousDeaths: figure('PREVIOUS_DIED'),
        },
      ];
    }),
  );
}
