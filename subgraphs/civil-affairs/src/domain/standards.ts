import { monthlyFromYearly, yuan } from './money';

export type Programme =
  | 'URBAN_DIBAO'
  | 'RURAL_DIBAO'
  | 'TEKUN_DISPERSED'
  | 'TEKUN_CENTRALISED'
  | 'SEVERE_DISABILITY_SUBSIDY'
  | 'MENTAL_DISABILITY_MEDICATION'
  | 'ORPHAN_BASIC_LIVING';

export type StandardPeriod = 'MONTH' | 'YEAR';

/** An assistance standard as published: per person, per month or per year, from a date, for a region's subtree. */
export interface Standard {
  programme: Programme;
  /** Statistical division code prefix the standard applies to (e.g. a district's 6 digits, or "3707" for the city). */
  regionCode: string;
  /** YYYY-MM-DD, first day in force. */
  effectiveFrom: string;
  amountFen: bigint;
  period: StandardPeriod;
  /** Disability grade the standard is for; null when it applies to every grade. */
  grade: number | null;
}

/** The standard's amount per person per month: yearly standards are divided by twelve, rounded to the fen. */
export function monthlyAmount(standard: Pick<Standard, 'amountFen' | 'period'>): bigint {
  return standard.period === 'MONTH' ? standard.amountFen : monthlyFromYearly(standard.amountFen);
}

/**
 * The standard in force for a programme in a region on a date: the most specific region prefix wins,
 * then the latest effective date not after the day asked. Null when none applies (e.g. grade 4 has no severe-disability subsidy).
 */
export function standardInForce<S extends Standard>(standards: readonly S[], programme: Programme, regionCode: string, date: string, grade: number | null = null): S | null {
  let best: S | null = null;
  for (const s of standards) {
    if (s.programme !== programme || !regionCode.startsWith(s.regionCode) || s.effectiveFrom > date) continue;
    if (s.grade !== null && s.grade !== grade) continue;
    if (
      best === null ||
      s.regionCode.length > best.regionCode.length ||
      (s.regionCode.length === best.regionCode.length && s.effectiveFrom > best.effectiveFrom)
    ) {
      best = s;
    }
  }
  return best;
}

const CITY = '3707';
const s = (programme: Programme, effectiveFrom: string, amount: number, period: StandardPeriod, grade: number | null = null): Standard => ({
  programme,
  regionCode: CITY,
  effectiveFrom,
  amountFen: yuan(amount),
  period,
  grade,
});

/**
 * The standards the seed reports give (demo data and a fresh installation's defaults):
 * rural dibao 30 → 40 元/人·月 (2009), 728 → 850 元/年 (2012); urban dibao 209 元/月 after a 10 % rise (2012);
 * 五保 dispersed 1,100 and centralised 1,400 元/人·年 (2009), centralised 1,700 (2012); severe-disability
 * subsidy 1,200 元/年 for grades 1–2 and 600 for grade 3; mental-disability medication 1,200 元/年.
 * The seed gives no orphan figure: 600 元/月 is an assumption to be replaced by the published standard.
 */
export const SEED_STANDARDS: readonly Standard[] = [
  s('URBAN_DIBAO', '2011-01-01', 190, 'MONTH'),
  s('URBAN_DIBAO', '2012-01-01', 209, 'MONTH'),
  s('RURAL_DIBAO', '2008-01-01', 30, 'MONTH'),
  s('RURAL_DIBAO', '2009-01-01', 40, 'MONTH'),
  s('RURAL_DIBAO', '2011-01-01', 728, 'YEAR'),
  s('RURAL_DIBAO', '2012-01-01', 850, 'YEAR'),
  s('TEKUN_DISPERSED', '2009-01-01', 1100, 'YEAR'),
  s('TEKUN_CENTRALISED', '2009-01-01', 1400, 'YEAR'),
  s('TEKUN_CENTRALISED', '2012-01-01', 1700, 'YEAR'),
  s('SEVERE_DISABILITY_SUBSIDY', '2012-01-01', 1200, 'YEAR', 1),
  s('SEVERE_DISABILITY_SUBSIDY', '2012-01-01', 1200, 'YEAR', 2),
  s('SEVERE_DISABILITY_SUBSIDY', '2012-01-01', 600, 'YEAR', 3),
  s('MENTAL_DISABILITY_MEDICATION', '2012-01-01', 1200, 'YEAR'),
  s('ORPHAN_BASIC_LIVING', '2012-01-01', 600, 'MONTH'),
];
