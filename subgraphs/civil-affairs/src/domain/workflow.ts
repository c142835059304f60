import { addDays } from './dates';

/** The dibao workflow (低保审核审批): each stage follows the one before; REJECTED ends it from any open stage. */
export type Stage = 'SUBMITTED' | 'HOME_VISITED' | 'APPRAISED' | 'REVIEWED' | 'APPROVED' | 'PUBLICIZED' | 'ENROLLED' | 'REJECTED';

export const NEXT_STAGE: Record<Stage, Stage | null> = {
  SUBMITTED: 'HOME_VISITED',
  HOME_VISITED: 'APPRAISED',
  APPRAISED: 'REVIEWED',
  REVIEWED: 'APPROVED',
  APPROVED: 'PUBLICIZED',
  PUBLICIZED: 'ENROLLED',
  ENROLLED: null,
  REJECTED: null,
};

/** Publicity (张榜公示) lasts seven full days: published on D, enrolment from D + 7. */
export const PUBLICITY_DAYS = 7;

export function enrolmentAllowedFrom(publicityStartedOn: string): string {
  return addDays(publicityStartedOn, PUBLICITY_DAYS);
}

export function isOpen(stage: Stage): boolean {
  return stage !== 'ENROLLED' && stage !== 'REJECTED';
}

export interface StepContext {
  from: Stage;
  to: Stage;
  /** YYYY-MM-DD of the step. */
  date: string;
  today: string;
  /** Date of the latest step so far (the submission at least). */
  lastStepDate: string;
  publicityStartedOn: string | null;
  /** Members who are near relatives of a cadre or relief officer (see conflictedMembers). */
  conflictedMembers: readonly string[];
  hasFiling: boolean;
  /** The monthly subsidy the household would get; approval needs it above zero. */
  subsidyFen: bigint;
}

export interface StepRefusal {
  field: 'stage' | 'date' | 'applicationId';
  code: 'INVALID' | 'INVALID_TRANSITION' | 'RULE_VIOLATION';
  message: string;
}

/** Why a step cannot be taken, or null when it can. */
export function stepRefusal(ctx: StepContext): StepRefusal | null {
  if (!isOpen(ctx.from)) return { field: 'stage', code: 'INVALID_TRANSITION', message: `the application is ${ctx.from}: it takes no more steps` };
  if (ctx.to !== 'REJECTED' && NEXT_STAGE[ctx.from] !== ctx.to) {
    return { field: 'stage', code: 'INVALID_TRANSITION', message: `from ${ctx.from} the next step is ${NEXT_STAGE[ctx.from]} (or REJECTED), not ${ctx.to}` };
  }
  if (ctx.date > ctx.today) return { field: 'date', code: 'INVALID', message: 'a step cannot be dated in the future' };
  if (ctx.date < ctx.lastStepDate) return { field: 'date', code: 'INVALID', message: `a step cannot be dated before the previous one (${ctx.lastStepDate})` };
  if (ctx.to === 'APPROVED') {
    if (ctx.conflictedMembers.length > 0 && !ctx.hasFiling) {
      return { field: 'applicationId', code: 'RULE_VIOLATION', message: 'the household holds a near relative of a community cadre or relief officer: file the 近亲属备案 before approval' };
    }
    if (ctx.subsidyFen <= 0n) return { field: 'applicationId', code: 'RULE_VIOLATION', message: 'the per-capita income is not below the standard: nothing to pay' };
  }
  if (ctx.to === 'ENROLLED') {
    const allowed = enrolmentAllowedFrom(ctx.publicityStartedOn!);
    if (ctx.date < allowed) return { field: 'date', code: 'RULE_VIOLATION', message: `publicity (张榜公示) runs ${PUBLICITY_DAYS} days: enrolment from ${allowed}` };
  }
  return null;
}

/** Members of the applying household who are near relatives of a community cadre or relief officer (近亲属). */
export function conflictedMembers(memberIds: readonly string[], ...relativeLists: Iterable<string>[]): string[] {
  const relatives = new Set<string>();
  for (const list of relativeLists) for (const id of list) relatives.add(id);
  return memberIds.filter((id) => relatives.has(id));
}

/**
 * Whether a household needs a near-relative filing before approval: a cadre's relative (community's answer,
 * null when community could not answer) or an officer's relative. Unknown only when neither is known.
 */
export function filingRequired(cadreRelative: boolean | null, officerRelative: boolean): boolean | null {
  if (officerRelative || cadreRelative === true) return true;
  return cadreRelative === null ? null : false;
}
