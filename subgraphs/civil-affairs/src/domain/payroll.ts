import { monthlyAmount, standardInForce, type Programme, type Standard } from './standards';
import { dibaoSubsidy } from './subsidy';
import { isDibao, type ProgrammeStatus } from './status';

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(text: string): boolean {
  return PERIOD.test(text);
}

/** First and last day of a YYYY-MM period. */
export function periodBounds(period: string): { first: string; last: string } {
  const match = PERIOD.exec(period);
  if (!match) throw new RangeError(`period must be YYYY-MM, got "${period}"`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { first: `${period}-01`, last: `${period}-${String(last).padStart(2, '0')}` };
}

export function periodOf(date: string): string {
  return date.slice(0, 7);
}

export interface PayableEnrolment {
  programme: Programme;
  status: ProgrammeStatus;
  startDate: string;
  endDate: string | null;
  memberCount: number;
  monthlyAmountFen: bigint;
  perCapitaIncomeFen: bigint | null;
  regionCode: string;
}

/**
 * Whether an enrolment is paid for a month: not suspended, started by the month's last day and not ended before
 * its first day (a terminated enrolment is paid for the month it ended in), and, for a personal programme, its
 * beneficiary not dead before the month began (a death ends enrolments from the day after, so the month of death
 * is still paid and later months are not). A dibao household outlives its applicant: recordDeath adjusts it.
 */
export function payableInPeriod(e: Pick<PayableEnrolment, 'status' | 'startDate' | 'endDate' | 'programme'>, period: string, dateOfDeath: string | null = null): boolean {
  const { first, last } = periodBounds(period);
  if (e.status === 'SUSPENDED') return false;
  if (e.status === 'TERMINATED' && e.endDate === null) return false;
  if (isDibao(e.programme)) dateOfDeath = null;
  if (e.startDate > last) return false;
  if (e.endDate !== null && e.endDate < first) return false;
  return dateOfDeath === null || dateOfDeath >= first;
}

/**
 * The month's amount follows the standard in force on the month's first day: dibao pays
 * (standard − per-capita income) × members; personal programmes pay the standard (by disability grade where it
 * depends on it). Without a standard or a recorded income, the enrolment's own monthly amount is paid.
 */
export function paymentAmount(e: PayableEnrolment, standards: readonly Standard[], period: string, grade: number | null = null): bigint {
  const day = periodBounds(period).first;
  const standard = standardInForce(standards, e.programme, e.regionCode, day, grade);
  if (!standard) return e.monthlyAmountFen;
  if (isDibao(e.programme)) {
    return e.perCapitaIncomeFen === null ? e.monthlyAmountFen : dibaoSubsidy(monthlyAmount(standard), e.perCapitaIncomeFen, e.memberCount);
  }
  return monthlyAmount(standard);
}
