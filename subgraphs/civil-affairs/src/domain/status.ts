/** Normalisation of each programme's enrolment status to ACTIVE / SUSPENDED / ENDED / DECEASED (domain.md). */

export type ProgrammeStatus = 'IN_PAYMENT' | 'SUSPENDED' | 'TERMINATED';
export type NormalisedStatus = 'ACTIVE' | 'SUSPENDED' | 'ENDED' | 'DECEASED';

export interface EnrolmentState {
  status: ProgrammeStatus;
  terminationReason: string | null;
  /** YYYY-MM-DD */
  startDate: string;
  /** YYYY-MM-DD, last day of the enrolment, or null when open-ended. */
  endDate: string | null;
}

export function normalisedStatus(enrolment: EnrolmentState, today: string): NormalisedStatus {
  if (enrolment.terminationReason === 'DECEASED') return 'DECEASED';
  if (enrolment.status === 'TERMINATED') return 'ENDED';
  // Past its end date or not yet started: not in force today.
  if ((enrolment.endDate !== null && enrolment.endDate < today) || enrolment.startDate > today) return 'ENDED';
  return enrolment.status === 'SUSPENDED' ? 'SUSPENDED' : 'ACTIVE';
}

export const DIBAO_PROGRAMMES = ['URBAN_DIBAO', 'RURAL_DIBAO'] as const;

export function isDibao(programme: string): boolean {
  return (DIBAO_PROGRAMMES as readonly string[]).includes(programme);
}
