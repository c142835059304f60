import { deathEffects } from '../src/domain/death';
import { personalEnrolmentRefusal } from '../src/domain/eligibility';
import { addMonths, ageOn, isIsoDate } from '../src/domain/dates';
import { divideRoundHalfUp, monthlyFromYearly, yuan } from '../src/domain/money';
import { payableInPeriod, paymentAmount, periodBounds, type PayableEnrolment } from '../src/domain/payroll';
import { monthlyAmount, SEED_STANDARDS, standardInForce, type Standard } from '../src/domain/standards';
import { normalisedStatus } from '../src/domain/status';
import { dibaoCategory, dibaoSubsidy, dibaoSubsidyFromIncome, perCapitaIncome } from '../src/domain/subsidy';

describe('subsidy arithmetic (补差)', () => {
  it('pays (standard − per-capita income) × members', () => {
    expect(dibaoSubsidy(yuan(209), yuan(99), 3)).toBe(yuan(330));
    expect(dibaoSubsidy(yuan(40), 0n, 2)).toBe(yuan(80));
  });
  it('is zero, never negative, at or above the standard', () => {
    expect(dibaoSubsidy(yuan(209), yuan(209), 3)).toBe(0n);
    expect(dibaoSubsidy(yuan(209), yuan(250.5), 4)).toBe(0n);
  });
  it('rounds per-capita income half up to the fen before the subtraction', () => {
    // 100.00 元 over 3 persons = 33.333… → 33.33; 100.01 over 2 = 50.005 → 50.01.
    expect(perCapitaIncome(yuan(100), 3)).toBe(3333n);
    expect(perCapitaIncome(10001n, 2)).toBe(5001n);
    expect(dibaoSubsidyFromIncome(yuan(209), yuan(100), 3)).toBe((20900n - 3333n) * 3n);
  });
  it('refuses nonsense: no members, fractional members, negative income', () => {
    expect(() => dibaoSubsidy(yuan(209), 0n, 0)).toThrow(RangeError);
    expect(() => perCapitaIncome(yuan(1), 1.5)).toThrow(RangeError);
    expect(() => perCapitaIncome(-1n, 1)).toThrow(RangeError);
  });
  it('spreads a yearly standard over twelve months to the fen', () => {
    expect(monthlyFromYearly(yuan(1100))).toBe(9167n);
    expect(monthlyFromYearly(yuan(850))).toBe(7083n);
    expect(monthlyFromYearly(yuan(1200))).toBe(yuan(100));
    expect(divideRoundHalfUp(-5n, 2n)).toBe(-3n);
  });
  it('classifies families A/B/C', () => {
    expect(dibaoCategory({ anyoneAbleToWork: false, perCapitaIncomeFen: 0n, vulnerableMembers: 1 })).toBe('A');
    expect(dibaoCategory({ anyoneAbleToWork: true, perCapitaIncomeFen: 0n, vulnerableMembers: 1 })).toBe('B');
    expect(dibaoCategory({ anyoneAbleToWork: false, perCapitaIncomeFen: 1n, vulnerableMembers: 0 })).toBe('C');
  });
});

describe('standards in force (保障标准)', () => {
  it('follows the seed: rural 30 → 40 元/人·月, then 850 元/年', () => {
    const rural = (day: string) => monthlyAmount(standardInForce(SEED_STANDARDS, 'RURAL_DIBAO', '370705001201', day)!);
    expect(rural('2008-06-30')).toBe(yuan(30));
    expect(rural('2009-01-01')).toBe(yuan(40));
    expect(rural('2026-11-29')).toBe(7083n);
    expect(standardInForce(SEED_STANDARDS, 'RURAL_DIBAO', '370705001201', '2007-12-31')).toBeNull();
  });
  it('takes the most specific region and the grade', () => {
    const local: Standard = { programme: 'URBAN_DIBAO', regionCode: '370703', effectiveFrom: '2010-01-01', amountFen: yuan(230), period: 'MONTH', grade: null };
    expect(standardInForce([...SEED_STANDARDS, local], 'URBAN_DIBAO', '370703001001', '2026-01-01')).toBe(local);
    expect(standardInForce([...SEED_STANDARDS, local], 'URBAN_DIBAO', '370702001001', '2026-01-01')!.amountFen).toBe(yuan(209));
    const grade = (g: number) => standardInForce(SEED_STANDARDS, 'SEVERE_DISABILITY_SUBSIDY', '370703001001', '2026-01-01', g);
    expect(monthlyAmount(grade(1)!)).toBe(yuan(100));
    expect(monthlyAmount(grade(3)!)).toBe(yuan(50));
    expect(grade(4)).toBeNull();
  });
});

