import { createLoaders } from '../src/data/loaders';
import { createHousehold, createPerson, insertRegions, ok, refused, REGIONS } from './fixture';
import { startHarness, type Data, type Harness } from './support';
import { gatewayHeaders } from '../../../test/support/access';

// The first day of a quarter: "this quarter" is this one day, the boundary the overdue rule turns on.
const TODAY = '2026-04-01';

let h: Harness;
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness('community_governance', TODAY);
  await insertRegions(h);
  // Community A: a local family of three, a floating couple, an elderly widow living alone.
  ids.father = await createPerson(h, '张建国', '1980-05-01');
  ids.mother = await createPerson(h, '李秀英', '1982-07-09', 'FEMALE');
  ids.son = await createPerson(h, '张小明', '2015-09-01');
  ids.worker = await createPerson(h, '王强', '1990-03-03');
  ids.workerWife = await createPerson(h, '赵丽', '1991-04-04', 'FEMALE');
  ids.elder = await createPerson(h, '孙桂兰', '1940-01-20', 'FEMALE');
  ids.hA1 = await createHousehold(h, 'A0001', REGIONS.a, 'LOCAL_HUKOU', ids.father);
  await ok(h, 'addHouseholdMember', 'household', { householdId: ids.hA1, personId: ids.mother, relation: 'SPOUSE', since: '2010-01-01' });
  await ok(h, 'addHouseholdMember', 'household', { householdId: ids.hA1, personId: ids.son, relation: 'CHILD', since: '2015-09-01' });
  ids.hA2 = await createHousehold(h, 'A0002', REGIONS.a, 'FLOATING', ids.worker, '2024-03-01');
  await ok(h, 'addHouseholdMember', 'household', { householdId: ids.hA2, personId: ids.workerWife, relation: 'SPOUSE', since: '2024-03-01' });
  ids.hA3 = await createHousehold(h, 'A0003', REGIONS.a, 'LOCAL_HUKOU', ids.elder, '1980-01-01');
  // Community B: two floating one-person households, one of whom has left the registry of floating residents.
  ids.trader = await createPerson(h, '陈商', '1985-08-08');
  ids.leaver = await createPerson(h, '周离', '1992-02-02');
  ids.hB1 = await createHousehold(h, 'B0001', REGIONS.b, 'FLOATING', ids.trader, '2023-01-01');
  ids.hB2 = await createHousehold(h, 'B0002', REGIONS.b, 'FLOATING', ids.leaver, '2023-01-01');
  // Community C: a released person and his wife.
  ids.released = await createPerson(h, '顾硕', '1975-06-06');
  ids.releasedWife = await createPerson(h, '吴芳', '1978-10-10', 'FEMALE');
  ids.hC1 = await createHousehold(h, 'C0001', REGIONS.c, 'LOCAL_HUKOU', ids.released, '2000-01-01');
  await ok(h, 'addHouseholdMember', 'household', { householdId: ids.hC1, personId: ids.releasedWife, relation: 'SPOUSE', since: '2000-01-01' });
  ids.cadreA = (await ok(h, 'appointCadre', 'cadre', { regionCode: REGIONS.a, name: '刘主任', position: 'DIRECTOR', since: '2020-01-01' })).id;
  ids.cadreC = (await ok(h, 'appointCadre', 'cadre', { regionCode: REGIONS.c, name: '马书记', position: 'PARTY_SECRETARY', since: '2019-01-01' })).id;
  ids.cadreB = (await ok(h, 'appointCadre', 'cadre', { regionCode: REGIONS.b, name: '钱副主任', position: 'GOVERNANCE_DEPUTY', since: '2019-01-01' })).id;
});

afterAll(async () => {
  await h?.stop();
});

