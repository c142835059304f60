import { reviewDue } from '../src/domain/review';
import { conflictedMembers, enrolmentAllowedFrom, filingRequired, NEXT_STAGE, stepRefusal, type Stage, type StepContext } from '../src/domain/workflow';

const STAGES: Stage[] = ['SUBMITTED', 'HOME_VISITED', 'APPRAISED', 'REVIEWED', 'APPROVED', 'PUBLICIZED', 'ENROLLED', 'REJECTED'];
const base: Omit<StepContext, 'from' | 'to'> = {
  date: '2026-11-20',
  today: '2026-11-29',
  lastStepDate: '2026-11-01',
  publicityStartedOn: '2026-11-10',
  conflictedMembers: [],
  hasFiling: false,
  subsidyFen: 10000n,
};

describe('dibao workflow transitions', () => {
  it('allows exactly the next stage, or a rejection, from every open stage', () => {
    for (const from of STAGES) {
      for (const to of STAGES) {
        const refusal = stepRefusal({ ...base, from, to });
        const open = from !== 'ENROLLED' && from !== 'REJECTED';
        const allowed = open && (to === NEXT_STAGE[from] || to === 'REJECTED');
        expect({ from, to, allowed: refusal === null }).toEqual({ from, to, allowed });
        if (!allowed) expect(refusal!.code).toBe('INVALID_TRANSITION');
      }
    }
  });
  it('keeps steps in date order and out of the future', () => {
    expect(stepRefusal({ ...base, from: 'SUBMITTED', to: 'HOME_VISITED', date: '2026-10-31' })).toEqual(expect.objectContaining({ field: 'date', code: 'INVALID' }));
    expect(stepRefusal({ ...base, from: 'SUBMITTED', to: 'HOME_VISITED', date: '2026-11-30' })).toEqual(expect.objectContaining({ field: 'date', code: 'INVALID' }));
    expect(stepRefusal({ ...base, from: 'SUBMITTED', to: 'HOME_VISITED', date: '2026-11-01' })).toBeNull();
  });
  it('enrols only after seven days of publicity', () => {
    expect(enrolmentAllowedFrom('2026-11-10')).toBe('2026-11-17');
    expect(stepRefusal({ ...base, from: 'PUBLICIZED', to: 'ENROLLED', date: '2026-11-16' })).toEqual(expect.objectContaining({ field: 'date', code: 'RULE_VIOLATION' }));
    expect(stepRefusal({ ...base, from: 'PUBLICIZED', to: 'ENROLLED', date: '2026-11-17' })).toBeNull();
    // Rejection during publicity (an objection upheld) needs no waiting.
    expect(stepRefusal({ ...base, from: 'PUBLICIZED', to: 'REJECTED', date: '2026-11-12' })).toBeNull();
  });
  it('refuses approval of a household with an officer\'s or cadre\'s near relative until a filing exists', () => {
    const related = conflictedMembers(['a', 'b', 'c'], ['x', 'b'], new Set(['c']));
    expect(related).toEqual(['b', 'c']);
    expect(stepRefusal({ ...base, from: 'REVIEWED', to: 'APPROVED', conflictedMembers: related })).toEqual(expect.objectContaining({ code: 'RULE_VIOLATION' }));
    expect(stepRefusal({ ...base, from: 'REVIEWED', to: 'APPROVED', conflictedMembers: related, hasFiling: true })).toBeNull();
    expect(stepRefusal({ ...base, from: 'HOME_VISITED', to: 'APPRAISED', conflictedMembers: related })).toBeNull();
  });
  it('needs a filing for a cadre\'s or an officer\'s relative, unknown only when community cannot tell', () => {
    expect(filingRequired(true, false)).toBe(true);
    expect(filingRequired(false, true)).toBe(true);
    expect(filingRequired(null, true)).toBe(true);
    expect(filingRequired(false, false)).toBe(false);
    expect(filingRequired(null, false)).toBeNull();
  });
  it('refuses approval when the income leaves nothing to pay', () => {
    expect(stepRefusal({ ...base, from: 'REVIEWED', to: 'APPROVED', subsidyFen: 0n })).toEqual(expect.objectContaining({ code: 'RULE_VIOLATION' }));
  });
  it('dates the annual review a year after the last one or the start', () => {
    expect(reviewDue('2025-03-15', null)).toBe('2026-03-15');
    expect(reviewDue('2025-03-15', '2026-02-28')).toBe('2027-02-28');
    expect(reviewDue('2024-02-29', null)).toBe('2025-02-28');
  });
});
