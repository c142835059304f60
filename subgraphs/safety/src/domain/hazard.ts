/**
 * The hazard rectification workflow (隐患整改): IDENTIFIED (排查发现) → RECTIFYING (整改中) → CLOSED (验收销号).
 * Closing needs a verification note from whoever checked the rectification.
 */
export type HazardStatus = 'IDENTIFIED' | 'RECTIFYING' | 'CLOSED';
export type HazardAction = 'START_RECTIFICATION' | 'CLOSE';

const TRANSITIONS: Record<HazardAction, { from: HazardStatus; to: HazardStatus }> = {
  START_RECTIFICATION: { from: 'IDENTIFIED', to: 'RECTIFYING' },
  CLOSE: { from: 'RECTIFYING', to: 'CLOSED' },
};

export type TransitionResult =
  | { ok: true; status: HazardStatus }
  | { ok: false; code: 'INVALID_TRANSITION' | 'REQUIRED' | 'INVALID'; field?: string; message: string };

export interface TransitionInput {
  /** The day of the step (YYYY-MM-DD). */
  on: string;
  /** Required to close. */
  verificationNote?: string | null;
}

export interface HazardState {
  status: HazardStatus;
  identifiedOn: string;
  rectificationStartedOn?: string | null;
}

/** The status after an action, or why the action is refused. */
export function transitionHazard(hazard: HazardState, action: HazardAction, input: TransitionInput): TransitionResult {
  const step = TRANSITIONS[action];
  if (hazard.status !== step.from) {
    return { ok: false, code: 'INVALID_TRANSITION', message: `a ${hazard.status} hazard cannot go to ${step.to}; only ${step.from} can` };
  }
  const earliest = action === 'CLOSE' ? (hazard.rectificationStartedOn ?? hazard.identifiedOn) : hazard.identifiedOn;
  if (input.on < earliest) return { ok: false, code: 'INVALID', field: 'on', message: `the date ${input.on} is before the previous step (${earliest})` };
  if (action === 'CLOSE' && !input.verificationNote?.trim()) {
    return { ok: false, code: 'REQUIRED', field: 'verificationNote', message: 'closing a hazard needs a verification note (验收意见)' };
  }
  return { ok: true, status: step.to };
}

/** Overdue (逾期): still open after its rectification deadline. A closed hazard is never overdue. */
export function isOverdue(item: { status: string; deadline: string | null }, today: string, closedStatuses: readonly string[] = ['CLOSED']): boolean {
  return !closedStatuses.includes(item.status) && item.deadline !== null && item.deadline < today;
}
