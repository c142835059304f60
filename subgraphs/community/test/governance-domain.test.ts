import { checkAdmissionDecision } from '../src/domain/admission';
import { addDays, isIsoDate, quarterEnd, quarterStart, todayInChina } from '../src/domain/dates';
import { checkDisputeTransition, DISPUTE_TRANSITIONS, type DisputeStatus } from '../src/domain/dispute';
import { membersAfter, planMembershipChange, type CurrentMember } from '../src/domain/membership';
import { mediationSuccessRate, ratio, registrationCoverage } from '../src/domain/rates';
import { isSupervisionOverdue } from '../src/domain/supervision';
import { subtreeRoots } from '../src/data/statistics';
import { checkResidentTag } from '../src/domain/tags';

const TODAY = '2026-11-29';

describe('dates', () => {
  it('finds quarter boundaries', () => {
    expect(quarterStart('2026-03-31')).toBe('2026-01-01');
    expect(quarterStart('2026-04-01')).toBe('2026-04-01');
    expect(quarterStart('2026-12-31')).toBe('2026-10-01');
    expect(quarterEnd('2026-11-29')).toBe('2026-12-31');
    expect(quarterEnd('2024-02-10')).toBe('2024-03-31');
    expect(quarterEnd('2026-05-01')).toBe('2026-06-30');
  });
  it('validates calendar dates and adds days across months', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('takes today in China time', () => {
    expect(todayInChina(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01');
    expect(todayInChina(new Date('2026-03-31T15:59:00Z'))).toBe('2026-03-31');
  });
});

describe('supervision overdue rule (帮教逾期) at quarter boundaries', () => {
  const open = { startDate: '2025-01-10', endDate: null };
  it('is overdue on the first day of a quarter when the last face-to-face visit was the day before', () => {
    expect(isSupervisionOverdue(open, ['2026-03-31'], '2026-04-01')).toBe(true);
    expect(isSupervisionOverdue(open, ['2025-12-31'], '2026-01-01')).toBe(true);
  });
  it("is not overdue once a visit on the quarter's first day happened", () => {
    expect(isSupervisionOverdue(open, ['2026-04-01'], '2026-04-01')).toBe(false);
    expect(isSupervisionOverdue(open, ['2026-01-01'], '2026-03-31')).toBe(false);
  });
  it('ignores visits after today and files not in force', () => {
    expect(isSupervisionOverdue(open, ['2026-04-02'], '2026-04-01')).toBe(true);
    expect(isSupervisionOverdue({ startDate: '2025-01-10', endDate: '2026-03-31' }, [], '2026-04-01')).toBe(false);
    expect(isSupervisionOverdue({ startDate: '2026-05-01', endDate: null }, [], '2026-04-01')).toBe(false);
    expect(isSupervisionOverdue({ startDate: '2025-01-10', endDate: '2026-04-01' }, [], '2026-04-01')).toBe(true);
  });
  it('is overdue with no visit at all', () => {
    expect(isSupervisionOverdue(open, [], TODAY)).toBe(true);
  });
});

describe('dispute workflow (调解流程)', () => {
  const state = (status: DisputeStatus, sessionCount = 1) => ({ status, reportedOn: '2026-10-01', sessionCount });
  const all: DisputeStatus[] = ['REPORTED', 'MEDIATING', 'RESOLVED', 'REFERRED', 'FAILED'];
  const complete = { date: '2026-11-01', agreement: '双方同意分摊维修费', referredTo: '街道司法所', note: '一方拒绝调解' };
  it('allows exactly REPORTED → MEDIATING → RESOLVED | REFERRED | FAILED', () => {
    const allowed: string[] = [];
    for (const from of all) for (const to of all) if (checkDisputeTransition(state(from), { to, ...complete }, TODAY).length === 0) allowed.push(`${from}→${to}`);
    expect(allowed).toEqual(['REPORTED→MEDIATING', 'MEDIATING→RESOLVED', 'MEDIATING→REFERRED', 'MEDIATING→FAILED']);
    expect(DISPUTE_TRANSITIONS.RESOLVED).toEqual([]);
  });
  it('refuses other steps as INVALID_TRANSITION', () => {
    expect(checkDisputeTransition(state('REPORTED'), { to: 'RESOLVED', ...complete }, TODAY)).toEqual([
      { field: ['input', 'to'], code: 'INVALID_TRANSITION', message: 'a REPORTED dispute cannot become RESOLVED' },
    ]);
    expect(checkDisputeTransition(state('RESOLVED'), { to: 'MEDIATING', ...complete }, TODAY)[0]!.code).toBe('INVALID_TRANSITION');
  });
  it('requires an agreement and a session to resolve, a body to refer to, a reason to fail', () => {
    const codes = (s: ReturnType<typeof state>, step: Parameters<typeof checkDisputeTransition>[1]) => checkDisputeTransition(s, step, TODAY).map((e) => `${e.field.join('.')}:${e.code}`);
    expect(codes(state('MEDIATING', 0), { to: 'RESOLVED', date: '2026-11-01', agreement: ' ' })).toEqual(['input.agreement:REQUIRED', 'input.to:RULE_VIOLATION']);
    expect(codes(state('MEDIATING'), { to: 'REFERRED', date: '2026-11-01' })).toEqual(['input.referredTo:REQUIRED']);
    expect(codes(state('MEDIATING'), { to: 'FAILED', date: '2026-11-01' })).toEqual(['input.note:REQUIRED']);
  });
  it('refuses dates before the report or in the future', () => {
    expect(checkDisputeTransition(state('REPORTED'), { to: 'MEDIATING', date: '2026-09-30' }, TODAY)[0]!.field).toEqual(['input', 'date']);
    expect(checkDisputeTransition(state('REPORTED'), { to: 'MEDIATING', date: '2026-11-30' }, TODAY)[0]!.message).toMatch(/future/);
  });
});

describe('head-of-household rules (户主规则)', () => {
  const members: CurrentMember[] = [
    { membershipId: 'm1', personId: 'father', relation: 'HEAD', startDate: '2010-01-01' },
    { membershipId: 'm2', personId: 'mother', relation: 'SPOUSE', startDate: '2010-01-01' },
    { membershipId: 'm3', personId: 'son', relation: 'CHILD', startDate: '2012-05-06' },
  ];
  const heads = (after: { relation: string }[]) => after.filter((m) => m.relation === 'HEAD').length;

  it('changes the head: both memberships end the day before and restart with new relations', () => {
    const result = planMembershipChange(members, { kind: 'CHANGE_HEAD', newHeadPersonId: 'mother', formerHeadRelation: 'SPOUSE' }, '2026-06-01');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.plan.end).toEqual([
      { membershipId: 'm1', endDate: '2026-05-31', reason: 'RELATION_CHANGED' },
      { membershipId: 'm2', endDate: '2026-05-31', reason: 'RELATION_CHANGED' },
    ]);
    const after = membersAfter(members, result.plan);
    expect(after.find((m) => m.personId === 'mother')!.relation).toBe('HEAD');
    expect(after.find((m) => m.personId === 'father')!.relation).toBe('SPOUSE');
    expect(heads(after)).toBe(1);
  });
  it('refuses a head change to a non-member, to the head itself, or leaving the former head as HEAD', () => {
    const codes = (change: Parameters<typeof planMembershipChange>[1]) => {
      const r = planMembershipChange(members, change, '2026-06-01');
      return r.ok ? [] : r.errors.map((e) => e.code);
    };
    expect(codes({ kind: 'CHANGE_HEAD', newHeadPersonId: 'stranger', formerHeadRelation: 'SPOUSE' })).toEqual(['NOT_FOUND']);
    expect(codes({ kind: 'CHANGE_HEAD', newHeadPersonId: 'father', formerHeadRelation: 'SPOUSE' })).toEqual(['INVALID']);
    expect(codes({ kind: 'CHANGE_HEAD', newHeadPersonId: 'mother', formerHeadRelation: 'HEAD' })).toEqual(['INVALID']);
  });
  it('requires a new head when the head leaves or dies and others remain', () => {
    const missing = planMembershipChange(members, { kind: 'LEAVE', personId: 'father', reason: 'DECEASED' }, '2026-06-01');
    expect(missing).toEqual({ ok: false, errors: [{ field: ['input', 'newHeadPersonId'], code: 'REQUIRED', message: 'the head is leaving: name another member as head' }] });
    const named = planMembershipChange(members, { kind: 'LEAVE', personId: 'father', reason: 'DECEASED', newHeadPersonId: 'mother' }, '2026-06-01');
    if (!named.ok) throw new Error('refused');
    expect(named.plan.end.map((e) => e.reason)).toEqual(['DECEASED', 'RELATION_CHANGED']);
    const after = membersAfter(members, named.plan);
    expect(after.map((m) => `${m.personId}:${m.relation}`).sort()).toEqual(['mother:HEAD', 'son:CHILD']);
  });
  it('lets an ordinary member leave without naming a head, and refuses naming one', () => {
    const ok = planMembershipChange(members, { kind: 'LEAVE', personId: 'son', reason: 'MOVED' }, '2026-06-01');
    expect(ok.ok && ok.plan).toEqual({ end: [{ membershipId: 'm3', endDate: '2026-05-31', reason: 'MOVED' }], start: [] });
    const bad = planMembershipChange(members, { kind: 'LEAVE', personId: 'son', reason: 'MOVED', newHeadPersonId: 'mother' }, '2026-06-01');
    expect(bad.ok).toBe(false);
  });
  it('lets the last member, the head, leave an empty household', () => {
    const alone: CurrentMember[] = [{ membershipId: 'a', personId: 'widow', relation: 'HEAD', startDate: '1990-01-01' }];
    const result = planMembershipChange(alone, { kind: 'LEAVE', personId: 'widow', reason: 'DECEASED' }, '2026-06-01');
    expect(result.ok && membersAfter(alone, result.plan)).toEqual([]);
  });
  it('makes the first member of an empty household its head and refuses a second head', () => {
    expect(planMembershipChange([], { kind: 'JOIN', personId: 'x', relation: 'CHILD' }, '2026-06-01').ok).toBe(false);
    expect(planMembershipChange([], { kind: 'JOIN', personId: 'x', relation: 'HEAD' }, '2026-06-01').ok).toBe(true);
    const second = planMembershipChange(members, { kind: 'JOIN', personId: 'x', relation: 'HEAD' }, '2026-06-01');
    expect(!second.ok && second.errors[0]!.code).toBe('RULE_VIOLATION');
    expect(planMembershipChange(members, { kind: 'JOIN', personId: 'son', relation: 'CHILD' }, '2026-06-01').ok).toBe(false);
  });
  it('refuses a date on or before the start of a membership it would close', () => {
    const result = planMembershipChange(members, { kind: 'LEAVE', personId: 'son', reason: 'LEFT' }, '2012-05-06');
    expect(!result.ok && result.errors[0]!.field).toEqual(['input', 'effectiveDate']);
  });
});

describe('vulnerable-resident tags', () => {
  it('needs 60+ living alone for ELDERLY_LIVING_ALONE, under 16 for LEFT_BEHIND_CHILD', () => {
    expect(checkResidentTag('ELDERLY_LIVING_ALONE', 75, 1)).toEqual([]);
    expect(checkResidentTag('ELDERLY_LIVING_ALONE', 59, 1)).toHaveLength(1);
    expect(checkResidentTag('ELDERLY_LIVING_ALONE', 80, 2)).toHaveLength(1);
    expect(checkResidentTag('LEFT_BEHIND_CHILD', 15, 3)).toEqual([]);
    expect(checkResidentTag('LEFT_BEHIND_CHILD', 16, 3)[0]!.code).toBe('RULE_VIOLATION');
    expect(checkResidentTag('DISABLED', 40, 4)).toEqual([]);
  });
});

describe('rates', () => {
  it('computes coverage and mediation success, null without a base', () => {
    expect(registrationCoverage(99, 100)).toBe(0.99);
    expect(registrationCoverage(0, 0)).toBeNull();
    expect(mediationSuccessRate({ RESOLVED: 2, REFERRED: 1, FAILED: 0 })).toBe(0.6667);
    expect(mediationSuccessRate({ RESOLVED: 0, REFERRED: 0, FAILED: 0 })).toBeNull();
    expect(ratio(1, 3)).toBe(0.3333);
  });
});

describe('work admission (社区工作准入, 费随事转)', () => {
  const pending = { kind: 'TASK' as const, status: 'PENDING' as const, requestedOn: '2026-09-01' };
  const base = { date: '2026-09-10', decidedBy: '区社区建设协调小组', fundingFen: 500_000n };
  it('approves a funded task and refuses an unfunded one', () => {
    expect(checkAdmissionDecision(pending, { ...base, decision: 'APPROVED' }, TODAY)).toEqual([]);
    expect(checkAdmissionDecision(pending, { ...base, decision: 'APPROVED', fundingFen: 0n }, TODAY)[0]!.code).toBe('RULE_VIOLATION');
    expect(checkAdmissionDecision({ ...pending, kind: 'REPORT_FORM' }, { ...base, decision: 'APPROVED', fundingFen: 0n }, TODAY)).toEqual([]);
  });
  it('decides only once, and a refusal needs a reason', () => {
    expect(checkAdmissionDecision({ ...pending, status: 'APPROVED' }, { ...base, decision: 'REFUSED', refusalReason: 'x' }, TODAY)[0]!.code).toBe('INVALID_TRANSITION');
    expect(checkAdmissionDecision(pending, { ...base, decision: 'REFUSED' }, TODAY)[0]!.field).toEqual(['input', 'refusalReason']);
    expect(checkAdmissionDecision(pending, { ...base, decision: 'REFUSED', refusalReason: '属行政部门职责', date: '2026-08-01' }, TODAY)[0]!.field).toEqual(['input', 'date']);
  });
});

describe('statistics roots', () => {
  it('keeps only the asked codes no other asked code contains', () => {
    expect(subtreeRoots(['370703001001', '370703', '370703001', '370705001', '370703'])).toEqual(['370703', '370705001']);
    expect(subtreeRoots(['370703001002', '370703001001'])).toEqual(['370703001001', '370703001002']);
  });
});
