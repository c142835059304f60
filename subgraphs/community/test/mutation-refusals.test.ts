import { composeIdNumber } from '@hub/identifiers';
import { createHousehold, createPerson, insertRegions, ok, REGIONS } from './fixture';
import { startHarness, type Harness } from './support';

const TODAY = '2026-11-29';
let h: Harness;
const f: Record<string, string> = {};
const id = (key: string): string => {
  const value = f[key];
  if (!value) throw new Error(`fixture ${key} missing`);
  return value;
};

beforeAll(async () => {
  h = await startHarness('community_refusals', TODAY);
  const { gridA } = await insertRegions(h);
  f.gridA = gridA;
  await h.sql(`INSERT INTO community.grid (id, region_code, name, worker_name, worker_phone) VALUES ('0b7d3c1e-1111-4aaa-8aaa-000000000002', '370703001002', '第一网格', '周网格', '13800000001')`);
  f.gridB = '0b7d3c1e-1111-4aaa-8aaa-000000000002';
  f.head = await createPerson(h, '张建国', '1980-05-01');
  f.spouse = await createPerson(h, '李秀英', '1982-07-09', 'FEMALE');
  f.free = await createPerson(h, '无户人员', '1995-01-01');
  f.household = await createHousehold(h, 'A0001', REGIONS.a, 'LOCAL_HUKOU', f.head, '2010-01-01');
  await ok(h, 'addHouseholdMember', 'household', { householdId: f.household, personId: f.spouse, relation: 'SPOUSE', since: '2010-01-01' });
  f.other = await createHousehold(h, 'A0002', REGIONS.a, 'LOCAL_HUKOU', await createPerson(h, '王五', '1970-01-01'), '2010-01-01');
  f.cadrePerson = await createPerson(h, '刘主任', '1975-03-03');
  f.cadre = (await ok(h, 'appointCadre', 'cadre', { regionCode: REGIONS.a, personId: f.cadrePerson, position: 'DIRECTOR', since: '2020-01-01' })).id;
  f.cadreB = (await ok(h, 'appointCadre', 'cadre', { regionCode: REGIONS.b, name: '钱主任', position: 'DIRECTOR', since: '2020-01-01' })).id;
  f.tag = (await ok(h, 'addResidentTag', 'residentTag', { personId: f.spouse, kind: 'DISABLED', since: '2020-01-01' })).id;
  f.honour = (await ok(h, 'awardHouseholdHonour', 'householdHonour', { householdId: f.household, kind: 'CIVILISED_FAMILY', year: 2025, awardingBody: '区文明办' })).id;
  f.floating = (await ok(h, 'registerFloatingResident', 'floatingRegistration', { personId: f.free, regionCode: REGIONS.a, originCode: '130102', reason: 'WORK', arrivalDate: '2025-03-01' })).id;
  f.file = (await ok(h, 'openSupervisionFile', 'supervisionFile', { personId: f.head, regionCode: REGIONS.a, category: 'RELEASED_PRISONER', releaseDate: '2025-01-01', startDate: '2025-02-01', responsibleCadreId: f.cadre })).id;
  const parties = [{ personId: f.head, role: 'APPLICANT' }, { personId: f.free, role: 'RESPONDENT' }];
  f.dispute = (await ok(h, 'reportDispute', 'dispute', { regionCode: REGIONS.a, category: 'NEIGHBOURS', source: 'PATROL', summary: '噪音', reportedOn: '2026-10-01', parties })).id;
  f.closed = (await ok(h, 'reportDispute', 'dispute', { regionCode: REGIONS.a, category: 'DEBT', source: 'VISIT', summary: '欠款', reportedOn: '2026-09-01', parties })).id;
  await ok(h, 'transitionDispute', 'dispute', { disputeId: f.closed, to: 'MEDIATING', date: '2026-09-02' });
  f.closedSession = (await ok(h, 'recordMediationSession', 'mediationSession', { disputeId: f.closed, date: '2026-09-05', mediator: '调解员', notes: '一方未到' })).id;
  f.mediating = (await ok(h, 'reportDispute', 'dispute', { regionCode: REGIONS.a, category: 'FAMILY', source: 'SCREENING', summary: '赡养', reportedOn: '2026-10-05', parties })).id;
  await ok(h, 'transitionDispute', 'dispute', { disputeId: f.mediating, to: 'MEDIATING', date: '2026-10-06' });
  f.session = (await ok(h, 'recordMediationSession', 'mediationSession', { disputeId: f.mediating, date: '2026-10-07', mediator: '调解员', notes: '初次调解' })).id;
  f.visit = (await ok(h, 'recordSupervisionVisit', 'supervisionVisit', { fileId: f.file, date: '2026-10-08', mode: 'FACE_TO_FACE', cadreId: f.cadre, summary: '面谈' })).id;
  f.declaration = (await ok(h, 'declareCadreRelative', 'cadreRelation', { cadreId: f.cadre, personId: f.spouse, relation: 'SIBLING', declaredOn: '2020-01-01' })).id;
  await ok(h, 'transitionDispute', 'dispute', { disputeId: f.closed, to: 'FAILED', date: '2026-09-10', note: '拒不到场' });
  f.petition = (await ok(h, 'recordPetitionVisit', 'petitionVisit', { regionCode: REGIONS.a, date: '2026-10-10', visitorName: '来访者', subject: '物业费', receivingCadreId: f.cadre })).id;
  f.patrol = (await ok(h, 'createGovernanceOrganisation', 'governanceOrganisation', { regionCode: REGIONS.a, kind: 'PATROL_TEAM', name: '巡逻队', foundedOn: '2010-01-01' })).id;
  f.log = (await ok(h, 'recordPatrolLog', 'patrolLog', { organisationId: f.patrol, date: '2026-11-01', patrollers: 3, route: '东区', findings: '未发现异常' })).id;
  f.member = (await ok(h, 'addOrganisationMember', 'organisationMember', { organisationId: f.patrol, name: '队员', role: 'MEMBER', since: '2020-01-01' })).id;
  f.volunteer = (await ok(h, 'registerVolunteer', 'volunteer', { regionCode: REGIONS.a, name: '志愿者', team: '青年志愿者服务队', since: '2021-01-01' })).id;
  f.admission = (await ok(h, 'requestWorkAdmission', 'workAdmission', { regionCode: REGIONS.a, department: '区统计局', title: '报表', kind: 'REPORT_FORM', requestedOn: '2026-10-01' })).id;
});

