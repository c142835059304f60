/** Corrective actions (预防与纠正措施): OPEN → IN_PROGRESS → DONE; OPEN or IN_PROGRESS → CANCELLED. DONE and CANCELLED are final. */
export type ActionStatus = 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';

const ALLOWED: Record<ActionStatus, readonly ActionStatus[]> = {
  OPEN: ['IN_PROGRESS', 'DONE', 'CANCELLED'],
  IN_PROGRESS: ['DONE', 'CANCELLED'],
  DONE: [],
  CANCELLED: [],
};

export type ActionCheck = { ok: true } | { ok: false; code: 'INVALID_TRANSITION' | 'REQUIRED' | 'INVALID'; field: string; message: string };

/** Whether an action may move to `to`; DONE needs a completion day, which no other state may carry. */
export function checkActionTransition(from: ActionStatus, to: ActionStatus, completedOn: string | null, today: string): ActionCheck {
  if (!ALLOWED[from].includes(to)) return { ok: false, code: 'INVALID_TRANSITION', field: 'status', message: `a ${from} action cannot become ${to}` };
  if (to === 'DONE' && !completedOn) return { ok: false, code: 'REQUIRED', field: 'completedOn', message: 'a DONE action needs its completion day' };
  if (to !== 'DONE' && completedOn) return { ok: false, code: 'INVALID', field: 'completedOn', message: `only a DONE action has a completion day` };
  if (completedOn && completedOn > today) return { ok: false, code: 'INVALID', field: 'completedOn', message: `completedOn ${completedOn} is in the future` };
  return { ok: true };
}
