/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are untyped JSON here. */
import { composeIdNumber } from '@hub/identifiers';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { certificateRefusal, disabilityCertificateNumber, hasRoom, medicalClaimRefusal, rebuildingRefusal } from '../src/domain/records';
import { start } from '../src/server';
import { fixtureId, gql, loadSeedStandards, tableCounts } from './support';

const TODAY = '2026-11-29';
const COMMUNITY = '370705001201';
const HOUSEHOLD = fixtureId(21, 1);
const [ELDER, OTHER, SOLDIER_MOTHER] = [fixtureId(22, 1), fixtureId(22, 2), fixtureId(22, 3)];
const ID_NUMBER = composeIdNumber('370705', '1950-03-04', 12, 'MALE');

describe('relief record rules', () => {
  it('keeps medical assistance within what insurance left', () => {
    expect(medicalClaimRefusal({ totalCostFen: 100000n, insurancePaidFen: 60000n, amountFen: 40000n })).toBeNull();
    expect(medicalClaimRefusal({ totalCostFen: 100000n, insurancePaidFen: 60000n, amountFen: 40001n })?.field).toBe('amount');
    expect(medicalClaimRefusal({ totalCostFen: 100000n, insurancePaidFen: 100001n, amountFen: 1n })?.field).toBe('insurancePaid');
    expect(medicalClaimRefusal({ totalCostFen: 0n, insurancePaidFen: 0n, amountFen: 1n })?.field).toBe('totalCost');
    expect(medicalClaimRefusal({ totalCostFen: 100n, insurancePaidFen: 0n, amountFen: 0n })?.field).toBe('amount');
  });
  it('checks certificate numbers against ID number, category and grade', () => {
    const number = disabilityCertificateNumber(ID_NUMBER, 'PHYSICAL', 2);
    expect(number).toBe(`${ID_NUMBER}42`);
    expect(certificateRefusal(number, 'PHYSICAL', 2)).toBeNull();
    expect(certificateRefusal(number, 'PHYSICAL', 3)).toMatch(/ends the number with 43/);
    const badCheckDigit = `${ID_NUMBER.slice(0, 17)}${ID_NUMBER[17] === '0' ? '1' : '0'}42`;
    expect(certificateRefusal(badCheckDigit, 'PHYSICAL', 2)).toMatch(/valid ID number/);
    expect(certificateRefusal(ID_NUMBER, 'PHYSICAL', 2)).toMatch(/20 characters/);
    expect(certificateRefusal(number, 'PHYSICAL', 5)).toMatch(/grade/);
  });
  it('moves a rebuilding one status at a time with the subsidy fixed at approval', () => {
    expect(rebuildingRefusal('REPORTED', 'APPROVED', 500000n)).toBeNull();
    expect(rebuildingRefusal('REPORTED', 'APPROVED', null)?.code).toBe('REQUIRED');
    expect(rebuildingRefusal('REPORTED', 'APPROVED', 0n)?.code).toBe('INVALID');
    expect(rebuildingRefusal('REPORTED', 'UNDER_CONSTRUCTION', null)?.code).toBe('INVALID_TRANSITION');
    expect(rebuildingRefusal('APPROVED', 'UNDER_CONSTRUCTION', 1n)?.code).toBe('INVALID');
    expect(rebuildingRefusal('UNDER_CONSTRUCTION', 'COMPLETED', null)).toBeNull();
    expect(rebuildingRefusal('COMPLETED', 'COMPLETED', null)?.code).toBe('INVALID_TRANSITION');
  });
  it('admits while beds are free', () => {
    expect(hasRoom(70, 69)).toBe(true);
    expect(hasRoom(70, 70)).toBe(false);
  });
});