describe('households in full', () => {
  it('keeps exactly one head through a head change, a member leaving and a move, with the history', async () => {
    const p1 = await createPerson(h, '甲', '1960-01-01');
    const p2 = await createPerson(h, '乙', '1962-01-01', 'FEMALE');
    const p3 = await createPerson(h, '丙', '1990-01-01');
    const hh = await createHousehold(h, 'X0001', REGIONS.b, 'LOCAL_HUKOU', p1, '2000-01-01');
    const target = await createHousehold(h, 'X0002', REGIONS.b, 'LOCAL_HUKOU', await createPerson(h, '丁', '1988-01-01'), '2000-01-01');
    await ok(h, 'addHouseholdMember', 'household', { householdId: hh, personId: p2, relation: 'SPOUSE', since: '2000-01-01' });
    await ok(h, 'addHouseholdMember', 'household', { householdId: hh, personId: p3, relation: 'CHILD', since: '2000-01-01' });
    const members = 'members { person { id } relation since until } head { id } size';

    const changed = await ok(h, 'changeHouseholdHead', 'household', { householdId: hh, newHeadPersonId: p2, formerHeadRelation: 'SPOUSE', effectiveDate: '2020-06-01' }, members);
    expect(changed.head.id).toBe(p2);
    expect(changed.members.map((m: Data) => m.relation)).toEqual(['HEAD', 'SPOUSE', 'CHILD']);

    // The head dies: refused without a successor, accepted with one.
    const errors = await refused(h, 'endHouseholdMembership', 'household', { householdId: hh, personId: p2, reason: 'DECEASED', effectiveDate: '2025-01-01' });
    expect(errors).toEqual([{ field: ['input', 'newHeadPersonId'], code: 'REQUIRED', message: 'the head is leaving: name another member as head' }]);
    const after = await ok(h, 'endHouseholdMembership', 'household', { householdId: hh, personId: p2, reason: 'DECEASED', effectiveDate: '2025-01-01', newHeadPersonId: p1 }, members);
    expect(after.head.id).toBe(p1);
    expect(after.size).toBe(2);

    const moved = await ok(h, 'moveHouseholdMember', 'household', { personId: p3, toHouseholdId: target, relation: 'SIBLING', effectiveDate: '2026-03-01' }, members);
    expect(moved.members.map((m: Data) => [m.person.id, m.relation, m.since])).toContainEqual([p3, 'SIBLING', '2026-03-01']);

    const history = await h.gql(`query($id: ID!) { household(id: $id) { head { id } size memberHistory { person { id } relation since until endReason } } }`, { id: hh });
    expect(history.household.size).toBe(1);
    expect(history.household.memberHistory.map((m: Data) => [m.person.id === p1 ? 'p1' : m.person.id === p2 ? 'p2' : 'p3', m.relation, m.since, m.until, m.endReason])).toEqual([
      ['p1', 'HEAD', '2000-01-01', '2020-05-31', 'RELATION_CHANGED'],
      ['p2', 'SPOUSE', '2000-01-01', '2020-05-31', 'RELATION_CHANGED'],
      ['p3', 'CHILD', '2000-01-01', '2026-02-28', 'MOVED'],
      ['p2', 'HEAD', '2020-06-01', '2024-12-31', 'DECEASED'],
      ['p1', 'SPOUSE', '2020-06-01', '2024-12-31', 'RELATION_CHANGED'],
      ['p1', 'HEAD', '2025-01-01', null, null],
    ]);
    const [row] = await h.sql<{ heads: string }>(`SELECT count(*)::text AS heads FROM community.household_membership WHERE household_id = $1 AND relation = 'HEAD' AND end_date IS NULL`, [hh]);
    expect(row!.heads).toBe("1");
  });

  it('tags vulnerable residents and records honours with year and awarding body', async () => {
    const tag = await ok(h, 'addResidentTag', 'residentTag', { personId: ids.elder, kind: 'ELDERLY_LIVING_ALONE', since: '2020-01-01' }, 'id kind since person { name }');
    expect(tag).toMatchObject({ kind: 'ELDERLY_LIVING_ALONE', since: '2020-01-01', person: { name: '孙桂兰' } });
    const errors = await refused(h, 'addResidentTag', 'residentTag', { personId: ids.father, kind: 'ELDERLY_LIVING_ALONE', since: '2020-01-01' });
    expect(errors.map((e) => e.code)).toEqual(['RULE_VIOLATION', 'RULE_VIOLATION']);
    await ok(h, 'addResidentTag', 'residentTag', { personId: ids.son, kind: 'LEFT_BEHIND_CHILD', since: '2024-01-01', note: '由祖母照看' });
    await ok(h, 'addResidentTag', 'residentTag', { personId: ids.releasedWife, kind: 'DISABLED', since: '2018-01-01' });
    await ok(h, 'awardHouseholdHonour', 'householdHonour', { householdId: ids.hA1, kind: 'CIVILISED_FAMILY', year: 2025, awardingBody: '区文明办' });
    await ok(h, 'awardHouseholdHonour', 'householdHonour', { householdId: ids.hA1, kind: 'FIVE_GOOD_FAMILY', year: 2026, awardingBody: '区妇联' });
    await ok(h, 'awardHouseholdHonour', 'householdHonour', { householdId: ids.hC1, kind: 'SAFE_FAMILY', year: 2026, awardingBody: '县妇联' });
    const dup = await refused(h, 'awardHouseholdHonour', 'householdHonour', { householdId: ids.hA1, kind: 'CIVILISED_FAMILY', year: 2025, awardingBody: '区文明办' });
    expect(dup[0]!.code).toBe('DUPLICATE');
    const read = await h.gql(`query($id: ID!) { household(id: $id) { honours { kind year awardingBody } members { person { name tags { kind note } } } } }`, { id: ids.hA1 });
    expect(read.household.honours).toEqual([
      { kind: 'FIVE_GOOD_FAMILY', year: 2026, awardingBody: '区妇联' },
      { kind: 'CIVILISED_FAMILY', year: 2025, awardingBody: '区文明办' },
    ]);
    expect(read.household.members[2].person.tags).toEqual([{ kind: 'LEFT_BEHIND_CHILD', note: '由祖母照看' }]);
  });
});

describe('floating population', () => {
  it('registers arrivals and departures and refuses a second open registration', async () => {
    const reg = await ok(h, 'registerFloatingResident', 'floatingRegistration', {
      personId: ids.worker, regionCode: REGIONS.a, originCode: '130102', reason: 'WORK', arrivalDate: '2024-03-01', residencePermitNumber: 'JZ-2024-0001', residencePermitExpiry: '2027-03-01',
    }, 'id active residencePermitExpiry');
    expect(reg).toMatchObject({ active: true, residencePermitExpiry: '2027-03-01' });
    await ok(h, 'registerFloatingResident', 'floatingRegistration', { personId: ids.workerWife, regionCode: REGIONS.a, originCode: '130102', reason: 'FAMILY', arrivalDate: '2024-03-01' });
    await ok(h, 'registerFloatingResident', 'floatingRegistration', { personId: ids.trader, regionCode: REGIONS.b, originCode: '350203', reason: 'BUSINESS', arrivalDate: '2023-01-01' });
    const left = await ok(h, 'registerFloatingResident', 'floatingRegistration', { personId: ids.leaver, regionCode: REGIONS.b, originCode: '410102', reason: 'WORK', arrivalDate: '2023-01-01' });
    const departed = await ok(h, 'recordFloatingDeparture', 'floatingRegistration', { id: left.id, departureDate: '2026-02-01' }, 'active departureDate');
    expect(departed).toEqual({ active: false, departureDate: '2026-02-01' });
    const again = await refused(h, 'recordFloatingDeparture', 'floatingRegistration', { id: left.id, departureDate: '2026-02-02' });
    expect(again[0]!.code).toBe('INVALID_TRANSITION');
    const twice = await refused(h, 'registerFloatingResident', 'floatingRegistration', { personId: ids.worker, regionCode: REGIONS.a, originCode: '130102', reason: 'WORK', arrivalDate: '2024-04-01' });
    expect(twice[0]!.code).toBe('DUPLICATE');
    const page = await h.gql(`{ floatingRegistrations(regionCode: "370703001", first: 2) { totalCount edges { node { person { name } } } pageInfo { hasNextPage endCursor } } }`);
    expect(page.floatingRegistrations.totalCount).toBe(3);
    expect(page.floatingRegistrations.pageInfo.hasNextPage).toBe(true);
    const next = await h.gql(`query($after: String) { floatingRegistrations(regionCode: "370703001", first: 2, after: $after) { edges { node { person { name } } } pageInfo { hasNextPage } } }`, { after: page.floatingRegistrations.pageInfo.endCursor });
    const names = [...page.floatingRegistrations.edges, ...next.floatingRegistrations.edges].map((e: Data) => e.node.person.name);
    expect(names.sort()).toEqual(['王强', '赵丽', '陈商'].sort());
    expect(next.floatingRegistrations.pageInfo.hasNextPage).toBe(false);
  });
});

