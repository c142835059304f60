import { randomUUID } from 'node:crypto';
import { query } from '../../../test/support/database';
import { startTestSubgraph, tableSnapshot, type TestSubgraph } from './support';

const CREDIT_CODE = '91350100M000100Y43'; // the standard's own example (GB 32100-2015)
// Last calendar year: every date of it is in the past whenever the tests run (mutations refuse future dates).
const YEAR = new Date().getUTCFullYear() - 1;
const day = (monthDay: string): string => `${YEAR}-${monthDay}`;

describe('employment mutations', () => {
  let hub: TestSubgraph;
  let regionCode: string;
  beforeAll(async () => {
    hub = await startTestSubgraph('employment_mutations', 20);
    regionCode = hub.population.regions.find((r) => r.level === 'COMMUNITY')!.code;
  });
  afterAll(async () => hub?.stop());

  const snapshot = () => tableSnapshot(hub.database.url);

  async function enrol(status: string, since: string, extra: { householdId?: string; birthDate?: string; gender?: string } = {}): Promise<{ personId: string; householdId: string }> {
    const personId = randomUUID();
    const householdId = extra.householdId ?? randomUUID();
    const data = await hub.gql(
      `mutation ($input: EnrolLabourForceMemberInput!) { enrolLabourForceMember(input: $input) { person { id } userErrors { field code message } } }`,
      { input: { personId, householdId, regionCode, birthDate: extra.birthDate ?? '1985-03-02', gender: extra.gender ?? 'MALE', status, since } },
    );
    expect(data.enrolLabourForceMember.userErrors).toEqual([]);
    return { personId, householdId };
  }

  const HOUSEHOLD = `query ($id: ID!) { _entities(representations: [{ __typename: "Household", id: $id }]) { ... on Household { zeroEmploymentFamily { current arose resolved } } } }`;
  const zeroOf = async (householdId: string) => (await hub.gql(HOUSEHOLD, { id: householdId }))._entities[0].zeroEmploymentFamily;

  const REGISTER_EMPLOYMENT = `mutation ($input: RegisterEmploymentInput!) { registerEmployment(input: $input) {
    registration { kind status startDate employerCreditCode flexible reemployment certificateNumber } userErrors { field code message } } }`;
  const REGISTER_UNEMPLOYMENT = `mutation ($input: RegisterUnemploymentInput!) { registerUnemployment(input: $input) { registration { id kind status } userErrors { field code message } } }`;

  it('flags a zero-employment family when its only worker registers unemployed, and resolves it when he finds work', async () => {
    const { personId, householdId } = await enrol('STUDENT', '2003-09-01');
    const first = await hub.gql(REGISTER_EMPLOYMENT, { input: { personId, startedOn: day('01-05'), employerName: '大庆宾馆', employerCreditCode: CREDIT_CODE } });
    expect(first.registerEmployment.registration).toMatchObject({ kind: 'EMPLOYMENT', reemployment: false });
    expect(await zeroOf(householdId)).toEqual({ current: false, arose: null, resolved: null });
    const unemployed = await hub.gql(REGISTER_UNEMPLOYMENT, { input: { personId, registeredOn: day('02-01') } });
    expect(unemployed.registerUnemployment).toMatchObject({ registration: { kind: 'UNEMPLOYMENT', status: 'ACTIVE' }, userErrors: [] });
    expect(await zeroOf(householdId)).toEqual({ current: true, arose: day('02-01'), resolved: null });
    // A spouse who cannot work changes nothing (members unable to work are excluded).
    await enrol('UNABLE_TO_WORK', day('02-10'), { householdId, birthDate: '1987-01-01', gender: 'FEMALE' });
    expect((await zeroOf(householdId)).current).toBe(true);
    const employed = await hub.gql(REGISTER_EMPLOYMENT, { input: { personId, startedOn: day('03-15'), employerName: '红宝石集团', employerCreditCode: CREDIT_CODE } });
    expect(employed.registerEmployment.userErrors).toEqual([]);
    expect(employed.registerEmployment.registration).toMatchObject({ kind: 'EMPLOYMENT', status: 'ACTIVE', startDate: day('03-15'), employerCreditCode: CREDIT_CODE, reemployment: true, flexible: false });
    expect(await zeroOf(householdId)).toEqual({ current: false, arose: day('02-01'), resolved: day('03-15') });
    const history = await hub.gql(`query ($id: ID!) { _entities(representations: [{ __typename: "Person", id: $id }]) { ... on Person { employmentHistory { status since until } employmentRegistrations { kind status endDate } } } }`, { id: personId });
    expect(history._entities[0].employmentHistory).toEqual([
      { status: 'STUDENT', since: '2003-09-01', until: day('01-04') },
      { status: 'EMPLOYED', since: day('01-05'), until: day('01-31') },
      { status: 'REGISTERED_UNEMPLOYED', since: day('02-01'), until: day('03-14') },
      { status: 'EMPLOYED', since: day('03-15'), until: null },
    ]);
    expect(history._entities[0].employmentRegistrations).toEqual([
      { kind: 'EMPLOYMENT', status: 'ACTIVE', endDate: null },
      { kind: 'UNEMPLOYMENT', status: 'ENDED', endDate: day('03-14') },
      { kind: 'EMPLOYMENT', status: 'ENDED', endDate: day('01-31') },
    ]);
  });

  it('refuses bad input with userErrors and writes nothing', async () => {
    const { personId } = await enrol('UNEMPLOYED', day('01-10'));
    const before = await snapshot();
    const bad = await hub.gql(REGISTER_EMPLOYMENT, { input: { personId, startedOn: day('04-01'), employerName: '某公司', employerCreditCode: '91350100M000100Y44' } });
    expect(bad.registerEmployment.registration).toBeNull();
    expect(bad.registerEmployment.userErrors).toEqual([expect.objectContaining({ field: ['input', 'employerCreditCode'], code: 'INVALID' })]);
    const missing = await hub.gql(REGISTER_EMPLOYMENT, { input: { personId, startedOn: day('04-01') } });
    expect(missing.registerEmployment.userErrors.map((e: { field: string[]; code: string }) => [e.field.join('.'), e.code])).toEqual([
      ['input.employerName', 'REQUIRED'],
      ['input.employerCreditCode', 'REQUIRED'],
    ]);
    const early = await hub.gql(REGISTER_UNEMPLOYMENT, { input: { personId, registeredOn: day('01-10') } });
    expect(early.registerUnemployment.userErrors[0]).toMatchObject({ field: ['input', 'registeredOn'], code: 'INVALID' });
    const unknown = await hub.gql(REGISTER_UNEMPLOYMENT, { input: { personId: randomUUID(), registeredOn: day('02-01') } });
    expect(unknown.registerUnemployment.userErrors[0]).toMatchObject({ field: ['input', 'personId'], code: 'NOT_FOUND' });
    const elsewhere = await hub.gql(`mutation ($input: EnrolLabourForceMemberInput!) { enrolLabourForceMember(input: $input) { person { id } userErrors { field code } } }`, {
      input: { personId: randomUUID(), householdId: (await enrol('UNEMPLOYED', day('01-02'))).householdId, regionCode: hub.population.regions.filter((r) => r.level === 'COMMUNITY').at(-1)!.code, birthDate: '1990-01-01', gender: 'FEMALE', status: 'UNEMPLOYED', since: day('01-02') },
    });
    expect(elsewhere.enrolLabourForceMember.userErrors).toEqual([{ field: ['input', 'regionCode'], code: 'INVALID' }]);
    const child = await enrol('STUDENT', '2020-09-01', { birthDate: `${YEAR - 12}-01-01` });
    const beforeChild = await snapshot();
    const tooYoung = await hub.gql(REGISTER_UNEMPLOYMENT, { input: { personId: child.personId, registeredOn: day('02-01') } });
    expect(tooYoung.registerUnemployment.userErrors[0]).toMatchObject({ code: 'RULE_VIOLATION' });
    expect(await snapshot()).toBe(beforeChild);
    expect(before).not.toBe(beforeChild);
  });

  it('runs a loan from application to repayment and refuses steps out of order', async () => {
    const { personId } = await enrol('UNEMPLOYED', day('01-03'));
    const APPLY = `mutation ($input: ApplyMicroLoanInput!) { applyMicroLoan(input: $input) { loan { id status amount } userErrors { field code message } } }`;
    const ADVANCE = `mutation ($input: AdvanceMicroLoanInput!) { advanceMicroLoan(input: $input) { loan { status approvedOn disbursedOn closedOn } userErrors { field code message } } }`;
    const over = await hub.gql(APPLY, { input: { personId, borrowerKind: 'INDIVIDUAL', businessName: '小吃店', amount: '300000.01', appliedOn: day('02-01') } });
    expect(over.applyMicroLoan.userErrors[0]).toMatchObject({ field: ['input', 'amount'], code: 'INVALID' });
    const noCode = await hub.gql(APPLY, { input: { personId, borrowerKind: 'SMALL_BUSINESS', businessName: '家政公司', amount: '500000.00', appliedOn: day('02-01') } });
    expect(noCode.applyMicroLoan.userErrors[0]).toMatchObject({ field: ['input', 'businessCreditCode'], code: 'REQUIRED' });
    const applied = await hub.gql(APPLY, { input: { personId, borrowerKind: 'INDIVIDUAL', businessName: '小吃店', amount: '60000.00', appliedOn: day('02-01') } });
    expect(applied.applyMicroLoan).toMatchObject({ loan: { status: 'APPLIED', amount: '60000.00' }, userErrors: [] });
    const loanId = applied.applyMicroLoan.loan.id;
    const again = await hub.gql(APPLY, { input: { personId, borrowerKind: 'INDIVIDUAL', businessName: '小吃店', amount: '1000.00', appliedOn: day('02-02') } });
    expect(again.applyMicroLoan.userErrors[0]).toMatchObject({ code: 'DUPLICATE' });
    const tooSoon = await hub.gql(ADVANCE, { input: { loanId, action: 'DISBURSE', on: day('02-03') } });
    expect(tooSoon.advanceMicroLoan).toMatchObject({ loan: null, userErrors: [{ field: ['input', 'action'], code: 'INVALID_TRANSITION' }] });
    const before = await hub.gql(`query ($code: String!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { employmentTargets(year: ${YEAR}) { indicator actualAmount } } } }`, { code: regionCode });
    const amountBefore = before._entities[0].employmentTargets.find((t: { indicator: string }) => t.indicator === 'MICRO_LOAN_AMOUNT').actualAmount;
    for (const [action, on] of [['APPROVE', '02-10'], ['DISBURSE', '02-20'], ['REPAY', '10-01']] as const) {
      const step = await hub.gql(ADVANCE, { input: { loanId, action, on: day(on) } });
      expect(step.advanceMicroLoan.userErrors).toEqual([]);
    }
    const done = await hub.gql(ADVANCE, { input: { loanId, action: 'DEFAULT', on: day('10-02') } });
    expect(done.advanceMicroLoan.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION' });
    const loans = await hub.gql(`query ($code: String!) { microLoans(regionCode: $code, status: REPAID) { totalCount edges { node { id status approvedOn disbursedOn closedOn } } } }`, { code: regionCode });
    expect(loans.microLoans.edges.map((e: { node: unknown }) => e.node)).toContainEqual({ id: loanId, status: 'REPAID', approvedOn: day('02-10'), disbursedOn: day('02-20'), closedOn: day('10-01') });
    const after = await hub.gql(`query ($code: String!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { employmentTargets(year: ${YEAR}) { indicator actualAmount } } } }`, { code: regionCode });
    const amountAfter = after._entities[0].employmentTargets.find((t: { indicator: string }) => t.indicator === 'MICRO_LOAN_AMOUNT').actualAmount;
    expect(Number(amountAfter) - Number(amountBefore)).toBe(60000);
  });

  it('runs a flexible-employment subsidy for a certified difficult person: apply, approve, pay, once per period', async () => {
    const { personId } = await enrol('UNEMPLOYED', day('01-03'), { birthDate: '1980-06-01', gender: 'FEMALE' });
    await hub.gql(REGISTER_UNEMPLOYMENT, { input: { personId, registeredOn: day('01-20') } });
    const CERTIFY = `mutation ($input: CertifyEmploymentDifficultyInput!) { certifyEmploymentDifficulty(input: $input) { certification { id status statedCategories } userErrors { field code message } } }`;
    const derived = await hub.gql(CERTIFY, { input: { personId, certifiedOn: day('02-01'), statedCategories: ['DIBAO_FAMILY'] } });
    expect(derived.certifyEmploymentDifficulty.userErrors[0]).toMatchObject({ field: ['input', 'statedCategories'], code: 'INVALID' });
    const certified = await hub.gql(CERTIFY, { input: { personId, certifiedOn: day('02-01'), statedCategories: ['LAND_LOST_FARMER'] } });
    expect(certified.certifyEmploymentDifficulty).toMatchObject({ certification: { status: 'ACTIVE', statedCategories: ['LAND_LOST_FARMER'] }, userErrors: [] });
    const APPLY = `mutation ($input: ApplyFlexibleEmploymentSubsidyInput!) { applyFlexibleEmploymentSubsidy(input: $input) { subsidy { id status amount } userErrors { field code message } } }`;
    const notFlexible = await hub.gql(APPLY, { input: { personId, period: day('03-01').slice(0, 7), months: 3, amount: '1500.00', appliedOn: day('03-01') } });
    expect(notFlexible.applyFlexibleEmploymentSubsidy.userErrors[0]).toMatchObject({ code: 'RULE_VIOLATION' });
    const flexible = await hub.gql(REGISTER_EMPLOYMENT, { input: { personId, startedOn: day('02-15'), flexible: true } });
    expect(flexible.registerEmployment.registration).toMatchObject({ flexible: true, reemployment: true });
    const tooMuch = await hub.gql(APPLY, { input: { personId, period: `${YEAR}-03`, months: 3, amount: '1800.01', appliedOn: day('03-01') } });
    expect(tooMuch.applyFlexibleEmploymentSubsidy.userErrors[0]).toMatchObject({ field: ['input', 'amount'], code: 'INVALID' });
    const applied = await hub.gql(APPLY, { input: { personId, period: `${YEAR}-03`, months: 3, amount: '1800.00', appliedOn: day('03-01') } });
    expect(applied.applyFlexibleEmploymentSubsidy).toMatchObject({ subsidy: { status: 'APPLIED', amount: '1800.00' }, userErrors: [] });
    const overlap = await hub.gql(APPLY, { input: { personId, period: `${YEAR}-05`, months: 2, amount: '1000.00', appliedOn: day('05-01') } });
    expect(overlap.applyFlexibleEmploymentSubsidy.userErrors[0]).toMatchObject({ field: ['input', 'period'], code: 'DUPLICATE' });
    const ADVANCE = `mutation ($input: AdvanceFlexibleEmploymentSubsidyInput!) { advanceFlexibleEmploymentSubsidy(input: $input) { subsidy { status decidedOn paidOn } userErrors { code } } }`;
    const subsidyId = applied.applyFlexibleEmploymentSubsidy.subsidy.id;
    expect((await hub.gql(ADVANCE, { input: { subsidyId, action: 'PAY', on: day('03-05') } })).advanceFlexibleEmploymentSubsidy.userErrors).toEqual([{ code: 'INVALID_TRANSITION' }]);
    expect((await hub.gql(ADVANCE, { input: { subsidyId, action: 'APPROVE', on: day('03-10') } })).advanceFlexibleEmploymentSubsidy.subsidy).toEqual({ status: 'APPROVED', decidedOn: day('03-10'), paidOn: null });
    expect((await hub.gql(ADVANCE, { input: { subsidyId, action: 'PAY', on: day('03-20') } })).advanceFlexibleEmploymentSubsidy.subsidy).toEqual({ status: 'PAID', decidedOn: day('03-10'), paidOn: day('03-20') });
    expect((await hub.gql(ADVANCE, { input: { subsidyId, action: 'PAY', on: day('03-21') } })).advanceFlexibleEmploymentSubsidy.userErrors).toEqual([{ code: 'INVALID_TRANSITION' }]);
  });

  it('derives DISABLED and DIBAO_FAMILY from the civil-affairs facts in the representation, and follows their changes', async () => {
    const { personId } = await enrol('UNEMPLOYED', day('01-03'), { birthDate: '1995-01-01' });
    const Q = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { employmentDifficulty { certified categories } } } }`;
    const categories = async (disabilityGrade: number | null, receivesDibao: boolean | null) =>
      (await hub.gql(Q, { reps: [{ __typename: 'Person', id: personId, disabilityGrade, household: { receivesDibao } }] }))._entities[0].employmentDifficulty;
    expect(await categories(2, true)).toEqual({ certified: false, categories: ['ZERO_EMPLOYMENT_FAMILY', 'DISABLED', 'DIBAO_FAMILY'] });
    expect(await categories(null, true)).toEqual({ certified: false, categories: ['ZERO_EMPLOYMENT_FAMILY', 'DIBAO_FAMILY'] });
    expect(await categories(null, false)).toEqual({ certified: false, categories: ['ZERO_EMPLOYMENT_FAMILY'] });
  });

  it('refuses the pension certification of a retiree whose death civil affairs recorded', async () => {
    const { personId } = await enrol('RETIRED', '2015-06-01', { birthDate: '1955-05-31' });
    const retiree = await hub.gql(
      `mutation ($input: RegisterRetireeInput!) { registerRetiree(input: $input) { person { id retirement { formerEmployerName monthlyPension } } userErrors { code message } } }`,
      { input: { personId, retiredOn: '2015-06-01', formerEmployerName: '淮河机械厂', formerEmployerCreditCode: CREDIT_CODE, monthlyPension: '3120.50' } },
    );
    expect(retiree.registerRetiree).toEqual({ person: { id: personId, retirement: { formerEmployerName: '淮河机械厂', monthlyPension: '3120.50' } }, userErrors: [] });
    const certified = await hub.gql(`mutation ($input: CertifyPensionEligibilityInput!) { certifyPensionEligibility(input: $input) { person { id } userErrors { code } } }`, {
      input: { personId, year: YEAR, certifiedOn: day('03-01'), method: 'ONLINE' },
    });
    expect(certified.certifyPensionEligibility.userErrors).toEqual([]);
    const Q = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { pensionEligibility(year: ${YEAR}) { outcome pensionAction certifiedOn method } } } }`;
    const alive = await hub.gql(Q, { reps: [{ __typename: 'Person', id: personId, deceased: false }] });
    expect(alive._entities[0].pensionEligibility).toEqual({ outcome: 'CERTIFIED', pensionAction: 'CONTINUE', certifiedOn: day('03-01'), method: 'ONLINE' });
    const dead = await hub.gql(Q, { reps: [{ __typename: 'Person', id: personId, deceased: true }] });
    expect(dead._entities[0].pensionEligibility).toMatchObject({ outcome: 'REFUSED_DECEASED', pensionAction: 'SUSPEND' });
  });

  it('computes target completion from the records', async () => {
    const community = hub.population.regions.filter((r) => r.level === 'COMMUNITY')[1]!.code;
    const SET = `mutation ($input: SetEmploymentTargetInput!) { setEmploymentTarget(input: $input) { target { indicator targetCount actualCount completionRate } userErrors { field code } } }`;
    const money = await hub.gql(SET, { input: { regionCode: community, year: YEAR, indicator: 'MICRO_LOAN_AMOUNT', targetCount: 5 } });
    expect(money.setEmploymentTarget.userErrors[0]).toMatchObject({ field: ['input', 'targetCount'], code: 'INVALID' });
    const set = await hub.gql(SET, { input: { regionCode: community, year: YEAR, indicator: 'SKILLS_TRAINING', targetCount: 4 } });
    expect(set.setEmploymentTarget.target).toEqual({ indicator: 'SKILLS_TRAINING', targetCount: 4, actualCount: expect.any(Number), completionRate: expect.any(Number) });
    const baseline = set.setEmploymentTarget.target.actualCount as number;
    const course = await hub.gql(`mutation ($input: CreateTrainingCourseInput!) { createTrainingCourse(input: $input) { course { id } userErrors { code } } }`, {
      input: { regionCode: community, kind: 'SKILLS', name: '家政服务员培训班', provider: '区职业技能培训中心', startsOn: day('03-01'), endsOn: day('03-20'), capacity: 30 },
    });
    const courseId = course.createTrainingCourse.course.id;
    const saved = regionCode;
    regionCode = community;
    for (let i = 0; i < 2; i += 1) {
      const { personId } = await enrol('UNEMPLOYED', day('01-03'));
      const enrolled = await hub.gql(`mutation ($input: EnrolInTrainingInput!) { enrolInTraining(input: $input) { enrolment { id } userErrors { code } } }`, { input: { courseId, personId, enrolledOn: day('02-20') } });
      await hub.gql(`mutation ($input: CompleteTrainingInput!) { completeTraining(input: $input) { enrolment { status } userErrors { code } } }`, {
        input: { enrolmentId: enrolled.enrolInTraining.enrolment.id, completedOn: day('03-20'), certificateNumber: `JN-${i}` },
      });
    }
    regionCode = saved;
    const progress = await hub.gql(`query ($code: String!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { employmentTargets(year: ${YEAR}) { indicator item targetCount actualCount completionRate } } } }`, { code: community });
    const skills = progress._entities[0].employmentTargets.find((t: { indicator: string }) => t.indicator === 'SKILLS_TRAINING');
    expect(skills).toEqual({ indicator: 'SKILLS_TRAINING', item: 5, targetCount: 4, actualCount: baseline + 2, completionRate: Math.round(((baseline + 2) / 4) * 1000) / 10 });
    expect(progress._entities[0].employmentTargets).toHaveLength(21);
  });

  it('records statuses without registration, ending an active registration and re-evaluating the household', async () => {
    const { personId, householdId } = await enrol('UNEMPLOYED', day('01-03'));
    await hub.gql(REGISTER_UNEMPLOYMENT, { input: { personId, registeredOn: day('01-10') } });
    expect((await zeroOf(householdId)).current).toBe(true);
    const RECORD = `mutation ($input: RecordEmploymentStatusInput!) { recordEmploymentStatus(input: $input) { person { employmentStatus { status since } employmentRegistrations { kind status endDate } } userErrors { field code } } }`;
    expect((await hub.gql(RECORD, { input: { personId, status: 'EMPLOYED', since: day('02-01') } })).recordEmploymentStatus.userErrors).toEqual([{ field: ['input', 'status'], code: 'RULE_VIOLATION' }]);
    const recorded = await hub.gql(RECORD, { input: { personId, status: 'UNABLE_TO_WORK', since: day('02-01') } });
    expect(recorded.recordEmploymentStatus).toEqual({
      person: { employmentStatus: { status: 'UNABLE_TO_WORK', since: day('02-01') }, employmentRegistrations: [{ kind: 'UNEMPLOYMENT', status: 'ENDED', endDate: day('01-31') }] },
      userErrors: [],
    });
    expect(await zeroOf(householdId)).toEqual({ current: false, arose: day('01-03'), resolved: day('02-01') });
    expect((await hub.gql(RECORD, { input: { personId, status: 'UNABLE_TO_WORK', since: day('02-05') } })).recordEmploymentStatus.userErrors).toEqual([{ field: ['input', 'status'], code: 'DUPLICATE' }]);
  });

  it('lets only one of two simultaneous unemployment registrations through', async () => {
    const { personId } = await enrol('UNEMPLOYED', day('01-03'));
    const results = await Promise.all([0, 1].map(() => hub.gql(REGISTER_UNEMPLOYMENT, { input: { personId, registeredOn: day('01-10') } })));
    const codes = results.map((r) => r.registerUnemployment.userErrors.map((e: { code: string }) => e.code)).sort();
    expect(codes).toEqual([[], ['DUPLICATE']]);
    const rows = await query<{ n: string }>(hub.database.url, "SELECT count(*) AS n FROM employment.employment_registration WHERE person_id = $1 AND status = 'ACTIVE'", [personId]);
    expect(Number(rows[0]!.n)).toBe(1);
    const periods = await query<{ n: string }>(hub.database.url, 'SELECT count(*) AS n FROM employment.employment_status_period WHERE person_id = $1', [personId]);
    expect(Number(periods[0]!.n)).toBe(2);
  });

  it('resolves a zero-employment family when its only unemployed member reaches retirement age, on review', async () => {
    // A man who turns 60 on 1 July of last year, unemployed since January.
    const { householdId } = await enrol('UNEMPLOYED', day('01-03'), { birthDate: `${YEAR - 60}-07-01` });
    expect(await zeroOf(householdId)).toEqual({ current: true, arose: day('01-03'), resolved: null });
    const REFRESH = `mutation ($input: RefreshZeroEmploymentFamiliesInput!) { refreshZeroEmploymentFamilies(input: $input) { opened resolved userErrors { field code } } }`;
    expect((await hub.gql(REFRESH, { input: { regionCode: '12345', on: day('08-01') } })).refreshZeroEmploymentFamilies).toEqual({ opened: null, resolved: null, userErrors: [{ field: ['input', 'regionCode'], code: 'INVALID' }] });
    // The recorded episodes already agree with the rule: a review the day before his birthday changes nothing.
    expect((await hub.gql(REFRESH, { input: { regionCode, on: day('06-30') } })).refreshZeroEmploymentFamilies).toEqual({ opened: 0, resolved: 0, userErrors: [] });
    expect((await zeroOf(householdId)).current).toBe(true);
    expect((await hub.gql(REFRESH, { input: { regionCode, on: day('07-01') } })).refreshZeroEmploymentFamilies).toEqual({ opened: 0, resolved: 1, userErrors: [] });
    expect(await zeroOf(householdId)).toEqual({ current: false, arose: day('01-03'), resolved: day('07-01') });
    // Reviewing the same day again changes nothing.
    expect((await hub.gql(REFRESH, { input: { regionCode, on: day('07-01') } })).refreshZeroEmploymentFamilies).toEqual({ opened: 0, resolved: 0, userErrors: [] });
  });
});
