import { dayBucket, MAX_BUCKET, MIN_BUCKET, sumSummaryRanges, upTo, type BucketRange } from '@hub/database';
import { addDays, quarterStart } from '../domain/dates';
import type { DisputeStatus } from '../domain/dispute';
import type { CommunityDb } from './db';
import type { CommunityStatisticsRow } from './models';

const STATUSES: DisputeStatus[] = ['REPORTED', 'MEDIATING', 'RESOLVED', 'REFERRED', 'FAILED'];

/** Splits a statistics key `${code}:${year}` (empty year: all years). */
export function parseStatisticsKey(key: string): { code: string; year: number | null } {
  const [code, year] = key.split(':') as [string, string];
  return { code, year: year === '' ? null : Number(year) };
}

/** The asked codes that no other asked code contains: their subtrees do not overlap, so each row is read once. */
export function subtreeRoots(codes: readonly string[]): string[] {
  const unique = [...new Set(codes)].sort();
  return unique.filter((code) => !unique.some((other) => other !== code && code.startsWith(other)));
}

/** Anything that runs Prisma's raw queries: the client or a transaction. */
type RawQueries = Pick<CommunityDb['prisma'], '$queryRaw' | '$queryRawUnsafe'>;

/** A figure as it is now: bucket 0. */
const current = (figure: string): BucketRange => ({ figure, from: 0, to: 0, into: figure, sign: 1 });

/** A yearly figure: the year's bucket, or every bucket for all years. */
const yearly = (figure: string, year: number | null): BucketRange => ({ figure, from: year ?? MIN_BUCKET, to: year ?? MAX_BUCKET, into: figure, sign: 1 });

/** A dated figure's days from `first` to `last`. */
const between = (figure: string, first: string, last: string, into: string, sign: 1 | -1): BucketRange => ({ figure, from: dayBucket(first), to: dayBucket(last), into, sign });

/** Vulnerable-resident tag kinds. */
const TAG_KINDS = ['ELDERLY_LIVING_ALONE', 'LEFT_BEHIND_CHILD', 'DISABLED'];

/** Yearly figures beside the disputes by status. */
const YEARLY = ['HONOURS', 'PETITIONS', 'ESCALATED_PETITIONS', 'ADMITTED_TASK', 'ADMITTED_REPORT_FORM', 'ADMITTED_FUNDING'];

/**
 * What communityStatistics adds up for a day and a year (null: all years). Supervision files in force on the day:
 * started up to it less ended before it; visited: in force with a face-to-face visit from the quarter's first day to it.
 */
export function statisticsRanges(today: string, year: number | null): BucketRange[] {
  const quarter = quarterStart(today);
  return [
    ...['HOUSEHOLDS', 'POPULATION', 'FLOATING', 'REGISTERED_FLOATING'].map(current),
    ...[...YEARLY, ...STATUSES.map((status) => `DISPUTES_${status}`)].map((figure) => yearly(figure, year)),
    ...TAG_KINDS.flatMap((kind) => upTo(`TAG_${kind}`, today)),
    ...upTo('SUPERVISION_STARTED', today, 'SUPERVISION_ACTIVE'),
    ...upTo('SUPERVISION_ENDED', addDays(today, -1), 'SUPERVISION_ACTIVE', -1),
    between('SUPERVISION_VISITED_FROM', quarter, today, 'SUPERVISION_VISITED', 1),
    between('SUPERVISION_VISITED_UNTIL', quarter, today, 'SUPERVISION_VISITED', -1),
  ];
}

/**
 * The ranges added up for every prefix, in one statement of index ranges (sumSummaryRanges). Keyed by prefix, then by
 * `into`; amounts as bigint (funding is in fen).
 */
function sumRanges(prisma: RawQueries, codes: readonly string[], ranges: readonly BucketRange[]): Promise<Map<string, Map<string, bigint>>> {
  return sumSummaryRanges(prisma, 'community', [...new Set(codes)].map((code) => [code, code] as const), ranges);
}