describe('supervision of released persons (帮教)', () => {
  it('flags a file overdue on the first day of a quarter until a face-to-face visit that day', async () => {
    const file = await ok(h, 'openSupervisionFile', 'supervisionFile', {
      personId: ids.released, regionCode: REGIONS.c, category: 'RELEASED_PRISONER', releaseDate: '2025-05-20', startDate: '2025-06-01', responsibleCadreId: ids.cadreC,
    }, 'id overdue');
    expect(file.overdue).toBe(true);
    await ok(h, 'recordSupervisionVisit', 'supervisionVisit', { fileId: file.id, date: '2026-03-31', mode: 'FACE_TO_FACE', cadreId: ids.cadreC, summary: '面对面谈心', help: ['JOB_REFERRAL'] });
    await ok(h, 'recordSupervisionVisit', 'supervisionVisit', { fileId: file.id, date: '2026-04-01', mode: 'PHONE', cadreId: ids.cadreC, summary: '电话回访' });
    const read = async () => (await h.gql(`query($id: ID!) { person(id: $id) { supervisionFile { overdue lastFaceToFaceVisit visits { date mode help } responsibleCadre { name } } } }`, { id: ids.released })).person.supervisionFile;
    expect(await read()).toMatchObject({ overdue: true, lastFaceToFaceVisit: '2026-03-31', responsibleCadre: { name: '马书记' } });
    // The other file in the district was visited face to face today: it is not overdue.
    const other = await ok(h, 'openSupervisionFile', 'supervisionFile', {
      personId: ids.father, regionCode: REGIONS.a, category: 'RELEASED_FROM_REEDUCATION', releaseDate: '2024-12-01', startDate: '2025-01-01', responsibleCadreId: ids.cadreA,
    });
    await ok(h, 'recordSupervisionVisit', 'supervisionVisit', { fileId: other.id, date: '2026-04-01', mode: 'FACE_TO_FACE', cadreId: ids.cadreA, summary: '入户帮教' });
    // A closed file is not overdue.
    const closed = await ok(h, 'openSupervisionFile', 'supervisionFile', {
      personId: ids.trader, regionCode: REGIONS.b, category: 'RELEASED_PRISONER', releaseDate: '2023-01-01', startDate: '2023-02-01', responsibleCadreId: ids.cadreB,
    });
    await ok(h, 'updateSupervisionFile', 'supervisionFile', { id: closed.id, endDate: '2026-02-01' });
    const list = await h.gql(`{ all: supervisionFiles(regionCode: "370703") { totalCount } overdue: supervisionFiles(regionCode: "370703", overdueOnly: true) { totalCount edges { node { person { name } overdue } } } }`);
    expect(list.all.totalCount).toBe(3);
    expect(list.overdue.totalCount).toBe(1);
    expect(list.overdue.edges).toEqual([{ node: { person: { name: '顾硕' }, overdue: true } }]);
    await ok(h, 'recordSupervisionVisit', 'supervisionVisit', { fileId: file.id, date: '2026-04-01', mode: 'FACE_TO_FACE', cadreId: ids.cadreC, summary: '季度面对面帮教' });
    expect(await read()).toMatchObject({ overdue: false, lastFaceToFaceVisit: '2026-04-01' });
    // Undo for the statistics fixture: C's file is overdue there, so the last visit goes.
    await h.sql(`DELETE FROM community.supervision_visit WHERE file_id = $1 AND visit_date = '2026-04-01' AND mode = 'FACE_TO_FACE'`, [file.id]);
    const dup = await refused(h, 'openSupervisionFile', 'supervisionFile', {
      personId: ids.released, regionCode: REGIONS.c, category: 'RELEASED_PRISONER', releaseDate: '2025-05-20', startDate: '2025-06-01', responsibleCadreId: ids.cadreC,
    });
    expect(dup[0]).toMatchObject({ field: ['input', 'personId'], code: 'DUPLICATE' });
    const wrongCadre = await refused(h, 'recordSupervisionVisit', 'supervisionVisit', { fileId: file.id, date: '2026-03-01', mode: 'FACE_TO_FACE', cadreId: ids.cadreA, summary: 'x' });
    expect(wrongCadre[0]).toMatchObject({ field: ['input', 'cadreId'], code: 'RULE_VIOLATION' });
  });
});

