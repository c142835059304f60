import { domainError, type DomainError } from './errors';

export type DisputeStatus = 'REPORTED' | 'MEDIATING' | 'RESOLVED' | 'REFERRED' | 'FAILED';

/** The mediation workflow (调解流程): REPORTED → MEDIATING → RESOLVED | REFERRED | FAILED. */
export const DISPUTE_TRANSITIONS: Readonly<Record<DisputeStatus, readonly DisputeStatus[]>> = {
  REPORTED: ['MEDIATING'],
  MEDIATING: ['RESOLVED', 'REFERRED', 'FAILED'],
  RESOLVED: [],
  REFERRED: [],
  FAILED: [],
};

export const CLOSED_STATUSES: readonly DisputeStatus[] = ['RESOLVED', 'REFERRED', 'FAILED'];

export interface DisputeState {
  status: DisputeStatus;
  /** YYYY-MM-DD */
  reportedOn: string;
  sessionCount: number;
}

export interface DisputeStep {
  to: DisputeStatus;
  /** YYYY-MM-DD */
  date: string;
  agreement?: string | null;
  referredTo?: string | null;
  note?: string | null;
}

const blank = (text: string | null | undefined): boolean => !text || !text.trim();

/** Checks one step of the workflow; an empty list means the step is allowed. */
export function checkDisputeTransition(state: DisputeState, step: DisputeStep, today: string): DomainError[] {
  if (!DISPUTE_TRANSITIONS[state.status].includes(step.to)) {
    return [domainError(['input', 'to'], 'INVALID_TRANSITION', `a ${state.status} dispute cannot become ${step.to}`)];
  }
  const errors: DomainError[] = [];
  if (step.date < state.reportedOn) errors.push(domainError(['input', 'date'], 'INVALID', `must not precede the report date ${state.reportedOn}`));
  if (step.date > today) errors.push(domainError(['input', 'date'], 'INVALID', 'must not be in the future'));
  if (step.to === 'RESOLVED') {
    if (blank(step.agreement)) errors.push(domainError(['input', 'agreement'], 'REQUIRED', 'a resolved dispute records the mediation agreement (调解协议)'));
    if (state.sessionCount === 0) errors.push(domainError(['input', 'to'], 'RULE_VIOLATION', 'a dispute is resolved only after at least one mediation session'));
  }
  if (step.to === 'REFERRED' && blank(step.referredTo)) errors.push(domainError(['input', 'referredTo'], 'REQUIRED', 'name the body the dispute is referred to'));
  if (step.to === 'FAILED' && blank(step.note)) errors.push(domainError(['input', 'note'], 'REQUIRED', 'say why mediation failed'));
  return errors;
}
