import { addYears, ageOn, isIsoDate } from '../src/domain/dates';
import { isOverdue, transitionHazard } from '../src/domain/hazard';
import { indicatorAchieved, indicatorProgress, targetMatchesDirection } from '../src/domain/indicator';
import { ageBand, previousYear, ratePer100k, summariseInjuries } from '../src/domain/injuryStatistics';
import { currentPhase, phaseDateProblem, phaseLate, type PhaseDates } from '../src/domain/programme';
import { riskLevel, riskScore } from '../src/domain/risk';

describe('risk level (likelihood × severity)', () => {
  it('grades every cell of the 5 × 5 matrix by its score', () => {
    expect(riskLevel(1, 1)).toBe('LOW');
    expect(riskLevel(2, 2)).toBe('LOW');
    expect(riskLevel(1, 4)).toBe('LOW');
    expect(riskLevel(1, 5)).toBe('GENERAL');
    expect(riskLevel(3, 3)).toBe('GENERAL');
    expect(riskLevel(2, 5)).toBe('SIGNIFICANT');
    expect(riskLevel(4, 4)).toBe('SIGNIFICANT');
    expect(riskLevel(4, 5)).toBe('MAJOR');
    expect(riskLevel(5, 5)).toBe('MAJOR');
    const counts: Record<string, number> = {};
    for (let l = 1; l <= 5; l += 1) for (let s = 1; s <= 5; s += 1) counts[riskLevel(l, s)] = (counts[riskLevel(l, s)] ?? 0) + 1;
    expect(counts).toEqual({ LOW: 8, GENERAL: 7, SIGNIFICANT: 7, MAJOR: 3 });
  });
  it('is symmetric and refuses values off the scale', () => {
    expect(riskScore(2, 4)).toBe(8);
    expect(riskLevel(5, 2)).toBe(riskLevel(2, 5));
    expect(() => riskLevel(0, 3)).toThrow(RangeError);
    expect(() => riskLevel(3, 6)).toThrow(RangeError);
    expect(() => riskLevel(2.5, 3)).toThrow(RangeError);
  });
});

describe('hazard workflow', () => {
  const identified = { status: 'IDENTIFIED' as const, identifiedOn: '2026-03-01' };
  const rectifying = { status: 'RECTIFYING' as const, identifiedOn: '2026-03-01', rectificationStartedOn: '2026-03-10' };

  it('goes IDENTIFIED → RECTIFYING → CLOSED', () => {
    expect(transitionHazard(identified, 'START_RECTIFICATION', { on: '2026-03-10' })).toEqual({ ok: true, status: 'RECTIFYING' });
    expect(transitionHazard(rectifying, 'CLOSE', { on: '2026-04-01', verificationNote: '护栏已安装, 经安办验收合格' })).toEqual({ ok: true, status: 'CLOSED' });
  });
  it('refuses skipping or repeating a step', () => {
    expect(transitionHazard(identified, 'CLOSE', { on: '2026-04-01', verificationNote: 'ok' })).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(transitionHazard(rectifying, 'START_RECTIFICATION', { on: '2026-04-01' })).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(transitionHazard({ ...rectifying, status: 'CLOSED' }, 'CLOSE', { on: '2026-04-01', verificationNote: 'x' })).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });
  it('needs a verification note to close, and no step dated before the previous one', () => {
    expect(transitionHazard(rectifying, 'CLOSE', { on: '2026-04-01' })).toMatchObject({ ok: false, code: 'REQUIRED', field: 'verificationNote' });
    expect(transitionHazard(rectifying, 'CLOSE', { on: '2026-04-01', verificationNote: '   ' })).toMatchObject({ ok: false, code: 'REQUIRED' });
    expect(transitionHazard(rectifying, 'CLOSE', { on: '2026-03-09', verificationNote: 'ok' })).toMatchObject({ ok: false, code: 'INVALID', field: 'on' });
    expect(transitionHazard(identified, 'START_RECTIFICATION', { on: '2026-02-28' })).toMatchObject({ ok: false, code: 'INVALID' });
  });
  it('flags an open hazard past its deadline as overdue, never a closed one or one due today', () => {
    expect(isOverdue({ status: 'IDENTIFIED', deadline: '2026-11-28' }, '2026-11-29')).toBe(true);
    expect(isOverdue({ status: 'RECTIFYING', deadline: '2026-11-28' }, '2026-11-29')).toBe(true);
    expect(isOverdue({ status: 'RECTIFYING', deadline: '2026-11-29' }, '2026-11-29')).toBe(false);
    expect(isOverdue({ status: 'CLOSED', deadline: '2020-01-01' }, '2026-11-29')).toBe(false);
    expect(isOverdue({ status: 'IDENTIFIED', deadline: null }, '2026-11-29')).toBe(false);
    expect(isOverdue({ status: 'DONE', deadline: '2020-01-01' }, '2026-11-29', ['DONE', 'CANCELLED'])).toBe(false);
  });
});

