import { difficultyCategories, isAge4050, type DifficultyFacts } from '../src/domain/difficulty';
import { certificateNumber, isPeriod, monthIndex, pensionEligibility, periodsOverlap, subsidyCeilingFen, LOAN_CEILING_FEN } from '../src/domain/rules';
import { completionRate, INDICATORS, rollUpTargets } from '../src/domain/targets';
import { DISPUTE_WORKFLOW, LOAN_WORKFLOW, SUBSIDY_WORKFLOW, transition } from '../src/domain/workflows';

const DAY = '2026-11-29';
const base: DifficultyFacts = {
  day: DAY,
  birthDate: '1990-01-01',
  gender: 'MALE',
  statedCategories: [],
  zeroEmploymentFamily: false,
  registeredUnemployedSince: null,
  disabilityGrade: null,
  receivesDibao: null,
};

describe('employment-difficulty categories (就业困难人员类别)', () => {
  it('derives DISABLED and DIBAO_FAMILY from the civil-affairs facts, and drops them when the facts change', () => {
    expect(difficultyCategories({ ...base, disabilityGrade: 2, receivesDibao: true })).toEqual(['DISABLED', 'DIBAO_FAMILY']);
    expect(difficultyCategories({ ...base, disabilityGrade: null, receivesDibao: false })).toEqual([]);
    expect(difficultyCategories({ ...base, disabilityGrade: undefined, receivesDibao: undefined })).toEqual([]);
  });
  it('derives zero-employment family, 4050 and long-term unemployment from employment records', () => {
    expect(difficultyCategories({ ...base, zeroEmploymentFamily: true })).toEqual(['ZERO_EMPLOYMENT_FAMILY']);
    expect(difficultyCategories({ ...base, registeredUnemployedSince: '2025-11-29' })).toEqual(['LONG_TERM_UNEMPLOYED']);
    expect(difficultyCategories({ ...base, registeredUnemployedSince: '2025-11-30' })).toEqual([]);
    expect(difficultyCategories({ ...base, birthDate: '1976-11-29' })).toEqual(['AGE_40_50']);
  });
  it('keeps only the categories the office may state itself', () => {
    expect(difficultyCategories({ ...base, statedCategories: ['LAND_LOST_FARMER', 'DISABLED', 'OTHER'] })).toEqual(['LAND_LOST_FARMER', 'OTHER']);
  });
  it('counts women from 40 and men from 50 as 4050 persons', () => {
    expect(isAge4050('1986-11-29', 'FEMALE', DAY)).toBe(true);
    expect(isAge4050('1986-11-30', 'FEMALE', DAY)).toBe(false);
    expect(isAge4050('1986-11-29', 'MALE', DAY)).toBe(false);
    expect(isAge4050('1976-11-29', 'MALE', DAY)).toBe(true);
  });
  it('stops counting 4050 persons at retirement age', () => {
    expect(isAge4050('1966-11-30', 'MALE', DAY)).toBe(true);
    expect(isAge4050('1966-11-29', 'MALE', DAY)).toBe(false);
    expect(isAge4050('1956-06-01', 'MALE', DAY)).toBe(false);
    expect(isAge4050('1971-11-29', 'FEMALE', DAY)).toBe(false);
  });
});

describe('workflows', () => {
  it('moves a loan applied → approved → disbursed → repaid or defaulted', () => {
    expect(transition(LOAN_WORKFLOW, 'APPLIED', 'APPROVE')).toEqual({ ok: true, to: 'APPROVED' });
    expect(transition(LOAN_WORKFLOW, 'APPROVED', 'DISBURSE')).toEqual({ ok: true, to: 'DISBURSED' });
    expect(transition(LOAN_WORKFLOW, 'DISBURSED', 'REPAY')).toEqual({ ok: true, to: 'REPAID' });
    expect(transition(LOAN_WORKFLOW, 'DISBURSED', 'DEFAULT')).toEqual({ ok: true, to: 'DEFAULTED' });
    expect(transition(LOAN_WORKFLOW, 'APPLIED', 'REJECT')).toEqual({ ok: true, to: 'REJECTED' });
  });
  it('refuses loan steps out of order', () => {
    expect(transition(LOAN_WORKFLOW, 'APPLIED', 'DISBURSE').ok).toBe(false);
    expect(transition(LOAN_WORKFLOW, 'REPAID', 'DEFAULT').ok).toBe(false);
    expect(transition(LOAN_WORKFLOW, 'DISBURSED', 'REJECT').ok).toBe(false);
  });
  it('pays a subsidy only once approved, and never after rejection', () => {
    expect(transition(SUBSIDY_WORKFLOW, 'APPLIED', 'PAY').ok).toBe(false);
    expect(transition(SUBSIDY_WORKFLOW, 'APPROVED', 'PAY')).toEqual({ ok: true, to: 'PAID' });
    expect(transition(SUBSIDY_WORKFLOW, 'REJECTED', 'APPROVE').ok).toBe(false);
    expect(transition(SUBSIDY_WORKFLOW, 'PAID', 'REJECT').ok).toBe(false);
  });
  it('closes a labour dispute once', () => {
    expect(transition(DISPUTE_WORKFLOW, 'RECEIVED', 'SETTLE').ok).toBe(false);
    expect(transition(DISPUTE_WORKFLOW, 'MEDIATING', 'SETTLE')).toEqual({ ok: true, to: 'SETTLED' });
    expect(transition(DISPUTE_WORKFLOW, 'SETTLED', 'WITHDRAW').ok).toBe(false);
  });
});