describe('disputes and mediation', () => {
  const transition = (disputeId: string, to: string, date: string, extra: Record<string, unknown> = {}) =>
    h.gql(`mutation($input: TransitionDisputeInput!) { transitionDispute(input: $input) { dispute { status closedOn allowedTransitions } userErrors { field code message } } }`, { input: { disputeId, to, date, ...extra } });
  const report = async (regionCode: string, reportedOn: string, category = 'NEIGHBOURS') =>
    (await ok(h, 'reportDispute', 'dispute', { regionCode, category, source: 'SCREENING', summary: '楼上漏水', reportedOn, parties: [{ personId: ids.father, role: 'APPLICANT' }, { personId: ids.worker, role: 'RESPONDENT' }] })).id as string;
  const session = (disputeId: string, date: string) => ok(h, 'recordMediationSession', 'mediationSession', { disputeId, date, mediator: '调解会李主任', notes: '双方到场' });

  it('runs REPORTED → MEDIATING → RESOLVED and refuses steps the workflow does not allow', async () => {
    const d1 = await report(REGIONS.a, '2026-01-10');
    const skip = await transition(d1, 'RESOLVED', '2026-01-11', { agreement: 'x' });
    expect(skip.transitionDispute).toEqual({ dispute: null, userErrors: [{ field: ['input', 'to'], code: 'INVALID_TRANSITION', message: 'a REPORTED dispute cannot become RESOLVED' }] });
    const early = await refused(h, 'recordMediationSession', 'mediationSession', { disputeId: d1, date: '2026-01-11', mediator: 'x', notes: 'y' });
    expect(early[0]!.code).toBe('INVALID_TRANSITION');
    expect((await transition(d1, 'MEDIATING', '2026-01-12')).transitionDispute.dispute).toEqual({ status: 'MEDIATING', closedOn: null, allowedTransitions: ['RESOLVED', 'REFERRED', 'FAILED'] });
    const noAgreement = await transition(d1, 'RESOLVED', '2026-01-20');
    expect(noAgreement.transitionDispute.userErrors.map((e: Data) => e.code)).toEqual(['REQUIRED', 'RULE_VIOLATION']);
    await session(d1, '2026-01-15');
    const resolved = await transition(d1, 'RESOLVED', '2026-01-20', { agreement: '楼上承担维修费用' });
    expect(resolved.transitionDispute.dispute).toEqual({ status: 'RESOLVED', closedOn: '2026-01-20', allowedTransitions: [] });
    expect((await transition(d1, 'MEDIATING', '2026-01-21')).transitionDispute.userErrors[0].code).toBe('INVALID_TRANSITION');
    const read = await h.gql(`query($id: ID!) { dispute(id: $id) { agreement parties { role person { name } } sessions { date mediator } } person(id: "${ids.worker}") { disputes { id } } }`, { id: d1 });
    expect(read.dispute).toEqual({ agreement: '楼上承担维修费用', parties: [{ role: 'APPLICANT', person: { name: '张建国' } }, { role: 'RESPONDENT', person: { name: '王强' } }], sessions: [{ date: '2026-01-15', mediator: '调解会李主任' }] });
    expect(read.person.disputes).toEqual([{ id: d1 }]);

    // The rest of the statistics fixture: FAILED and REFERRED in A, MEDIATING in B, REPORTED in C.
    const d2 = await report(REGIONS.a, '2026-02-01', 'FAMILY');
    await transition(d2, 'MEDIATING', '2026-02-02');
    await session(d2, '2026-02-03');
    expect((await transition(d2, 'FAILED', '2026-02-10', { note: '一方拒绝调解' })).transitionDispute.dispute.status).toBe('FAILED');
    const d3 = await report(REGIONS.a, '2025-11-01', 'LABOUR');
    await transition(d3, 'MEDIATING', '2025-11-02');
    expect((await transition(d3, 'REFERRED', '2025-12-01')).transitionDispute.userErrors[0]).toMatchObject({ field: ['input', 'referredTo'], code: 'REQUIRED' });
    expect((await transition(d3, 'REFERRED', '2025-12-01', { referredTo: '区劳动人事争议仲裁委员会' })).transitionDispute.dispute.status).toBe('REFERRED');
    const d4 = await report(REGIONS.b, '2026-03-01');
    await transition(d4, 'MEDIATING', '2026-03-02');
    await report(REGIONS.c, '2026-03-15', 'DEBT');
    const page = await h.gql(`{ disputes(regionCode: "370703001", status: MEDIATING) { totalCount edges { node { region { code } } } } }`);
    expect(page.disputes).toEqual({ totalCount: 1, edges: [{ node: { region: { code: REGIONS.b } } }] });
  });
});