describe('injury statistics', () => {
  it('bands ages as surveillance reports do', () => {
    expect([0, 4, 5, 14, 15, 24, 25, 44, 45, 64, 65, 101].map(ageBand)).toEqual([
      'AGE_0_4', 'AGE_0_4', 'AGE_5_14', 'AGE_5_14', 'AGE_15_24', 'AGE_15_24', 'AGE_25_44', 'AGE_25_44', 'AGE_45_64', 'AGE_45_64', 'AGE_65_PLUS', 'AGE_65_PLUS',
    ]);
    expect(() => ageBand(-1)).toThrow(RangeError);
  });
  it('compares with the same period a year before, 29 February included', () => {
    expect(previousYear({ from: '2026-01-01', to: '2026-06-30' })).toEqual({ from: '2025-01-01', to: '2025-06-30' });
    expect(previousYear({ from: '2024-02-01', to: '2024-02-29' })).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(addYears('2023-02-28', 1)).toBe('2024-02-28');
  });
  it('computes rates per 100,000 residents', () => {
    expect(ratePer100k(300, 30_000)).toBe(1000);
    expect(ratePer100k(1, 30_000)).toBe(3.33);
    expect(ratePer100k(5, 0)).toBeNull();
    expect(ratePer100k(5, null)).toBeNull();
  });
  it('summarises a fixture: totals, shares, year-on-year change and rates', () => {
    const summary = summariseInjuries(
      { from: '2026-01-01', to: '2026-12-31' },
      [
        { key: 'FALL', count: 6, hospitalised: 2, deaths: 0, previousCount: 8 },
        { key: 'TRAFFIC', count: 3, hospitalised: 1, deaths: 1, previousCount: 2 },
        { key: 'BURN', count: 1, hospitalised: 0, deaths: 0, previousCount: 0 },
      ],
      { hospitalised: 4, deaths: 2 },
      2_000,
      ['TRAFFIC', 'FALL', 'BURN', 'DROWNING'],
    );
    expect(summary).toMatchObject({
      previousPeriod: { from: '2025-01-01', to: '2025-12-31' },
      total: 10,
      hospitalised: 3,
      deaths: 1,
      previousTotal: 10,
      previousHospitalised: 4,
      previousDeaths: 2,
      change: 0,
      changeRate: 0,
      ratePer100k: 500,
      previousRatePer100k: 500,
    });
    expect(summary.groups.map((g) => [g.key, g.count, g.share, g.change, g.changeRate, g.ratePer100k])).toEqual([
      ['TRAFFIC', 3, 0.3, 1, 0.5, 150],
      ['FALL', 6, 0.6, -2, -0.25, 300],
      ['BURN', 1, 0.1, 1, null, 50],
      ['DROWNING', 0, 0, 0, null, 0],
    ]);
  });
  it('has no shares when nothing happened, and no rates without a population', () => {
    const summary = summariseInjuries({ from: '2026-01-01', to: '2026-01-31' }, [], { hospitalised: 0, deaths: 0 }, null, ['MALE', 'FEMALE']);
    expect(summary.total).toBe(0);
    expect(summary.changeRate).toBeNull();
    expect(summary.groups).toEqual([
      { key: 'MALE', count: 0, hospitalised: 0, deaths: 0, previousCount: 0, share: null, change: 0, changeRate: null, ratePer100k: null },
      { key: 'FEMALE', count: 0, hospitalised: 0, deaths: 0, previousCount: 0, share: null, change: 0, changeRate: null, ratePer100k: null },
    ]);
  });
});

