import { addDays } from './dates';
import { isDibao, type ProgrammeStatus } from './status';

export interface EnrolmentAtDeath {
  id: string;
  programme: string;
  personId: string | null;
  status: ProgrammeStatus;
  startDate: string;
  endDate: string | null;
  memberCount: number;
  monthlyAmountFen: bigint;
}

export type DeathEffect =
  | { id: string; action: 'TERMINATE'; endDate: string }
  | { id: string; action: 'REDUCE_MEMBERS'; memberCount: number; monthlyAmountFen: bigint };

/**
 * What a death does to the enrolments that name the person: the person's own enrolments (and a dibao household
 * of one) end with reason DECEASED on the day of death, so they are no longer in force from the day after;
 * a larger dibao household keeps its enrolment with one member fewer and the same subsidy per member. Enrolments already over before the death are left alone.
 */
export function deathEffects(enrolments: readonly EnrolmentAtDeath[], personId: string, dateOfDeath: string): DeathEffect[] {
  const effects: DeathEffect[] = [];
  for (const e of enrolments) {
    if (e.personId !== personId || e.status === 'TERMINATED' || (e.endDate !== null && e.endDate < dateOfDeath)) continue;
    if (isDibao(e.programme) && e.memberCount > 1) {
      const memberCount = e.memberCount - 1;
      // The subsidy is the same gap per member: the household keeps it for the members left.
      const monthlyAmountFen = (e.monthlyAmountFen * BigInt(memberCount)) / BigInt(e.memberCount);
      effects.push({ id: e.id, action: 'REDUCE_MEMBERS', memberCount, monthlyAmountFen });
    } else {
      // An enrolment that had not started yet ends the day before its start.
      effects.push({ id: e.id, action: 'TERMINATE', endDate: dateOfDeath < e.startDate ? addDays(e.startDate, -1) : dateOfDeath });
    }
  }
  return effects;
}