describe('petitions, organisations, cadres and admission', () => {
  it('records petition visits with the escalated flag', async () => {
    const visit = (regionCode: string, date: string, cadreId: string | undefined, escalated: boolean) =>
      ok(h, 'recordPetitionVisit', 'petitionVisit', { regionCode, date, visitorPersonId: ids.mother, subject: '反映低保政策', receivingCadreId: cadreId, escalated }, 'id visitorName escalated outcome');
    const first = await visit(REGIONS.a, '2026-01-05', ids.cadreA, true);
    expect(first).toMatchObject({ visitorName: '李秀英', escalated: true, outcome: 'PENDING' });
    await visit(REGIONS.a, '2026-02-05', ids.cadreA, false);
    await visit(REGIONS.a, '2026-03-05', ids.cadreA, false);
    await visit(REGIONS.a, '2025-06-05', ids.cadreA, false);
    await visit(REGIONS.c, '2026-03-20', ids.cadreC, true);
    const answered = await ok(h, 'updatePetitionVisit', 'petitionVisit', { id: first.id, outcome: 'ANSWERED' }, 'outcome');
    expect(answered.outcome).toBe('ANSWERED');
    expect((await refused(h, 'updatePetitionVisit', 'petitionVisit', { id: first.id, outcome: 'PENDING' }))[0]!.code).toBe('INVALID_TRANSITION');
    const escalated = await h.gql(`{ petitionVisits(regionCode: "370703", escalatedOnly: true) { totalCount edges { node { date receivingCadre { name } } } } }`);
    expect(escalated.petitionVisits).toEqual({ totalCount: 2, edges: [{ node: { date: '2026-03-20', receivingCadre: { name: '马书记' } } }, { node: { date: '2026-01-05', receivingCadre: { name: '刘主任' } } }] });
  });

  it('founds the seven organisations once each, with members and patrol logs only for the patrol team', async () => {
    const kinds = ['SECURITY_COMMITTEE', 'MEDIATION_COMMITTEE', 'SUPERVISION_GROUP', 'PATROL_TEAM', 'SECURITY_INFORMANTS', 'LEGAL_PUBLICITY_TEAM', 'LEGAL_SERVICE_STATION'];
    const orgs: Record<string, string> = {};
    for (const kind of kinds) orgs[kind] = (await ok(h, 'createGovernanceOrganisation', 'governanceOrganisation', { regionCode: REGIONS.a, kind, name: `西南社区${kind}`, foundedOn: '2008-05-01' })).id;
    expect((await refused(h, 'createGovernanceOrganisation', 'governanceOrganisation', { regionCode: REGIONS.a, kind: 'PATROL_TEAM', name: '二队', foundedOn: '2008-05-01' }))[0]!.code).toBe('DUPLICATE');
    await ok(h, 'addOrganisationMember', 'organisationMember', { organisationId: orgs.PATROL_TEAM!, personId: ids.father, role: 'LEADER', since: '2020-01-01' });
    await ok(h, 'addOrganisationMember', 'organisationMember', { organisationId: orgs.PATROL_TEAM!, name: '社区民警赵警官', role: 'MEMBER', since: '2020-01-01' });
    const ended = await ok(h, 'addOrganisationMember', 'organisationMember', { organisationId: orgs.PATROL_TEAM!, personId: ids.worker, role: 'MEMBER', since: '2024-05-01' });
    await ok(h, 'endOrganisationMembership', 'organisationMember', { id: ended.id, until: '2025-05-01' });
    await ok(h, 'recordPatrolLog', 'patrolLog', { organisationId: orgs.PATROL_TEAM!, date: '2026-03-25', patrollers: 4, route: '西南小区一至六号楼', findings: '发现楼道堆放杂物', hazardsFound: 1, reportedToPolice: true });
    await ok(h, 'recordPatrolLog', 'patrolLog', { organisationId: orgs.PATROL_TEAM!, date: '2026-03-26', patrollers: 3, route: '集贸市场', findings: '未发现异常' });
    const notPatrol = await refused(h, 'recordPatrolLog', 'patrolLog', { organisationId: orgs.MEDIATION_COMMITTEE!, date: '2026-03-26', patrollers: 3, route: 'x', findings: 'y' });
    expect(notPatrol[0]).toMatchObject({ field: ['input', 'organisationId'], code: 'RULE_VIOLATION' });
    const read = await h.gql(`{ region(code: "${REGIONS.a}") { governanceOrganisations { kind members { name role person { id } } patrolLogs(first: 1) { totalCount edges { node { date hazardsFound reportedToPolice } } } } } }`);
    const orgsRead = read.region.governanceOrganisations;
    expect(orgsRead).toHaveLength(7);
    const patrol = orgsRead.find((o: Data) => o.kind === 'PATROL_TEAM');
    expect(patrol.members).toEqual([{ name: '张建国', role: 'LEADER', person: { id: ids.father } }, { name: '社区民警赵警官', role: 'MEMBER', person: null }]);
    expect(patrol.patrolLogs).toEqual({ totalCount: 2, edges: [{ node: { date: '2026-03-26', hazardsFound: 0, reportedToPolice: false } }] });
    await ok(h, 'registerVolunteer', 'volunteer', { regionCode: REGIONS.a, personId: ids.mother, team: '青年志愿者服务队', skills: '理发', since: '2022-01-01' });
    const vols = await h.gql(`{ a: region(code: "${REGIONS.a}") { volunteers { name team } cadres { name } } sub: region(code: "370703001") { volunteers { name } cadres { name } } }`);
    expect(vols.a).toEqual({ volunteers: [{ name: '李秀英', team: '青年志愿者服务队' }], cadres: [{ name: '刘主任' }] });
    expect(vols.sub).toEqual({ volunteers: [], cadres: [] });
  });

  it('exposes cadres near relatives for the conflict-of-interest check, serving cadres only', async () => {
    await ok(h, 'declareCadreRelative', 'cadreRelation', { cadreId: ids.cadreA, personId: ids.elder, relation: 'PARENT', declaredOn: '2020-01-05' });
    const past = (await ok(h, 'appointCadre', 'cadre', { regionCode: REGIONS.b, name: '前任主任', position: 'DIRECTOR', since: '2010-01-01' })).id;
    await ok(h, 'declareCadreRelative', 'cadreRelation', { cadreId: past, personId: ids.trader, relation: 'SIBLING', declaredOn: '2010-01-05' });
    await ok(h, 'updateCadre', 'cadre', { id: past, until: '2018-12-31' });
    expect((await refused(h, 'declareCadreRelative', 'cadreRelation', { cadreId: ids.cadreA, personId: ids.elder, relation: 'PARENT', declaredOn: '2020-01-05' }))[0]!.code).toBe('DUPLICATE');
    const read = await h.gql(`query($elder: ID!, $trader: ID!, $hA3: ID!, $hA1: ID!, $hB1: ID!) {
      elder: person(id: $elder) { isCadreNearRelative cadreRelations { relation declaredOn cadre { name position serving } } }
      trader: person(id: $trader) { isCadreNearRelative cadreRelations { relation } }
      hA3: household(id: $hA3) { hasCadreNearRelative cadreRelations { relative { name } } }
      hA1: household(id: $hA1) { hasCadreNearRelative }
      hB1: household(id: $hB1) { hasCadreNearRelative }
    }`, { elder: ids.elder, trader: ids.trader, hA3: ids.hA3, hA1: ids.hA1, hB1: ids.hB1 });
    expect(read).toEqual({
      elder: { isCadreNearRelative: true, cadreRelations: [{ relation: 'PARENT', declaredOn: '2020-01-05', cadre: { name: '刘主任', position: 'DIRECTOR', serving: true } }] },
      trader: { isCadreNearRelative: false, cadreRelations: [] },
      hA3: { hasCadreNearRelative: true, cadreRelations: [{ relative: { name: '孙桂兰' } }] },
      hA1: { hasCadreNearRelative: false },
      hB1: { hasCadreNearRelative: false },
    });
  });

  it('admits funded tasks and report forms and refuses an unfunded task (费随事转)', async () => {
    const request = async (regionCode: string, kind: string, funding: string | null, requestedOn: string) =>
      (await ok(h, 'requestWorkAdmission', 'workAdmission', { regionCode, department: '区统计局', title: kind === 'TASK' ? '经济普查入户登记' : '月度人口报表', kind, requestedOn, funding })).id as string;
    const task = await request(REGIONS.a, 'TASK', '5000.00', '2026-01-05');
    const form = await request(REGIONS.a, 'REPORT_FORM', null, '2026-01-05');
    const unfunded = await request(REGIONS.a, 'TASK', null, '2026-01-06');
    const oldForm = await request(REGIONS.b, 'REPORT_FORM', null, '2025-11-01');
    const decide = (id: string, decision: string, date: string, extra: Record<string, unknown> = {}) => ({ id, decision, date, decidedBy: '区社区建设协调小组', ...extra });
    expect((await refused(h, 'decideWorkAdmission', 'workAdmission', decide(unfunded, 'APPROVED', '2026-01-10')))[0]).toMatchObject({ field: ['input', 'funding'], code: 'RULE_VIOLATION' });
    await ok(h, 'decideWorkAdmission', 'workAdmission', decide(unfunded, 'REFUSED', '2026-01-10', { refusalReason: '属行政部门职责, 应收回' }));
    const approved = await ok(h, 'decideWorkAdmission', 'workAdmission', decide(task, 'APPROVED', '2026-01-10'), 'status funding decidedOn');
    expect(approved).toEqual({ status: 'APPROVED', funding: '5000.00', decidedOn: '2026-01-10' });
    await ok(h, 'decideWorkAdmission', 'workAdmission', decide(form, 'APPROVED', '2026-01-10'));
    await ok(h, 'decideWorkAdmission', 'workAdmission', decide(oldForm, 'APPROVED', '2025-11-20'));
    expect((await refused(h, 'decideWorkAdmission', 'workAdmission', decide(task, 'REFUSED', '2026-01-11', { refusalReason: 'x' })))[0]!.code).toBe('INVALID_TRANSITION');
    const list = await h.gql(`{ region(code: "${REGIONS.a}") { workAdmissions(status: APPROVED) { title } } }`);
    expect(list.region.workAdmissions.map((w: Data) => w.title).sort()).toEqual(['月度人口报表', '经济普查入户登记']);
    const page = await h.gql(`{ all: workAdmissions(regionCode: "370703001", first: 2) { totalCount pageInfo { hasNextPage } edges { node { region { code } requestedOn } } }
      refused: workAdmissions(regionCode: "370703", status: REFUSED) { totalCount edges { node { refusalReason } } } }`);
    expect(page.all.totalCount).toBe(4);
    expect(page.all.pageInfo.hasNextPage).toBe(true);
    expect(page.all.edges.map((e: Data) => e.node.requestedOn)).toEqual(['2026-01-06', '2026-01-05']);
    expect(page.refused).toEqual({ totalCount: 1, edges: [{ node: { refusalReason: '属行政部门职责, 应收回' } }] });
  });
});