describe('intervention indicators', () => {
  it('judges achievement in the indicator direction', () => {
    expect(indicatorAchieved({ baseline: 120, target: 90, actual: 85, direction: 'LOWER_IS_BETTER' })).toBe(true);
    expect(indicatorAchieved({ baseline: 120, target: 90, actual: 95, direction: 'LOWER_IS_BETTER' })).toBe(false);
    expect(indicatorAchieved({ baseline: 60, target: 90, actual: 90, direction: 'HIGHER_IS_BETTER' })).toBe(true);
    expect(indicatorAchieved({ baseline: 60, target: 90, actual: null, direction: 'HIGHER_IS_BETTER' })).toBeNull();
  });
  it('measures progress from baseline to target, capped to 0–1', () => {
    expect(indicatorProgress({ baseline: 120, target: 90, actual: 105, direction: 'LOWER_IS_BETTER' })).toBe(0.5);
    expect(indicatorProgress({ baseline: 60, target: 90, actual: 100, direction: 'HIGHER_IS_BETTER' })).toBe(1);
    expect(indicatorProgress({ baseline: 60, target: 90, actual: 50, direction: 'HIGHER_IS_BETTER' })).toBe(0);
    expect(indicatorProgress({ baseline: 60, target: 60, actual: 70, direction: 'HIGHER_IS_BETTER' })).toBeNull();
  });
  it('requires a target that moves from the baseline the right way', () => {
    expect(targetMatchesDirection({ baseline: 120, target: 90, direction: 'LOWER_IS_BETTER' })).toBe(true);
    expect(targetMatchesDirection({ baseline: 120, target: 130, direction: 'LOWER_IS_BETTER' })).toBe(false);
    expect(targetMatchesDirection({ baseline: 60, target: 60, direction: 'HIGHER_IS_BETTER' })).toBe(false);
  });
});

describe('programme phases', () => {
  // The seventh seed report's plan.
  const phases: PhaseDates[] = [
    { phase: 'LAUNCH', plannedStart: '2015-03-01', plannedEnd: '2015-05-31', actualStart: '2015-03-01', actualEnd: '2015-05-31' },
    { phase: 'MOBILISATION', plannedStart: '2015-06-01', plannedEnd: '2015-07-31', actualStart: '2015-06-01', actualEnd: null },
    { phase: 'IMPLEMENTATION', plannedStart: '2015-08-01', plannedEnd: '2017-08-31', actualStart: null, actualEnd: null },
    { phase: 'ACCREDITATION', plannedStart: '2017-09-01', plannedEnd: '2017-10-31', actualStart: null, actualEnd: null },
    { phase: 'CONTINUOUS_IMPROVEMENT', plannedStart: '2017-11-01', plannedEnd: null, actualStart: null, actualEnd: null },
  ];
  it('finds the current phase from actual or planned starts', () => {
    expect(currentPhase(phases, '2015-02-28')).toBeNull();
    expect(currentPhase(phases, '2015-04-15')).toBe('LAUNCH');
    expect(currentPhase(phases, '2015-07-01')).toBe('MOBILISATION');
    expect(currentPhase(phases, '2026-11-29')).toBe('CONTINUOUS_IMPROVEMENT');
  });
  it('flags late phases and bad dates', () => {
    expect(phaseLate(phases[1]!, '2015-08-15')).toBe(true);
    expect(phaseLate(phases[0]!, '2016-01-01')).toBe(false);
    expect(phaseLate(phases[2]!, '2015-07-01')).toBe(false);
    expect(phaseLate(phases[2]!, '2015-08-02')).toBe(true);
    expect(phaseDateProblem({ actualStart: '2015-06-01', actualEnd: '2015-05-01' })).toBe('actualEnd');
    expect(phaseDateProblem({ actualStart: null, actualEnd: '2015-05-01' })).toBe('actualStart');
    expect(phaseDateProblem({ actualStart: '2015-06-01', actualEnd: null })).toBeNull();
  });
});

