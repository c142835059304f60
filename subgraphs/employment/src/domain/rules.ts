/** Programme rules with their figures: ceilings and periods (local policy values, documented where they come from). */

/** Flexible-employment subsidy ceiling per month (灵活就业社保补贴, 每月上限600元): 60,000 fen. */
export const SUBSIDY_MONTHLY_CEILING_FEN = 60_000n;

/** Guaranteed start-up loan ceilings: individuals 300,000 yuan, small businesses 5,000,000 yuan (创业担保贷款额度). */
export const LOAN_CEILING_FEN = { INDIVIDUAL: 30_000_000n, SMALL_BUSINESS: 500_000_000n } as const;

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(value: string): boolean {
  return PERIOD.test(value);
}

/** Months since year 0 of a YYYY-MM period, to compare and overlap periods. */
export function monthIndex(period: string): number {
  const match = PERIOD.exec(period);
  if (!match) throw new RangeError(`not a period YYYY-MM: ${period}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

/** Whether two subsidy periods (first month, months) share a month. */
export function periodsOverlap(a: { period: string; months: number }, b: { period: string; months: number }): boolean {
  const a0 = monthIndex(a.period);
  const b0 = monthIndex(b.period);
  return a0 < b0 + b.months && b0 < a0 + a.months;
}

export function subsidyCeilingFen(months: number): bigint {
  return SUBSIDY_MONTHLY_CEILING_FEN * BigInt(months);
}

/** Pension certification rounds close on 31 July (资格认证7月31日结束). */
export function certificationDeadline(year: number): string {
  return `${year}-07-31`;
}

export type PensionOutcome = 'CERTIFIED' | 'PENDING' | 'OVERDUE' | 'REFUSED_DECEASED';

/**
 * A year's pension eligibility: a death recorded by civil affairs refuses it whatever the office recorded, and the
 * pension is to be suspended; so is it when the round closed without a certification.
 */
export function pensionEligibility(input: { year: number; certified: boolean; deceased: boolean | null | undefined; today: string }): { outcome: PensionOutcome; pensionAction: 'CONTINUE' | 'SUSPEND' } {
  if (input.deceased === true) return { outcome: 'REFUSED_DECEASED', pensionAction: 'SUSPEND' };
  if (input.certified) return { outcome: 'CERTIFIED', pensionAction: 'CONTINUE' };
  if (input.today > certificationDeadline(input.year)) return { outcome: 'OVERDUE', pensionAction: 'SUSPEND' };
  return { outcome: 'PENDING', pensionAction: 'CONTINUE' };
}

/** Certificate number of a person's 就业失业登记证: district code, year of first issue, and a per-person serial. */
export function certificateNumber(regionCode: string, issuedOn: string, personId: string): string {
  return `${regionCode.slice(0, 6)}${issuedOn.slice(0, 4)}${personId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}