/** Region.population and Region.householdCount of many prefixes in one statement, from the maintained summary. */
export async function loadRegionCounts(prisma: RawQueries, codes: readonly string[]): Promise<{ population: number; householdCount: number }[]> {
  const sums = await sumRanges(prisma, codes, [current('POPULATION'), current('HOUSEHOLDS')]);
  return codes.map((code) => ({ population: Number(sums.get(code)?.get('POPULATION') ?? 0n), householdCount: Number(sums.get(code)?.get('HOUSEHOLDS') ?? 0n) }));
}

/**
 * Governance statistics for many prefixes in one statement per distinct year asked (normally one), from the
 * maintained summary: current figures, vulnerable residents and supervision files as of `today` (overdue: in force
 * today and no face-to-face visit from the quarter's first day to today, the rule of domain/supervision.ts), period
 * figures of the year. The same figures the subtree's rows give, without reading them (test/statistics-aggregates).
 */
export async function loadStatistics({ prisma }: { prisma: RawQueries }, keys: readonly string[], today: string): Promise<CommunityStatisticsRow[]> {
  const byYear = new Map<number | null, string[]>();
  for (const { code, year } of keys.map(parseStatisticsKey)) byYear.set(year, [...(byYear.get(year) ?? []), code]);
  const results = new Map<string, CommunityStatisticsRow>();
  for (const [year, codes] of byYear) {
    const sums = await sumRanges(prisma, codes, statisticsRanges(today, year));
    for (const code of codes) {
      const amounts = sums.get(code);
      const amount = (figure: string): bigint => amounts?.get(figure) ?? 0n;
      const count = (figure: string): number => Number(amount(figure));
      const active = count('SUPERVISION_ACTIVE');
      results.set(`${code}:${year ?? ''}`, {
        population: count('POPULATION'),
        households: count('HOUSEHOLDS'),
        floatingPopulation: count('FLOATING'),
        registeredFloatingPopulation: count('REGISTERED_FLOATING'),
        disputesByStatus: Object.fromEntries(STATUSES.map((status) => [status, count(`DISPUTES_${status}`)])) as Record<DisputeStatus, number>,
        petitionVisits: count('PETITIONS'),
        escalatedPetitionVisits: count('ESCALATED_PETITIONS'),
        activeSupervisionFiles: active,
        overdueSupervisionFiles: active - count('SUPERVISION_VISITED'),
        admittedTasks: count('ADMITTED_TASK'),
        admittedReportForms: count('ADMITTED_REPORT_FORM'),
        admittedFundingFen: amount('ADMITTED_FUNDING'),
        elderlyLivingAlone: count('TAG_ELDERLY_LIVING_ALONE'),
        leftBehindChildren: count('TAG_LEFT_BEHIND_CHILD'),
        disabledResidents: count('TAG_DISABLED'),
        householdHonours: count('HONOURS'),
      });
    }
  }
  return keys.map((key) => results.get(key)!);
}

/** The statistics of disjoint subtrees added up: what a region shows a caller whose jurisdiction covers parts of it. */
export function addStatistics(rows: readonly CommunityStatisticsRow[]): CommunityStatisticsRow {
  const sum = (figure: Exclude<keyof CommunityStatisticsRow, 'disputesByStatus' | 'admittedFundingFen'>): number => rows.reduce((total, row) => total + row[figure], 0);
  const disputesByStatus = Object.fromEntries(STATUSES.map((status) => [status, rows.reduce((total, row) => total + row.disputesByStatus[status], 0)])) as Record<DisputeStatus, number>;
  return {
    population: sum('population'),
    households: sum('households'),
    floatingPopulation: sum('floatingPopulation'),
    registeredFloatingPopulation: sum('registeredFloatingPopulation'),
    disputesByStatus,
    petitionVisits: sum('petitionVisits'),
    escalatedPetitionVisits: sum('escalatedPetitionVisits'),
    activeSupervisionFiles: sum('activeSupervisionFiles'),
    overdueSupervisionFiles: sum('overdueSupervisionFiles'),
    admittedTasks: sum('admittedTasks'),
    admittedReportForms: sum('admittedReportForms'),
    admittedFundingFen: rows.reduce((total, row) => total + row.admittedFundingFen, 0n),
    elderlyLivingAlone: sum('elderlyLivingAlone'),
    leftBehindChildren: sum('leftBehindChildren'),
    disabledResidents: sum('disabledResidents'),
    householdHonours: sum('householdHonours'),
  };
}