describe('region statistics against the hand-counted fixture', () => {
  const fields = `population households floatingPopulation registeredFloatingPopulation registrationCoverage disputes disputesByStatus { status count }
    mediationSuccessRate petitionVisits escalatedPetitionVisits activeSupervisionFiles overdueSupervisionFiles admittedTasks admittedReportForms admittedFunding
    elderlyLivingAlone leftBehindChildren disabledResidents householdHonours`;
  const stats = async (code: string, year: number | null = null) =>
    (await h.gql(`query($code: String!, $year: Int) { region(code: $code) { communityStatistics(year: $year) { ${fields} } } }`, { code, year })).region.communityStatistics;
  const byStatus = (counts: number[]) => ['REPORTED', 'MEDIATING', 'RESOLVED', 'REFERRED', 'FAILED'].map((status, i) => ({ status, count: counts[i] }));

  it('counts community A over all years and for 2026', async () => {
    // A: households A0001 (3), A0002 floating (2, both registered), A0003 (1): 6 residents.
    expect(await stats(REGIONS.a)).toEqual({
      population: 6, households: 3, floatingPopulation: 2, registeredFloatingPopulation: 2, registrationCoverage: 1,
      disputes: 3, disputesByStatus: byStatus([0, 0, 1, 1, 1]), mediationSuccessRate: 0.3333,
      petitionVisits: 4, escalatedPetitionVisits: 1, activeSupervisionFiles: 1, overdueSupervisionFiles: 0,
      admittedTasks: 1, admittedReportForms: 1, admittedFunding: '5000.00',
      elderlyLivingAlone: 1, leftBehindChildren: 1, disabledResidents: 0, householdHonours: 2,
    });
    expect(await stats(REGIONS.a, 2026)).toMatchObject({ disputes: 2, disputesByStatus: byStatus([0, 0, 1, 0, 1]), mediationSuccessRate: 0.5, petitionVisits: 3, householdHonours: 1 });
    expect(await stats(REGIONS.a, 2025)).toMatchObject({ disputes: 1, mediationSuccessRate: 0, petitionVisits: 1, admittedTasks: 0, admittedFunding: '0.00' });
  });

  it('adds communities up to the subdistrict and the district', async () => {
    // Subdistrict 001 = A + B. B: B0001 (1 floating, registered), B0002 (1 floating, departed), X0001 (1), X0002 (2).
    expect(await stats(REGIONS.sub1)).toMatchObject({
      population: 11, households: 7, floatingPopulation: 4, registeredFloatingPopulation: 3, registrationCoverage: 0.75,
      disputes: 4, disputesByStatus: byStatus([0, 1, 1, 1, 1]), petitionVisits: 4, escalatedPetitionVisits: 1,
      activeSupervisionFiles: 1, overdueSupervisionFiles: 0, admittedReportForms: 2,
    });
    // District = subdistrict 001 + C (C0001: 2 residents, an overdue file, a reported dispute, an escalated visit, an honour).
    expect(await stats(REGIONS.district)).toEqual({
      population: 13, households: 8, floatingPopulation: 4, registeredFloatingPopulation: 3, registrationCoverage: 0.75,
      disputes: 5, disputesByStatus: byStatus([1, 1, 1, 1, 1]), mediationSuccessRate: 0.3333,
      petitionVisits: 5, escalatedPetitionVisits: 2, activeSupervisionFiles: 2, overdueSupervisionFiles: 1,
      admittedTasks: 1, admittedReportForms: 2, admittedFunding: '5000.00',
      elderlyLivingAlone: 1, leftBehindChildren: 1, disabledResidents: 1, householdHonours: 3,
    });
    expect(await stats(REGIONS.c)).toMatchObject({ floatingPopulation: 0, registrationCoverage: null, mediationSuccessRate: null, overdueSupervisionFiles: 1 });
    // The existing counts agree with the statistics.
    const region = await h.gql(`{ region(code: "370703") { population householdCount } }`);
    expect(region.region).toEqual({ population: 13, householdCount: 8 });
  });

  it('reads statistics of many regions in one statement', async () => {
    const before = h.running.db.statements.count;
    const read = await h.gql(`{ districts { children { children { code communityStatistics { population petitionVisits } } } } }`);
    expect(read.districts[0].children.flatMap((s: Data) => s.children.map((c: Data) => [c.code, c.communityStatistics.population, c.communityStatistics.petitionVisits]))).toEqual([
      [REGIONS.a, 6, 4],
      [REGIONS.b, 5, 0],
      [REGIONS.c, 2, 1],
    ]);
    // districts, children of the district, children of the subdistricts, and one statistics statement for all communities.
    expect(h.running.db.statements.count - before).toBe(4);
  });
});