afterAll(async () => {
  await h?.stop();
});

type Case = [mutation: string, record: string, input: () => Record<string, unknown>, field: string[], code: string];

const validId = composeIdNumber('370703', '1990-01-01', 11, 'MALE');
const wrongCheck = validId.slice(0, 17) + (validId[17] === '0' ? '1' : '0');

const CASES: Case[] = [
  ['createPerson', 'person', () => ({ name: '甲', gender: 'MALE', birthDate: '1990-01-01', idNumber: wrongCheck }), ['input', 'idNumber'], 'INVALID'],
  ['createPerson', 'person', () => ({ name: ' ', gender: 'MALE', birthDate: '1990-01-01', idNumber: validId }), ['input', 'name'], 'REQUIRED'],
  ['createPerson', 'person', () => ({ name: '甲', gender: 'MALE', birthDate: '2027-01-01', idNumber: validId }), ['input', 'birthDate'], 'INVALID'],
  ['createPerson', 'person', () => ({ name: '甲', gender: 'MALE', birthDate: '1990-01-01', idNumber: validId, phone: '12345' }), ['input', 'phone'], 'INVALID'],
  ['updatePerson', 'person', () => ({ id: '00000000-0000-4000-8000-000000000000', name: '乙' }), ['input', 'id'], 'NOT_FOUND'],
  ['updatePerson', 'person', () => ({ id: id('head'), phone: '2000' }), ['input', 'phone'], 'INVALID'],
  ['createHousehold', 'household', () => ({ householdNumber: 'N1', regionCode: REGIONS.sub1, address: 'x', registrationType: 'LOCAL_HUKOU', headPersonId: id('free'), since: '2020-01-01' }), ['input', 'regionCode'], 'INVALID'],
  ['createHousehold', 'household', () => ({ householdNumber: 'N1', regionCode: REGIONS.a, address: 'x', registrationType: 'LOCAL_HUKOU', headPersonId: id('spouse'), since: '2020-01-01' }), ['input', 'headPersonId'], 'RULE_VIOLATION'],
  ['createHousehold', 'household', () => ({ householdNumber: 'A0001', regionCode: REGIONS.a, address: 'x', registrationType: 'LOCAL_HUKOU', headPersonId: id('free'), since: '2020-01-01' }), ['input', 'householdNumber'], 'DUPLICATE'],
  ['createHousehold', 'household', () => ({ householdNumber: 'N1', regionCode: REGIONS.a, gridId: id('gridB'), address: 'x', registrationType: 'LOCAL_HUKOU', headPersonId: id('free'), since: '2020-01-01' }), ['input', 'gridId'], 'INVALID'],
  ['updateHousehold', 'household', () => ({ id: 'not-a-uuid', address: 'x' }), ['input', 'id'], 'NOT_FOUND'],
  ['updateHousehold', 'household', () => ({ id: id('household'), address: '  ' }), ['input', 'address'], 'REQUIRED'],
  ['addHouseholdMember', 'household', () => ({ householdId: id('household'), personId: id('free'), relation: 'HEAD', since: '2020-01-01' }), ['input', 'relation'], 'RULE_VIOLATION'],
  ['addHouseholdMember', 'household', () => ({ householdId: id('other'), personId: id('spouse'), relation: 'OTHER', since: '2020-01-01' }), ['input', 'personId'], 'RULE_VIOLATION'],
  ['addHouseholdMember', 'household', () => ({ householdId: id('household'), personId: id('free'), relation: 'CHILD', since: '1994-12-31' }), ['input', 'since'], 'INVALID'],
  ['changeHouseholdHead', 'household', () => ({ householdId: id('household'), newHeadPersonId: id('spouse'), formerHeadRelation: 'HEAD', effectiveDate: '2026-01-01' }), ['input', 'formerHeadRelation'], 'INVALID'],
  ['changeHouseholdHead', 'household', () => ({ householdId: id('household'), newHeadPersonId: id('spouse'), formerHeadRelation: 'SPOUSE', effectiveDate: '2010-01-01' }), ['input', 'effectiveDate'], 'INVALID'],
  ['changeHouseholdHead', 'household', () => ({ householdId: id('household'), newHeadPersonId: id('free'), formerHeadRelation: 'SPOUSE', effectiveDate: '2026-01-01' }), ['input', 'newHeadPersonId'], 'NOT_FOUND'],
  ['moveHouseholdMember', 'household', () => ({ personId: id('spouse'), toHouseholdId: id('household'), relation: 'OTHER', effectiveDate: '2026-01-01' }), ['input', 'toHouseholdId'], 'INVALID'],
  ['moveHouseholdMember', 'household', () => ({ personId: id('head'), toHouseholdId: id('other'), relation: 'OTHER', effectiveDate: '2026-01-01' }), ['input', 'newHeadPersonId'], 'REQUIRED'],
  ['moveHouseholdMember', 'household', () => ({ personId: id('spouse'), toHouseholdId: id('other'), relation: 'HEAD', effectiveDate: '2026-01-01' }), ['input', 'relation'], 'RULE_VIOLATION'],
  ['endHouseholdMembership', 'household', () => ({ householdId: id('household'), personId: id('head'), reason: 'DECEASED', effectiveDate: '2026-01-01' }), ['input', 'newHeadPersonId'], 'REQUIRED'],
  ['endHouseholdMembership', 'household', () => ({ householdId: id('household'), personId: id('free'), reason: 'LEFT', effectiveDate: '2026-01-01' }), ['input', 'personId'], 'NOT_FOUND'],
  ['endHouseholdMembership', 'household', () => ({ householdId: id('household'), personId: id('spouse'), reason: 'LEFT', effectiveDate: '2026-12-01' }), ['input', 'effectiveDate'], 'INVALID'],
  ['addResidentTag', 'residentTag', () => ({ personId: id('head'), kind: 'LEFT_BEHIND_CHILD', since: '2020-01-01' }), ['input', 'kind'], 'RULE_VIOLATION'],
  ['addResidentTag', 'residentTag', () => ({ personId: id('spouse'), kind: 'DISABLED', since: '2021-01-01' }), ['input', 'kind'], 'DUPLICATE'],
  ['endResidentTag', 'residentTag', () => ({ id: id('tag'), until: '2019-12-31' }), ['input', 'until'], 'INVALID'],
  ['awardHouseholdHonour', 'householdHonour', () => ({ householdId: id('household'), kind: 'SAFE_FAMILY', year: 1900, awardingBody: '县妇联' }), ['input', 'year'], 'INVALID'],
  ['awardHouseholdHonour', 'householdHonour', () => ({ householdId: id('household'), kind: 'SAFE_FAMILY', year: 2026, awardingBody: '' }), ['input', 'awardingBody'], 'REQUIRED'],
  ['updateHouseholdHonour', 'householdHonour', () => ({ id: id('honour'), year: 2027 }), ['input', 'year'], 'INVALID'],
  ['registerFloatingResident', 'floatingRegistration', () => ({ personId: id('spouse'), regionCode: REGIONS.a, originCode: '13010', reason: 'WORK', arrivalDate: '2025-01-01' }), ['input', 'originCode'], 'INVALID'],
  ['registerFloatingResident', 'floatingRegistration', () => ({ personId: id('spouse'), regionCode: REGIONS.a, originCode: '130102', reason: 'WORK', arrivalDate: '2025-01-01', residencePermitExpiry: '2024-12-31' }), ['input', 'residencePermitExpiry'], 'INVALID'],
  ['updateFloatingRegistration', 'floatingRegistration', () => ({ id: id('floating'), residencePermitNumber: '证#1' }), ['input', 'residencePermitNumber'], 'INVALID'],
  ['recordFloatingDeparture', 'floatingRegistration', () => ({ id: id('floating'), departureDate: '2025-02-28' }), ['input', 'departureDate'], 'INVALID'],
  ['openSupervisionFile', 'supervisionFile', () => ({ personId: id('spouse'), regionCode: REGIONS.a, category: 'RELEASED_PRISONER', releaseDate: '2025-05-01', startDate: '2025-04-30', responsibleCadreId: id('cadre') }), ['input', 'startDate'], 'INVALID'],
  ['openSupervisionFile', 'supervisionFile', () => ({ personId: id('spouse'), regionCode: REGIONS.a, category: 'RELEASED_PRISONER', releaseDate: '2025-05-01', startDate: '2025-05-01', responsibleCadreId: id('cadreB') }), ['input', 'responsibleCadreId'], 'RULE_VIOLATION'],
  ['updateSupervisionFile', 'supervisionFile', () => ({ id: id('file'), endDate: '2025-01-31' }), ['input', 'endDate'], 'INVALID'],
  ['recordSupervisionVisit', 'supervisionVisit', () => ({ fileId: id('file'), date: '2025-01-15', mode: 'FACE_TO_FACE', cadreId: id('cadre'), summary: '谈话' }), ['input', 'date'], 'RULE_VIOLATION'],
  ['recordSupervisionVisit', 'supervisionVisit', () => ({ fileId: id('file'), date: '2026-11-01', mode: 'PHONE', cadreId: id('cadre'), summary: '' }), ['input', 'summary'], 'REQUIRED'],
  ['reportDispute', 'dispute', () => ({ regionCode: REGIONS.a, category: 'FAMILY', source: 'VISIT', summary: 'x', reportedOn: '2026-11-01', parties: [{ personId: id('head'), role: 'APPLICANT' }] }), ['input', 'parties'], 'INVALID'],
  ['reportDispute', 'dispute', () => ({ regionCode: REGIONS.a, category: 'FAMILY', source: 'VISIT', summary: 'x', reportedOn: '2026-11-01', parties: [{ personId: id('head'), role: 'APPLICANT' }, { personId: '00000000-0000-4000-8000-000000000000', role: 'RESPONDENT' }] }), ['input', 'parties', '1', 'personId'], 'NOT_FOUND'],
  ['updateDispute', 'dispute', () => ({ id: id('closed'), summary: '改' }), ['input', 'id'], 'INVALID_TRANSITION'],
  ['recordMediationSession', 'mediationSession', () => ({ disputeId: id('dispute'), date: '2026-10-02', mediator: '李', notes: 'x' }), ['input', 'disputeId'], 'INVALID_TRANSITION'],
  ['transitionDispute', 'dispute', () => ({ disputeId: id('dispute'), to: 'FAILED', date: '2026-10-02', note: 'x' }), ['input', 'to'], 'INVALID_TRANSITION'],
  ['transitionDispute', 'dispute', () => ({ disputeId: id('dispute'), to: 'MEDIATING', date: '2026-09-30' }), ['input', 'date'], 'INVALID'],
  ['recordPetitionVisit', 'petitionVisit', () => ({ regionCode: REGIONS.a, date: '2026-11-01', subject: 'x', receivingCadreId: id('cadre') }), ['input', 'visitorName'], 'REQUIRED'],
  ['recordPetitionVisit', 'petitionVisit', () => ({ regionCode: REGIONS.a, date: '2026-11-01', visitorName: '甲', subject: 'x', receivingCadreId: id('cadreB') }), ['input', 'receivingCadreId'], 'RULE_VIOLATION'],
  ['updatePetitionVisit', 'petitionVisit', () => ({ id: '00000000-0000-4000-8000-000000000000', outcome: 'ANSWERED' }), ['input', 'id'], 'NOT_FOUND'],
  ['createGovernanceOrganisation', 'governanceOrganisation', () => ({ regionCode: REGIONS.a, kind: 'SECURITY_COMMITTEE', name: '治保会', foundedOn: '2026-12-01' }), ['input', 'foundedOn'], 'INVALID'],
  ['createGovernanceOrganisation', 'governanceOrganisation', () => ({ regionCode: '370703009009', kind: 'SECURITY_COMMITTEE', name: '治保会', foundedOn: '2026-01-01' }), ['input', 'regionCode'], 'NOT_FOUND'],
  ['updateGovernanceOrganisation', 'governanceOrganisation', () => ({ id: id('patrol'), name: '' }), ['input', 'name'], 'REQUIRED'],
  ['addOrganisationMember', 'organisationMember', () => ({ organisationId: id('patrol'), role: 'MEMBER', since: '2026-01-01' }), ['input', 'name'], 'REQUIRED'],
  ['endOrganisationMembership', 'organisationMember', () => ({ id: 'abc', until: '2026-01-01' }), ['input', 'id'], 'NOT_FOUND'],
  ['endOrganisationMembership', 'organisationMember', () => ({ id: id('member'), until: '2019-01-01' }), ['input', 'until'], 'INVALID'],
  ['recordPatrolLog', 'patrolLog', () => ({ organisationId: id('patrol'), date: '2026-11-01', patrollers: 0, route: 'x', findings: 'y' }), ['input', 'patrollers'], 'INVALID'],
  ['recordPatrolLog', 'patrolLog', () => ({ organisationId: id('patrol'), date: '2026-11-01', patrollers: 2, route: 'x', findings: 'y', hazardsFound: -1 }), ['input', 'hazardsFound'], 'INVALID'],
  ['registerVolunteer', 'volunteer', () => ({ regionCode: REGIONS.a, name: '甲', team: ' ', since: '2026-01-01' }), ['input', 'team'], 'REQUIRED'],
  ['updateVolunteer', 'volunteer', () => ({ id: id('volunteer'), until: '2020-12-31' }), ['input', 'until'], 'INVALID'],
  ['appointCadre', 'cadre', () => ({ regionCode: '370703009009', name: '甲', position: 'DIRECTOR', since: '2026-01-01' }), ['input', 'regionCode'], 'NOT_FOUND'],
  ['appointCadre', 'cadre', () => ({ regionCode: REGIONS.a, personId: id('cadrePerson'), position: 'DIRECTOR', since: '2026-01-01' }), ['input', 'position'], 'DUPLICATE'],
  ['updateCadre', 'cadre', () => ({ id: id('cadre'), until: '2019-12-31' }), ['input', 'until'], 'INVALID'],
  ['declareCadreRelative', 'cadreRelation', () => ({ cadreId: id('cadre'), personId: id('cadrePerson'), relation: 'SIBLING', declaredOn: '2026-01-01' }), ['input', 'personId'], 'INVALID'],
  ['declareCadreRelative', 'cadreRelation', () => ({ cadreId: '00000000-0000-4000-8000-000000000000', personId: id('head'), relation: 'SIBLING', declaredOn: '2026-01-01' }), ['input', 'cadreId'], 'NOT_FOUND'],
  ['requestWorkAdmission', 'workAdmission', () => ({ regionCode: REGIONS.a, department: '区民政局', title: '台账', kind: 'TASK', requestedOn: '2026-11-01', funding: '-1.00' }), ['input', 'funding'], 'INVALID'],
  ['requestWorkAdmission', 'workAdmission', () => ({ regionCode: REGIONS.a, department: '', title: '台账', kind: 'TASK', requestedOn: '2026-11-01' }), ['input', 'department'], 'REQUIRED'],
  ['decideWorkAdmission', 'workAdmission', () => ({ id: id('admission'), decision: 'REFUSED', date: '2026-11-02', decidedBy: '协调小组' }), ['input', 'refusalReason'], 'REQUIRED'],
  ['decideWorkAdmission', 'workAdmission', () => ({ id: id('admission'), decision: 'APPROVED', date: '2026-09-30', decidedBy: '协调小组' }), ['input', 'date'], 'INVALID'],
  ['updateMediationSession', 'mediationSession', () => ({ id: id('closedSession'), notes: '补记' }), ['input', 'id'], 'INVALID_TRANSITION'],
  ['updateMediationSession', 'mediationSession', () => ({ id: id('session'), date: '2026-10-01' }), ['input', 'date'], 'INVALID'],
  ['updateSupervisionVisit', 'supervisionVisit', () => ({ id: id('visit'), summary: ' ' }), ['input', 'summary'], 'REQUIRED'],
  ['updatePatrolLog', 'patrolLog', () => ({ id: id('log'), hazardsFound: -2 }), ['input', 'hazardsFound'], 'INVALID'],
  ['updateCadreRelative', 'cadreRelation', () => ({ id: '00000000-0000-4000-8000-000000000000', relation: 'SPOUSE' }), ['input', 'id'], 'NOT_FOUND'],
];

