import { addYears } from './dates';

/** Dimensions injury statistics can be grouped by (分组维度). */
export type InjuryDimension = 'AGE_BAND' | 'SEX' | 'INTENT' | 'CAUSE' | 'PLACE' | 'ACTIVITY' | 'SEVERITY';

export type AgeBand = 'AGE_0_4' | 'AGE_5_14' | 'AGE_15_24' | 'AGE_25_44' | 'AGE_45_64' | 'AGE_65_PLUS';

/** Age bands of injury surveillance reports: infants and toddlers, school age, youth, adults, middle age, elderly. */
export const AGE_BANDS: readonly { band: AgeBand; from: number; to: number | null }[] = [
  { band: 'AGE_0_4', from: 0, to: 4 },
  { band: 'AGE_5_14', from: 5, to: 14 },
  { band: 'AGE_15_24', from: 15, to: 24 },
  { band: 'AGE_25_44', from: 25, to: 44 },
  { band: 'AGE_45_64', from: 45, to: 64 },
  { band: 'AGE_65_PLUS', from: 65, to: null },
];

export function ageBand(age: number): AgeBand {
  if (!Number.isInteger(age) || age < 0) throw new RangeError(`age must be a whole number ≥ 0, got ${age}`);
  return AGE_BANDS.find((b) => b.to === null || age <= b.to)!.band;
}

export interface Period {
  from: string;
  to: string;
}

/** The same period one year earlier, for year-on-year comparison (同比). */
export function previousYear(period: Period): Period {
  return { from: addYears(period.from, -1), to: addYears(period.to, -1) };
}

/** Counts of one group in the period and in the same period a year before. */
export interface GroupCounts {
  key: string;
  count: number;
  hospitalised: number;
  deaths: number;
  previousCount: number;
}

export interface InjuryGroup extends GroupCounts {
  /** Share of the period's total, 0–1; null when the total is 0. */
  share: number | null;
  /** count − previousCount. */
  change: number;
  /** (count − previous) / previous; null when there were none a year before. */
  changeRate: number | null;
  /** Injuries per 100,000 residents; null without a population. */
  ratePer100k: number | null;
}

export interface InjurySummary {
  period: Period;
  previousPeriod: Period;
  total: number;
  hospitalised: number;
  deaths: number;
  previousTotal: number;
  previousHospitalised: number;
  previousDeaths: number;
  change: number;
  changeRate: number | null;
  ratePer100k: number | null;
  previousRatePer100k: number | null;
  groups: InjuryGroup[];
}

/** Previous-period counts for hospitalised and deaths, kept apart from the groups. */
export interface PreviousTotals {
  hospitalised: number;
  deaths: number;
}

/** Cases per 100,000 residents, rounded to two places; null when the population is unknown or zero. */
export function ratePer100k(count: number, population: number | null | undefined): number | null {
  if (!population || population <= 0) return null;
  return Math.round((count * 100_000 * 100) / population) / 100;
}

export function changeRate(current: number, previous: number): number | null {
  return previous === 0 ? null : Math.round(((current - previous) / previous) * 10_000) / 10_000;
}

/**
 * Builds the statistics from grouped counts: totals, shares, year-on-year change and rates.
 * `order` lists every key of the dimension so that groups with no cases still appear (as zeros).
 */
export function summariseInjuries(
  period: Period,
  rows: readonly GroupCounts[],
  previous: PreviousTotals,
  population: number | null,
  order: readonly string[],
): InjurySummary {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const keys = [...order, ...rows.map((r) => r.key).filter((k) => !order.includes(k))];
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const previousTotal = rows.reduce((sum, r) => sum + r.previousCount, 0);
  const groups = keys.map((key): InjuryGroup => {
    const r = byKey.get(key) ?? { key, count: 0, hospitalised: 0, deaths: 0, previousCount: 0 };
    return {
      ...r,
      share: total === 0 ? null : Math.round((r.count / total) * 10_000) / 10_000,
      change: r.count - r.previousCount,
      changeRate: changeRate(r.count, r.previousCount),
      ratePer100k: ratePer100k(r.count, population),
    };
  });
  return {
    period,
    previousPeriod: previousYear(period),
    total,
    hospitalised: rows.reduce((sum, r) => sum + r.hospitalised, 0),
    deaths: rows.reduce((sum, r) => sum + r.deaths, 0),
    previousTotal,
    previousHospitalised: previous.hospitalised,
    previousDeaths: previous.deaths,
    change: total - previousTotal,
    changeRate: changeRate(total, previousTotal),
    ratePer100k: ratePer100k(total, population),
    previousRatePer100k: ratePer100k(previousTotal, population),
    groups,
  };
}