describe('batching', () => {
  it('reads governance fields of a page of households with a statement count that does not grow with the page', async () => {
    const document = `query($first: Int!) { households(regionCode: "370703", first: $first) { edges { node {
      honours { kind } hasCadreNearRelative cadreRelations { cadre { name } relative { name } } memberHistory { endReason }
      region { communityStatistics { population } governanceOrganisations { members { person { name } } } }
      members { person { tags { kind } floatingRegistrations { active region { name } } isCadreNearRelative cadrePositions { relatives { relative { name } } }
        supervisionFile { overdue lastFaceToFaceVisit visits { visitor { name } } responsibleCadre { name } }
        disputes { status parties { person { name } } sessions { date } region { code } } } } } } } }`;
    const count = async (first: number): Promise<number> => {
      const before = h.running.db.statements.count;
      const data = await h.gql(document, { first });
      expect(data.households.edges).toHaveLength(first);
      return h.running.db.statements.count - before;
    };
    const small = await count(2);
    const large = await count(6);
    expect(large).toBe(small);
  });

  it("reads a person's disputes with their party rows in one statement, whether the person has disputes or not", async () => {
    const page = await h.gql(`{ households(regionCode: "370703", first: 100) { edges { node { members { person { id disputes { id } } } } } } }`);
    const persons = page.households.edges.flatMap((e: Data) => e.node.members.map((m: Data) => m.person));
    const party = persons.find((p: Data) => p.disputes.length > 0);
    const none = persons.find((p: Data) => p.disputes.length === 0);
    expect(party && none).toBeTruthy();
    const count = async (id: string): Promise<number> => {
      const before = h.running.db.statements.count;
      await h.gql(`query($id: ID!) { person(id: $id) { disputes { status region { code } } } }`, { id });
      return h.running.db.statements.count - before;
    };
    expect(await count(party.id)).toBe(await count(none.id));
  });

  it("reads a person's supervision file with its visits in one statement, whether the person has one or not", async () => {
    const page = await h.gql(`{ households(regionCode: "370703", first: 100) { edges { node { members { person { id supervisionFile { id } } } } } } }`);
    const persons = page.households.edges.flatMap((e: Data) => e.node.members.map((m: Data) => m.person));
    const supervised = persons.find((p: Data) => p.supervisionFile !== null);
    const none = persons.find((p: Data) => p.supervisionFile === null);
    expect(supervised && none).toBeTruthy();
    const document = `query($id: ID!) { person(id: $id) { supervisionFile { overdue lastFaceToFaceVisit visits { date mode } } } }`;
    const count = async (id: string): Promise<{ statements: number; file: Data }> => {
      const before = h.running.db.statements.count;
      const data = await h.gql(document, { id });
      return { statements: h.running.db.statements.count - before, file: data.person.supervisionFile };
    };
    const withFile = await count(supervised.id);
    expect(withFile.file.visits.length).toBeGreaterThan(0);
    expect(withFile.statements).toBe((await count(none.id)).statements);
  });
});