describe('programme rules', () => {
  it('checks subsidy periods and their overlap', () => {
    expect(isPeriod('2026-01')).toBe(true);
    expect(isPeriod('2026-13')).toBe(false);
    expect(monthIndex('2026-02') - monthIndex('2025-12')).toBe(2);
    expect(periodsOverlap({ period: '2026-01', months: 6 }, { period: '2026-06', months: 6 })).toBe(true);
    expect(periodsOverlap({ period: '2026-01', months: 6 }, { period: '2026-07', months: 6 })).toBe(false);
    expect(periodsOverlap({ period: '2025-12', months: 2 }, { period: '2026-01', months: 1 })).toBe(true);
  });
  it('caps subsidies at 600 yuan a month and loans by borrower kind', () => {
    expect(subsidyCeilingFen(6)).toBe(360_000n);
    expect(LOAN_CEILING_FEN.INDIVIDUAL).toBe(30_000_000n);
    expect(LOAN_CEILING_FEN.SMALL_BUSINESS).toBe(500_000_000n);
  });
  it('refuses the pension certification of a person whose death is recorded, and suspends the pension', () => {
    expect(pensionEligibility({ year: 2026, certified: true, deceased: true, today: '2026-05-01' })).toEqual({ outcome: 'REFUSED_DECEASED', pensionAction: 'SUSPEND' });
    expect(pensionEligibility({ year: 2026, certified: true, deceased: false, today: '2026-05-01' })).toEqual({ outcome: 'CERTIFIED', pensionAction: 'CONTINUE' });
    expect(pensionEligibility({ year: 2026, certified: false, deceased: null, today: '2026-07-31' })).toEqual({ outcome: 'PENDING', pensionAction: 'CONTINUE' });
    expect(pensionEligibility({ year: 2026, certified: false, deceased: null, today: '2026-08-01' })).toEqual({ outcome: 'OVERDUE', pensionAction: 'SUSPEND' });
  });
  it('numbers certificates by district, year and person', () => {
    expect(certificateNumber('370703001001', '2026-03-01', 'abcdef12-3456-4789-8abc-def012345678')).toBe('3707032026ABCDEF12');
  });
});

describe('targets (目标任务)', () => {
  it('lists the seed\'s 16 items in order', () => {
    expect([...new Set(INDICATORS.map((i) => i.item))]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });
  it('computes completion rates as the seed reports them', () => {
    expect(completionRate(2887n, 4770n)).toBe(60.5);
    expect(completionRate(142n, 210n)).toBe(67.6);
    expect(completionRate(240n, 240n)).toBe(100);
    expect(completionRate(1273n, 1264n)).toBe(100.7);
    expect(completionRate(6_000_000n, 260_000_000n)).toBe(2.3);
    expect(completionRate(5n, 0n)).toBeNull();
    expect(completionRate(5n, null)).toBeNull();
  });
  it('rolls targets up from the highest regions below that set one, never counting a level twice', () => {
    const rows = [
      { regionCode: '370703001', indicator: 'SKILLS_TRAINING', target: 240n },
      { regionCode: '370703001001', indicator: 'SKILLS_TRAINING', target: 100n },
      { regionCode: '370703002001', indicator: 'SKILLS_TRAINING', target: 50n },
      { regionCode: '370703002002', indicator: 'SKILLS_TRAINING', target: 30n },
      { regionCode: '370703', indicator: 'SYB_TRAINING', target: 60n },
    ];
    expect(rollUpTargets('370703', rows)).toEqual(new Map([['SKILLS_TRAINING', 320n], ['SYB_TRAINING', 60n]]));
    expect(rollUpTargets('370703001', rows)).toEqual(new Map([['SKILLS_TRAINING', 240n]]));
    expect(rollUpTargets('370703002', rows)).toEqual(new Map([['SKILLS_TRAINING', 80n]]));
    expect(rollUpTargets('370704', rows)).toEqual(new Map());
  });
});