describe('every mutation refuses bad input and writes nothing', () => {
  it('covers every mutation of the schema', async () => {
    const schema = await h.gql(`{ __type(name: "Mutation") { fields { name } } }`);
    const all = schema.__type.fields.map((field: { name: string }) => field.name).sort();
    expect([...new Set(CASES.map(([name]) => name))].sort()).toEqual(all);
  });

  it('notices a write in its fingerprint (the check below is not vacuous)', async () => {
    const before = await h.fingerprint();
    expect(before).toContain('household_membership:');
    await ok(h, 'updatePerson', 'person', { id: id('free'), ethnicity: '回族' });
    expect(await h.fingerprint()).not.toBe(before);
  });

  it.each(CASES.map((c) => [`${c[0]} → ${c[3].join('.')} ${c[4]}`, c] as const))('%s', async (_title, [mutation, record, input, field, code]) => {
    const before = await h.fingerprint();
    const inputType = `${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input`;
    const data = await h.gql(`mutation($input: ${inputType}!) { ${mutation}(input: $input) { ${record} { __typename } userErrors { field code message } } }`, { input: input() });
    const payload = data[mutation];
    expect(payload[record]).toBeNull();
    expect(payload.userErrors).toContainEqual(expect.objectContaining({ field, code }));
    for (const error of payload.userErrors) expect(error.message.length).toBeGreaterThan(0);
    expect(await h.fingerprint()).toBe(before);
  });

  it('accepts the corrections the refusals above turned down when the input is good', async () => {
    expect(await ok(h, 'updateMediationSession', 'mediationSession', { id: id('session'), notes: '双方同意再次调解' }, 'notes date')).toEqual({ notes: '双方同意再次调解', date: '2026-10-07' });
    expect(await ok(h, 'updateSupervisionVisit', 'supervisionVisit', { id: id('visit'), help: ['JOB_REFERRAL', 'JOB_REFERRAL'] }, 'help summary')).toEqual({ help: ['JOB_REFERRAL'], summary: '面谈' });
    expect(await ok(h, 'updatePatrolLog', 'patrolLog', { id: id('log'), hazardsFound: 1, findings: '消防通道堵塞' }, 'hazardsFound findings reportedToPolice')).toEqual({ hazardsFound: 1, findings: '消防通道堵塞', reportedToPolice: false });
    expect(await ok(h, 'updateCadreRelative', 'cadreRelation', { id: id('declaration'), relation: 'SPOUSE' }, 'relation relative { name }')).toEqual({ relation: 'SPOUSE', relative: { name: '李秀英' } });
  });
});