describe('normalised status', () => {
  const base = { status: 'IN_PAYMENT' as const, terminationReason: null, startDate: '2020-01-01', endDate: null };
  it('maps every programme status', () => {
    expect(normalisedStatus(base, '2026-11-29')).toBe('ACTIVE');
    expect(normalisedStatus({ ...base, status: 'SUSPENDED' }, '2026-11-29')).toBe('SUSPENDED');
    expect(normalisedStatus({ ...base, status: 'TERMINATED', terminationReason: 'MOVED_AWAY', endDate: '2026-01-31' }, '2026-11-29')).toBe('ENDED');
    expect(normalisedStatus({ ...base, status: 'TERMINATED', terminationReason: 'DECEASED', endDate: '2026-01-31' }, '2026-11-29')).toBe('DECEASED');
    expect(normalisedStatus({ ...base, endDate: '2026-11-28' }, '2026-11-29')).toBe('ENDED');
    expect(normalisedStatus({ ...base, startDate: '2026-12-01' }, '2026-11-29')).toBe('ENDED');
  });
});

describe('payroll rules', () => {
  const enrolment: PayableEnrolment = {
    programme: 'URBAN_DIBAO',
    status: 'IN_PAYMENT',
    startDate: '2026-03-15',
    endDate: null,
    memberCount: 2,
    monthlyAmountFen: yuan(1),
    perCapitaIncomeFen: yuan(109),
    regionCode: '370703001001',
  };
  it('pays from the month of the start to the month of the end or death', () => {
    expect(payableInPeriod(enrolment, '2026-02')).toBe(false);
    expect(payableInPeriod(enrolment, '2026-03')).toBe(true);
    expect(payableInPeriod({ ...enrolment, endDate: '2026-06-10' }, '2026-06')).toBe(true);
    expect(payableInPeriod({ ...enrolment, endDate: '2026-06-10' }, '2026-07')).toBe(false);
    expect(payableInPeriod(enrolment, '2026-06', '2026-06-30')).toBe(true);
    expect(payableInPeriod(enrolment, '2026-07', '2026-06-30')).toBe(true);
    expect(payableInPeriod({ ...enrolment, status: 'SUSPENDED' }, '2026-06')).toBe(false);
    expect(payableInPeriod({ ...enrolment, status: 'TERMINATED', endDate: '2026-06-10' }, '2026-06')).toBe(true);
    expect(payableInPeriod({ ...enrolment, status: 'TERMINATED', endDate: '2026-06-10' }, '2026-07')).toBe(false);
    // A personal programme stops after its beneficiary's death; a dibao household outlives its applicant.
    expect(payableInPeriod({ ...enrolment, programme: 'TEKUN_DISPERSED' }, '2026-07', '2026-06-30')).toBe(false);
  });
  it('follows the standard in force on the first of the month', () => {
    expect(paymentAmount(enrolment, SEED_STANDARDS, '2026-06')).toBe(yuan(200));
    const raised: Standard = { programme: 'URBAN_DIBAO', regionCode: '3707', effectiveFrom: '2026-07-01', amountFen: yuan(230), period: 'MONTH', grade: null };
    expect(paymentAmount(enrolment, [...SEED_STANDARDS, raised], '2026-06')).toBe(yuan(200));
    expect(paymentAmount(enrolment, [...SEED_STANDARDS, raised], '2026-07')).toBe(yuan(242));
    expect(paymentAmount({ ...enrolment, perCapitaIncomeFen: null }, SEED_STANDARDS, '2026-07')).toBe(yuan(1));
    expect(paymentAmount({ ...enrolment, programme: 'TEKUN_DISPERSED' }, SEED_STANDARDS, '2026-07')).toBe(9167n);
  });
  it('knows month bounds, leap years included', () => {
    expect(periodBounds('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(() => periodBounds('2026-13')).toThrow(RangeError);
  });
});

describe('dates', () => {
  it('validates ISO dates and adds months clamping to the month end', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(ageOn('1966-11-30', '2026-11-29')).toBe(59);
  });
});

describe('death effects', () => {
  const base = { programme: 'TEKUN_DISPERSED', personId: 'p', status: 'IN_PAYMENT' as const, startDate: '2020-01-01', endDate: null, memberCount: 1, monthlyAmountFen: 9167n };
  it('terminates personal enrolments on the day of death and shrinks a larger dibao household', () => {
    expect(
      deathEffects(
        [
          { ...base, id: 'a' },
          { ...base, id: 'b', programme: 'URBAN_DIBAO', memberCount: 3, monthlyAmountFen: 30000n },
          { ...base, id: 'c', programme: 'RURAL_DIBAO', memberCount: 1, monthlyAmountFen: 7083n },
          { ...base, id: 'd', status: 'TERMINATED', endDate: '2025-01-01' },
          { ...base, id: 'e', personId: 'someone else' },
          { ...base, id: 'f', startDate: '2026-12-01' },
        ],
        'p',
        '2026-11-10',
      ),
    ).toEqual([
      { id: 'a', action: 'TERMINATE', endDate: '2026-11-10' },
      { id: 'b', action: 'REDUCE_MEMBERS', memberCount: 2, monthlyAmountFen: 20000n },
      { id: 'c', action: 'TERMINATE', endDate: '2026-11-10' },
      { id: 'f', action: 'TERMINATE', endDate: '2026-11-30' },
    ]);
  });
});

describe('personal programme eligibility', () => {
  const facts = { deceased: false, disability: null, currentProgrammes: [] as string[] };
  it('refuses household programmes, the dead, duplicates and missing certificates', () => {
    expect(personalEnrolmentRefusal('URBAN_DIBAO', facts)?.code).toBe('INVALID');
    expect(personalEnrolmentRefusal('TEKUN_DISPERSED', { ...facts, deceased: true })?.code).toBe('RULE_VIOLATION');
    expect(personalEnrolmentRefusal('TEKUN_DISPERSED', { ...facts, currentProgrammes: ['TEKUN_DISPERSED'] })?.code).toBe('DUPLICATE');
    expect(personalEnrolmentRefusal('TEKUN_CENTRALISED', { ...facts, currentProgrammes: ['TEKUN_DISPERSED'] })?.code).toBe('RULE_VIOLATION');
    expect(personalEnrolmentRefusal('SEVERE_DISABILITY_SUBSIDY', { ...facts, disability: { category: 'PHYSICAL', grade: 4 } })?.code).toBe('RULE_VIOLATION');
    expect(personalEnrolmentRefusal('SEVERE_DISABILITY_SUBSIDY', { ...facts, disability: { category: 'PHYSICAL', grade: 3 } })).toBeNull();
    expect(personalEnrolmentRefusal('MENTAL_DISABILITY_MEDICATION', { ...facts, disability: { category: 'PHYSICAL', grade: 1 } })?.code).toBe('RULE_VIOLATION');
    expect(personalEnrolmentRefusal('MENTAL_DISABILITY_MEDICATION', { ...facts, disability: { category: 'MENTAL', grade: 3 } })).toBeNull();
  });
});
