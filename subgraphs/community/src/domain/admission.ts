import { domainError, type DomainError } from './errors';

export type AdmissionKind = 'TASK' | 'REPORT_FORM';
export type AdmissionStatus = 'PENDING' | 'APPROVED' | 'REFUSED';

export interface AdmissionState {
  kind: AdmissionKind;
  status: AdmissionStatus;
  /** YYYY-MM-DD */
  requestedOn: string;
}

export interface AdmissionDecision {
  decision: 'APPROVED' | 'REFUSED';
  date: string;
  decidedBy: string;
  refusalReason?: string | null;
  fundingFen: bigint;
}

/**
 * Community work admission (社区工作准入): only a pending request is decided, once; a refusal gives its
 * reason; an admitted task brings its funding with it (费随事转), a report form need not.
 */
export function checkAdmissionDecision(state: AdmissionState, decision: AdmissionDecision, today: string): DomainError[] {
  if (state.status !== 'PENDING') return [domainError(['input', 'decision'], 'INVALID_TRANSITION', `the request was already ${state.status}`)];
  const errors: DomainError[] = [];
  if (decision.date < state.requestedOn) errors.push(domainError(['input', 'date'], 'INVALID', `must not precede the request date ${state.requestedOn}`));
  if (decision.date > today) errors.push(domainError(['input', 'date'], 'INVALID', 'must not be in the future'));
  if (!decision.decidedBy.trim()) errors.push(domainError(['input', 'decidedBy'], 'REQUIRED', 'name the coordinating body that decided'));
  if (decision.fundingFen < 0n) errors.push(domainError(['input', 'funding'], 'INVALID', 'must not be negative'));
  if (decision.decision === 'REFUSED' && !decision.refusalReason?.trim()) errors.push(domainError(['input', 'refusalReason'], 'REQUIRED', 'a refusal gives its reason'));
  if (decision.decision === 'APPROVED' && state.kind === 'TASK' && decision.fundingFen <= 0n) {
    errors.push(domainError(['input', 'funding'], 'RULE_VIOLATION', 'an admitted task brings its funding (费随事转)'));
  }
  return errors;
}
