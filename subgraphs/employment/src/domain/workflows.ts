/** Workflows as transition tables: which action moves a record from which state to which. */

export type LoanStatus = 'APPLIED' | 'APPROVED' | 'DISBURSED' | 'REPAID' | 'DEFAULTED' | 'REJECTED';
export type LoanAction = 'APPROVE' | 'REJECT' | 'DISBURSE' | 'REPAY' | 'DEFAULT';
export type SubsidyStatus = 'APPLIED' | 'APPROVED' | 'PAID' | 'REJECTED';
export type SubsidyAction = 'APPROVE' | 'REJECT' | 'PAY';
export type DisputeStatus = 'RECEIVED' | 'MEDIATING' | 'SETTLED' | 'REFERRED_TO_ARBITRATION' | 'WITHDRAWN';
export type DisputeAction = 'START_MEDIATION' | 'SETTLE' | 'REFER_TO_ARBITRATION' | 'WITHDRAW';

type Table<S extends string, A extends string> = Record<A, { from: readonly S[]; to: S }>;

/** 创业担保贷款: applied → approved → disbursed → repaid or defaulted; an application may be rejected. */
export const LOAN_WORKFLOW: Table<LoanStatus, LoanAction> = {
  APPROVE: { from: ['APPLIED'], to: 'APPROVED' },
  REJECT: { from: ['APPLIED'], to: 'REJECTED' },
  DISBURSE: { from: ['APPROVED'], to: 'DISBURSED' },
  REPAY: { from: ['DISBURSED'], to: 'REPAID' },
  DEFAULT: { from: ['DISBURSED'], to: 'DEFAULTED' },
};

/** 灵活就业补贴: applied → approved → paid, or rejected before payment. */
export const SUBSIDY_WORKFLOW: Table<SubsidyStatus, SubsidyAction> = {
  APPROVE: { from: ['APPLIED'], to: 'APPROVED' },
  REJECT: { from: ['APPLIED', 'APPROVED'], to: 'REJECTED' },
  PAY: { from: ['APPROVED'], to: 'PAID' },
};

/** 劳动争议调解: received → mediating → settled or referred to arbitration; withdrawable until closed. */
export const DISPUTE_WORKFLOW: Table<DisputeStatus, DisputeAction> = {
  START_MEDIATION: { from: ['RECEIVED'], to: 'MEDIATING' },
  SETTLE: { from: ['MEDIATING'], to: 'SETTLED' },
  REFER_TO_ARBITRATION: { from: ['RECEIVED', 'MEDIATING'], to: 'REFERRED_TO_ARBITRATION' },
  WITHDRAW: { from: ['RECEIVED', 'MEDIATING'], to: 'WITHDRAWN' },
};

export type Transition<S> = { ok: true; to: S } | { ok: false; message: string };

export function transition<S extends string, A extends string>(table: Table<S, A>, from: S, action: A): Transition<S> {
  const step = table[action];
  if (!step.from.includes(from)) return { ok: false, message: `cannot ${action.toLowerCase().replace(/_/g, ' ')} from ${from}; allowed from ${step.from.join(', ')}` };
  return { ok: true, to: step.to };
}