describe('relief records through the subgraph', () => {
  let database: TestDatabase;
  let running: Awaited<ReturnType<typeof start>>;
  const run = async (mutation: string, inputType: string, selection: string, input: Record<string, unknown>) =>
    (await gql<any>(running.url, `mutation ($input: ${inputType}!) { r: ${mutation}(input: $input) { ${selection} userErrors { field code message } } }`, { input })).data.r;

  beforeAll(async () => {
    database = await createTestDatabase('civil_records', ['civil-affairs']);
    await loadSeedStandards(database.url);
    running = await start({ port: 0, databaseUrl: database.url, today: TODAY });
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  // The certificate number is masked for callers without pii:read and a purpose: see access.test.ts.
  it('records and re-issues a disability certificate', async () => {
    const input = { personId: ELDER, regionCode: COMMUNITY, category: 'PHYSICAL', grade: 3, certificateNumber: `${ID_NUMBER}43`, issuedDate: '2015-06-01' };
    const wrong = await run('recordDisability', 'RecordDisabilityInput', 'disabilityRecord { id }', { ...input, grade: 2 });
    expect(wrong.userErrors).toEqual([expect.objectContaining({ field: ['input', 'certificateNumber'], code: 'INVALID' })]);
    const first = await run('recordDisability', 'RecordDisabilityInput', 'disabilityRecord { grade certificateNumber severeDisabilitySubsidy }', input);
    expect(first).toEqual({ disabilityRecord: { grade: 3, certificateNumber: `${ID_NUMBER}43`, severeDisabilitySubsidy: '50.00' }, userErrors: [] });
    const again = await run('recordDisability', 'RecordDisabilityInput', 'disabilityRecord { grade severeDisabilitySubsidy mentalMedicationSubsidy }', { ...input, grade: 2, certificateNumber: `${ID_NUMBER}42`, issuedDate: '2024-01-01' });
    // Grade 2: 1,200 元/年 = 100 元/月; a physical disability gets no medication subsidy.
    expect(again.disabilityRecord).toEqual({ grade: 2, severeDisabilitySubsidy: '100.00', mentalMedicationSubsidy: null });
    const taken = await run('recordDisability', 'RecordDisabilityInput', 'disabilityRecord { grade }', { ...input, personId: OTHER, grade: 2, certificateNumber: `${ID_NUMBER}42` });
    expect(taken.userErrors).toEqual([expect.objectContaining({ code: 'DUPLICATE' })]);
    const rows = await query<{ grade: number }>(database.url, 'SELECT grade FROM civil_affairs.disability_record');
    expect(rows).toEqual([{ grade: 2 }]);
  });

  it('records medical and temporary assistance, refusing bad amounts with nothing written', async () => {
    const before = await tableCounts(database.url);
    const medical = { personId: ELDER, householdId: HOUSEHOLD, regionCode: COMMUNITY, rural: true, claimDate: '2026-06-01', diagnosis: '脑梗塞', totalCost: '8000.00', insurancePaid: '5000.00', amount: '3000.01' };
    expect((await run('recordMedicalAssistance', 'RecordMedicalAssistanceInput', 'medicalAssistanceClaim { id }', medical)).userErrors).toEqual([expect.objectContaining({ field: ['input', 'amount'] })]);
    const grant = { householdId: HOUSEHOLD, regionCode: COMMUNITY, grantedOn: '2026-03-01', reason: 'SPRING_FAMINE', cash: '0.00' };
    expect((await run('grantTemporaryAssistance', 'GrantTemporaryAssistanceInput', 'temporaryAssistanceGrant { id }', grant)).userErrors).toEqual([expect.objectContaining({ field: ['input', 'cash'] })]);
    expect((await run('grantTemporaryAssistance', 'GrantTemporaryAssistanceInput', 'temporaryAssistanceGrant { id }', { ...grant, inKindValue: '150.00' })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'inKind'], code: 'REQUIRED' }),
    ]);
    expect(await tableCounts(database.url)).toEqual(before);

    expect((await run('recordMedicalAssistance', 'RecordMedicalAssistanceInput', 'medicalAssistanceClaim { amount }', { ...medical, amount: '3000.00' })).medicalAssistanceClaim).toEqual({ amount: '3000.00' });
    const given = await run('grantTemporaryAssistance', 'GrantTemporaryAssistanceInput', 'temporaryAssistanceGrant { cash inKind inKindValue reason }', { ...grant, inKind: '取暖器 1 台', inKindValue: '150.00' });
    expect(given).toEqual({ temporaryAssistanceGrant: { cash: '0.00', inKind: '取暖器 1 台', inKindValue: '150.00', reason: 'SPRING_FAMINE' }, userErrors: [] });
  });

  it('moves a 特困 person from dispersed to centralised support on admission and refuses a full institution', async () => {
    const institution = await run('registerCareInstitution', 'RegisterCareInstitutionInput', 'careInstitution { id capacity residentCount }', {
      name: '寒亭区中心敬老院', creditCode: '91350100M000100Y43', regionCode: '370705001', capacity: 1, openedOn: '2010-12-01',
    });
    expect(institution.careInstitution).toEqual(expect.objectContaining({ capacity: 1, residentCount: 0 }));
    const badCode = await run('registerCareInstitution', 'RegisterCareInstitutionInput', 'careInstitution { id }', { name: '某敬老院', creditCode: '91350100M000100Y44', regionCode: '370705001', capacity: 10 });
    expect(badCode.userErrors).toEqual([expect.objectContaining({ field: ['input', 'creditCode'], code: 'INVALID' })]);
    const id = institution.careInstitution.id;
    const admission = { institutionId: id, personId: ELDER, householdId: HOUSEHOLD, regionCode: COMMUNITY, admittedOn: '2026-09-01', centralisedSupport: true };
    expect((await run('admitToCareInstitution', 'AdmitToCareInstitutionInput', 'careResidence { id }', admission)).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'centralisedSupport'], code: 'RULE_VIOLATION' }),
    ]);
    const enrolled = await gql<any>(running.url, `mutation ($input: EnrolBeneficiaryInput!) { enrolBeneficiary(input: $input) { userErrors { code } } }`, {
      input: { programme: 'TEKUN_DISPERSED', personId: ELDER, householdId: HOUSEHOLD, regionCode: COMMUNITY, startDate: '2020-01-01' },
    });
    expect(enrolled.data.enrolBeneficiary.userErrors).toEqual([]);
    const admitted = await run('admitToCareInstitution', 'AdmitToCareInstitutionInput', 'careResidence { admittedOn centralisedSupport institution { residentCount centralisedSupportCount } }', admission);
    expect(admitted).toEqual({ careResidence: { admittedOn: '2026-09-01', centralisedSupport: true, institution: { residentCount: 1, centralisedSupportCount: 1 } }, userErrors: [] });
    const enrolments = await query<{ programme: string; status: string; end_date: Date | null; monthly_amount_fen: string; termination_reason: string | null }>(
      database.url, 'SELECT programme, status, end_date, monthly_amount_fen, termination_reason FROM civil_affairs.enrolment WHERE person_id = $1 ORDER BY start_date', [ELDER]);
    expect(enrolments).toEqual([
      { programme: 'TEKUN_DISPERSED', status: 'TERMINATED', end_date: new Date('2026-08-31T00:00:00Z'), monthly_amount_fen: '9167', termination_reason: 'ADMITTED_TO_INSTITUTION' },
      // 1,700 元/年 centralised (2012 standard) = 141.67 元/月.
      { programme: 'TEKUN_CENTRALISED', status: 'IN_PAYMENT', end_date: null, monthly_amount_fen: '14167', termination_reason: null },
    ]);
    const full = await run('admitToCareInstitution', 'AdmitToCareInstitutionInput', 'careResidence { id }', { ...admission, personId: OTHER, centralisedSupport: false });
    expect(full.userErrors).toEqual([expect.objectContaining({ field: ['input', 'institutionId'], code: 'RULE_VIOLATION' })]);
    const person = await gql<any>(running.url, `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { careResidence { id institution { name } } medicalAssistance { diagnosis } disabilityGrade } } }`, {
      r: [{ __typename: 'Person', id: ELDER }],
    });
    const residence = person.data._entities[0].careResidence;
    expect(person.data._entities[0]).toEqual({ careResidence: { id: residence.id, institution: { name: '寒亭区中心敬老院' } }, medicalAssistance: [{ diagnosis: '脑梗塞' }], disabilityGrade: 2 });
    const early = await run('dischargeFromCareInstitution', 'DischargeFromCareInstitutionInput', 'careResidence { leftOn }', { residenceId: residence.id, leftOn: '2026-08-01' });
    expect(early.userErrors).toEqual([expect.objectContaining({ field: ['input', 'leftOn'] })]);
    expect((await run('dischargeFromCareInstitution', 'DischargeFromCareInstitutionInput', 'careResidence { leftOn }', { residenceId: residence.id, leftOn: '2026-11-01' })).careResidence).toEqual({ leftOn: '2026-11-01' });
    // The freed bed takes another resident, whose death frees it again.
    expect((await run('admitToCareInstitution', 'AdmitToCareInstitutionInput', 'careResidence { id }', { ...admission, personId: OTHER, centralisedSupport: false, admittedOn: '2026-11-02' })).userErrors).toEqual([]);
    const death = await gql<any>(running.url, `mutation ($input: RecordDeathInput!) { recordDeath(input: $input) { userErrors { code } } }`, {
      input: { personId: OTHER, regionCode: COMMUNITY, dateOfDeath: '2026-11-20', funeralType: 'CREMATED' },
    });
    expect(death.data.recordDeath.userErrors).toEqual([]);
    const after = await gql<any>(running.url, `query ($id: ID!) { careInstitution(id: $id) { residentCount } }`, { id });
    expect(after.data.careInstitution).toEqual({ residentCount: 0 });
    const [stay] = await query<{ left_on: Date }>(database.url, 'SELECT left_on FROM civil_affairs.care_residence WHERE person_id = $1', [OTHER]);
    expect(stay!.left_on.toISOString().slice(0, 10)).toBe('2026-11-20');
  });

  it('registers special care, issues one plaque per military household, records condolences', async () => {
    const plaque = { householdId: HOUSEHOLD, regionCode: COMMUNITY, issuedOn: '2026-07-25' };
    expect((await run('issueGloryPlaque', 'IssueGloryPlaqueInput', 'gloryPlaque { id }', plaque)).userErrors).toEqual([expect.objectContaining({ code: 'RULE_VIOLATION' })]);
    const registered = await run('registerSpecialCareRecipient', 'RegisterSpecialCareRecipientInput', 'specialCareRecipient { category registeredOn person { id } }', {
      personId: SOLDIER_MOTHER, householdId: HOUSEHOLD, regionCode: COMMUNITY, category: 'ACTIVE_SERVICE_FAMILY', registeredOn: '2026-07-01',
    });
    expect(registered.specialCareRecipient).toEqual({ category: 'ACTIVE_SERVICE_FAMILY', registeredOn: '2026-07-01', person: { id: SOLDIER_MOTHER } });
    expect((await run('issueGloryPlaque', 'IssueGloryPlaqueInput', 'gloryPlaque { issuedOn }', plaque)).gloryPlaque).toEqual({ issuedOn: '2026-07-25' });
    expect((await run('issueGloryPlaque', 'IssueGloryPlaqueInput', 'gloryPlaque { issuedOn }', plaque)).userErrors).toEqual([expect.objectContaining({ code: 'DUPLICATE' })]);
    const visit = await run('recordCondolence', 'RecordCondolenceInput', 'condolence { occasion cash vouchers inKind inKindValue }', {
      householdId: HOUSEHOLD, regionCode: COMMUNITY, occasion: 'ARMY_DAY', visitedOn: '2026-08-01', cash: '200.00', vouchers: '100.00', inKind: '米 1 袋 油 1 桶', inKindValue: '120.00',
    });
    expect(visit).toEqual({ condolence: { occasion: 'ARMY_DAY', cash: '200.00', vouchers: '100.00', inKind: '米 1 袋 油 1 桶', inKindValue: '120.00' }, userErrors: [] });
    const household = await gql<any>(running.url, `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Household { gloryPlaque { issuedOn } specialCareRecipients { category } condolences { occasion } temporaryAssistance { reason } } } }`, {
      r: [{ __typename: 'Household', id: HOUSEHOLD }],
    });
    expect(household.data._entities[0]).toEqual({ gloryPlaque: { issuedOn: '2026-07-25' }, specialCareRecipients: [{ category: 'ACTIVE_SERVICE_FAMILY' }], condolences: [{ occasion: 'ARMY_DAY' }], temporaryAssistance: [{ reason: 'SPRING_FAMINE' }] });
  });

  it('takes a collapsed house from report to completion', async () => {
    const reported = await run('reportHouseCollapse', 'ReportHouseCollapseInput', 'houseRebuilding { id status collapsedRooms }', {
      householdId: HOUSEHOLD, regionCode: COMMUNITY, reportedOn: '2026-07-20', collapsedRooms: 3, cause: '暴雨',
    });
    const id = reported.houseRebuilding.id;
    const step = (input: Record<string, unknown>) => run('advanceHouseRebuilding', 'AdvanceHouseRebuildingInput', 'houseRebuilding { status subsidy statusOn completedOn }', { rebuildingId: id, ...input });
    expect((await step({ status: 'UNDER_CONSTRUCTION', date: '2026-08-01' })).userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
    expect((await step({ status: 'APPROVED', date: '2026-07-19', subsidy: '15000.00' })).userErrors).toEqual([expect.objectContaining({ field: ['input', 'date'] })]);
    expect((await step({ status: 'APPROVED', date: '2026-07-28', subsidy: '15000.00' })).houseRebuilding).toEqual({ status: 'APPROVED', subsidy: '15000.00', statusOn: '2026-07-28', completedOn: null });
    expect((await step({ status: 'UNDER_CONSTRUCTION', date: '2026-08-10' })).userErrors).toEqual([]);
    expect((await step({ status: 'COMPLETED', date: '2026-11-20' })).houseRebuilding).toEqual({ status: 'COMPLETED', subsidy: '15000.00', statusOn: '2026-11-20', completedOn: '2026-11-20' });
  });
});