describe('second-level relations come with their parents', () => {
  // Which persons of a page are parties, or cadres, must not change how many statements the page sends. The documents
  // stop short of the parties' and relatives' Person: reaching another person is a read of its own, whoever it is.
  const statementsFor = async (document: string, id: string): Promise<{ statements: number; data: Data }> => {
    const before = h.running.db.statements.count;
    const data = await h.gql(document, { id });
    return { statements: h.running.db.statements.count - before, data };
  };

  it("reads a person's disputes with all their parties and sessions in one statement, whether the person has disputes or not", async () => {
    const document = `query($id: ID!) { person(id: $id) { disputes { id parties { role } sessions { date mediator notes } } } }`;
    const party = await statementsFor(document, ids.father!);
    const none = await statementsFor(document, ids.elder!);
    const disputes = party.data.person.disputes as Data[];
    expect(disputes.some((d) => d.parties.length > 1 && d.sessions.length > 0)).toBe(true);
    expect(none.data.person.disputes).toEqual([]);
    expect(party.statements).toBe(none.statements);
  });

  it('gives the same parties and sessions rows as Prisma reads them, in the same order', async () => {
    const { prisma } = h.running.db;
    const loaders = createLoaders(h.running.db, TODAY);
    const disputes = await loaders.disputesByPartyPersonId.load(ids.father!);
    expect(disputes.length).toBeGreaterThan(0);
    for (const dispute of disputes) {
      expect(await loaders.partiesByDisputeId.load(dispute.id)).toEqual(
        await prisma.disputeParty.findMany({ where: { disputeId: dispute.id }, orderBy: [{ role: 'asc' }, { id: 'asc' }] }),
      );
      expect(await loaders.sessionsByDisputeId.load(dispute.id)).toEqual(
        await prisma.mediationSession.findMany({ where: { disputeId: dispute.id }, orderBy: [{ sessionDate: 'asc' }, { id: 'asc' }] }),
      );
    }
    expect(disputes.flatMap((d) => d.id)).toEqual(
      (await prisma.dispute.findMany({ where: { id: { in: disputes.map((d) => d.id) } }, orderBy: [{ reportedOn: 'desc' }, { id: 'desc' }] })).map((d) => d.id),
    );
  });

  it("reads a person's cadre terms with their declared relatives in one statement, whether the person is a cadre or not", async () => {
    const cadrePerson = await createPerson(h, '冯委员', '1970-02-02');
    await createHousehold(h, 'Y0001', REGIONS.b, 'LOCAL_HUKOU', cadrePerson, '2000-01-01');
    const term = (await ok(h, 'appointCadre', 'cadre', { regionCode: REGIONS.b, personId: cadrePerson, position: 'COMMITTEE_MEMBER', since: '2021-01-01' })).id as string;
    await ok(h, 'declareCadreRelative', 'cadreRelation', { cadreId: term, personId: ids.leaver, relation: 'SIBLING', declaredOn: '2021-01-05' });
    await ok(h, 'declareCadreRelative', 'cadreRelation', { cadreId: term, personId: ids.trader, relation: 'CHILD', declaredOn: '2021-01-05' });
    const document = `query($id: ID!) { person(id: $id) { cadrePositions { id relatives { relation declaredOn } } } }`;
    const cadre = await statementsFor(document, cadrePerson);
    const none = await statementsFor(document, ids.leaver!);
    expect(cadre.data.person.cadrePositions).toHaveLength(1);
    expect(cadre.data.person.cadrePositions[0].relatives).toHaveLength(2);
    expect(none.data.person.cadrePositions).toEqual([]);
    expect(cadre.statements).toBe(none.statements);

    // The rows are Prisma's, in the old loader's order.
    const { prisma } = h.running.db;
    const loaders = createLoaders(h.running.db, TODAY);
    expect(await loaders.cadresByPersonId.load(cadrePerson)).toEqual(await prisma.cadre.findMany({ where: { personId: cadrePerson }, orderBy: [{ startDate: 'desc' }, { id: 'asc' }] }));
    expect(await loaders.relativesByCadreId.load(term)).toEqual(await prisma.cadreRelative.findMany({ where: { cadreId: term }, orderBy: [{ declaredOn: 'asc' }, { id: 'asc' }] }));
  });
});

describe('query arguments and races', () => {
  const raw = async (document: string): Promise<Data> => {
    const response = await fetch(h.running.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await gatewayHeaders('community')) }, body: JSON.stringify({ query: document }) });
    return response.json();
  };

  it('answers bad arguments with BAD_USER_INPUT and unknown ids with null', async () => {
    const badCode = await raw(`{ disputes(regionCode: "37070") { totalCount } }`);
    expect(badCode.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    const badCursor = await raw(`{ petitionVisits(regionCode: "370703", after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(badCursor.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const badYear = await raw(`{ region(code: "370703") { communityStatistics(year: 20260) { population } } }`);
    expect(badYear.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
    const unknown = await h.gql(`{ dispute(id: "nope") { id } supervisionFile(id: "00000000-0000-4000-8000-000000000000") { id } cadre(id: "x") { id } workAdmission(id: "y") { id } }`);
    expect(unknown).toEqual({ dispute: null, supervisionFile: null, cadre: null, workAdmission: null });
  });

  it('keeps one head when two head changes of one household race', async () => {
    const a = await createPerson(h, '竞甲', '1970-01-01');
    const b = await createPerson(h, '竞乙', '1972-01-01', 'FEMALE');
    const c = await createPerson(h, '竞丙', '1995-01-01');
    const hh = await createHousehold(h, 'R0001', REGIONS.c, 'LOCAL_HUKOU', a, '2001-01-01');
    await ok(h, 'addHouseholdMember', 'household', { householdId: hh, personId: b, relation: 'SPOUSE', since: '2001-01-01' });
    await ok(h, 'addHouseholdMember', 'household', { householdId: hh, personId: c, relation: 'CHILD', since: '2001-01-01' });
    const change = (to: string) =>
      h.gql(`mutation($input: ChangeHouseholdHeadInput!) { changeHouseholdHead(input: $input) { household { head { id } } userErrors { code } } }`, {
        input: { householdId: hh, newHeadPersonId: to, formerHeadRelation: 'OTHER', effectiveDate: '2026-03-01' },
      });
    const results = await Promise.all([change(b), change(c)]);
    const succeeded = results.filter((r) => r.changeHouseholdHead.userErrors.length === 0);
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    const [row] = await h.sql<{ heads: string }>(`SELECT count(*)::text AS heads FROM community.household_membership WHERE household_id = $1 AND relation = 'HEAD' AND end_date IS NULL`, [hh]);
    expect(row!.heads).toBe('1');
    const [members] = await h.sql<{ n: string }>(`SELECT count(*)::text AS n FROM community.household_membership WHERE household_id = $1 AND end_date IS NULL`, [hh]);
    expect(members!.n).toBe('3');
  });
});