describe('dates', () => {
  it('validates ISO dates and computes ages', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2024-2-9')).toBe(false);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });
});

import { checkActionTransition } from '../src/domain/actions';

describe('corrective action workflow', () => {
  it('moves OPEN → IN_PROGRESS → DONE and allows cancelling open work', () => {
    expect(checkActionTransition('OPEN', 'IN_PROGRESS', null, '2026-11-29')).toEqual({ ok: true });
    expect(checkActionTransition('IN_PROGRESS', 'DONE', '2026-11-20', '2026-11-29')).toEqual({ ok: true });
    expect(checkActionTransition('OPEN', 'CANCELLED', null, '2026-11-29')).toEqual({ ok: true });
  });
  it('refuses leaving a final state, DONE without a day, or a day in the future', () => {
    expect(checkActionTransition('DONE', 'IN_PROGRESS', null, '2026-11-29')).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(checkActionTransition('CANCELLED', 'DONE', '2026-11-01', '2026-11-29')).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(checkActionTransition('IN_PROGRESS', 'DONE', null, '2026-11-29')).toMatchObject({ ok: false, code: 'REQUIRED', field: 'completedOn' });
    expect(checkActionTransition('OPEN', 'IN_PROGRESS', '2026-11-01', '2026-11-29')).toMatchObject({ ok: false, code: 'INVALID' });
    expect(checkActionTransition('OPEN', 'DONE', '2026-12-01', '2026-11-29')).toMatchObject({ ok: false, code: 'INVALID' });
  });
});

import { checkApproval, checkRevision } from '../src/domain/emergencyPlan';

describe('emergency plan versions', () => {
  const approved = { version: 1, issuedOn: '2015-08-01', approvedOn: '2015-08-20' };
  const draft = { version: 2, issuedOn: '2018-08-01', approvedOn: null };
  it('allows one draft at a time, issued after the previous version', () => {
    expect(checkRevision([approved], '2018-08-01')).toEqual({ ok: true });
    expect(checkRevision([], '2018-08-01')).toEqual({ ok: true });
    expect(checkRevision([approved, draft], '2019-01-01')).toMatchObject({ ok: false, code: 'RULE_VIOLATION' });
    expect(checkRevision([approved], '2015-07-01')).toMatchObject({ ok: false, code: 'INVALID', field: 'issuedOn' });
  });
  it('approves only the newest draft, on or after its issue day', () => {
    expect(checkApproval([approved, draft], 2, '2018-08-15')).toEqual({ ok: true });
    expect(checkApproval([approved, draft], 1, '2018-08-15')).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(checkApproval([{ ...approved, approvedOn: null }, draft], 1, '2018-08-15')).toMatchObject({ ok: false, code: 'RULE_VIOLATION' });
    expect(checkApproval([approved, draft], 2, '2018-07-31')).toMatchObject({ ok: false, code: 'INVALID', field: 'approvedOn' });
    expect(checkApproval([approved, draft], 3, '2018-08-15')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

import { planPhases } from '../src/domain/programme';

describe('phase planning', () => {
  it("reproduces the seed's plan from its launch and target dates", () => {
    expect(planPhases('2015-03-01', '2017-10-31')).toEqual([
      { phase: 'LAUNCH', plannedStart: '2015-03-01', plannedEnd: '2015-05-31', actualStart: null, actualEnd: null },
      { phase: 'MOBILISATION', plannedStart: '2015-06-01', plannedEnd: '2015-07-31', actualStart: null, actualEnd: null },
      { phase: 'IMPLEMENTATION', plannedStart: '2015-08-01', plannedEnd: '2017-08-31', actualStart: null, actualEnd: null },
      { phase: 'ACCREDITATION', plannedStart: '2017-09-01', plannedEnd: '2017-10-31', actualStart: null, actualEnd: null },
      { phase: 'CONTINUOUS_IMPROVEMENT', plannedStart: '2017-11-01', plannedEnd: null, actualStart: null, actualEnd: null },
    ]);
  });
  it('refuses a target less than 19 months after the launch', () => {
    expect(planPhases('2026-01-01', '2027-07-31')).toBeNull();
    expect(planPhases('2026-01-01', '2027-08-01')).not.toBeNull();
  });
});
