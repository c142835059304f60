import { callerForRole, type Caller, type RoleName } from '@hub/access';
import { fullAccessCaller, gatewayHeaders, refusedSubgraphAuthorizations } from '../../../test/support/access';
import { createHousehold, createPerson, insertRegions, ok, REGIONS } from './fixture';
import { startHarness, type Answer, type Data, type Harness } from './support';

// Quarter Q2 2026 began on 1 April: a file whose last face-to-face visit was in February is overdue.
const TODAY = '2026-05-20';
const OTHER = { district: '370705', sub: '370705001', community: '370705001001' };
const PURPOSE = '社区走访核实 (access test)';
const GRID_B = '0b7d3c1e-1111-4aaa-8aaa-0000000000b2';

let h: Harness;
const f: Record<string, string> = {};
const id = (key: string): string => {
  const value = f[key];
  if (!value) throw new Error(`fixture ${key} missing`);
  return value;
};

let requests = 0;
/** A demo role's caller with a request id of its own, so that its audit row can be found. */
function as(role: RoleName, region?: string, purpose: string | null = PURPOSE): Caller {
  requests += 1;
  return callerForRole(role, region, purpose, `access-${role}-${requests}`);
}
const gridWorkerA = (purpose: string | null = PURPOSE) => as('grid-worker', REGIONS.a, purpose);

async function auditRows(caller: Caller): Promise<{ subject: string; department: string; purpose: string; categories: string[]; fields: string[]; person_ids: string[]; row: string }[]> {
  return h.sql(`SELECT subject, department, purpose, categories, fields, person_ids, a::text AS row FROM community.access_audit a WHERE request_id = $1`, [caller.requestId]);
}

/** The error at a path, or a failure naming the errors there were. */
function errorAt(answer: Answer, path: (string | number)[]): { message: string; extensions?: Record<string, unknown> } {
  const error = answer.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify(path));
  if (!error) throw new Error(`no error at ${path.join('.')}: ${JSON.stringify(answer.errors)}`);
  return error;
}

beforeAll(async () => {
  h = await startHarness('community_access', TODAY);
  await insertRegions(h);
  await h.sql(`INSERT INTO community.region (code, name, level, parent_code, rural) VALUES
    ('370705', '奎文区', 'DISTRICT', NULL, false), ('370705001', '东关街道', 'SUBDISTRICT', '370705', false), ('370705001001', '和平社区', 'COMMUNITY', '370705001', false)`);
  await h.sql(`INSERT INTO community.grid (id, region_code, name, worker_name, worker_phone) VALUES ($1, '370703001002', '第一网格', '周网格', '13800000001')`, [GRID_B]);
  f.gridA = (await h.sql<{ id: string }>(`SELECT id::text FROM community.grid WHERE region_code = $1`, [REGIONS.a]))[0]!.id;

  f.pA1 = await createPerson(h, '张建国', '1980-05-01');
  f.pA2 = await createPerson(h, '李秀英', '1982-07-09', 'FEMALE');
  f.pB = await createPerson(h, '陈商', '1985-08-08');
  f.pC = await createPerson(h, '顾硕', '1975-06-06');
  f.pX = await createPerson(h, '外区人', '1970-01-01');
  f.pU = await createPerson(h, '未落户', '1999-09-09');
  f.hA = await createHousehold(h, 'A0001', REGIONS.a, 'LOCAL_HUKOU', id('pA1'));
  await ok(h, 'addHouseholdMember', 'household', { householdId: id('hA'), personId: id('pA2'), relation: 'SPOUSE', since: '2010-01-01' });
  f.hB = await createHousehold(h, 'B0001', REGIONS.b, 'FLOATING', id('pB'));
  f.hC = await createHousehold(h, 'C0001', REGIONS.c, 'LOCAL_HUKOU', id('pC'));
  f.hX = await createHousehold(h, 'X0001', OTHER.community, 'LOCAL_HUKOU', id('pX'));

  f.cadreA = (await ok(h, 'appointCadre', 'cadre', { regionCode: REGIONS.a, name: '刘主任', position: 'DIRECTOR', since: '2020-01-01' })).id;
  f.cadreC = (await ok(h, 'appointCadre', 'cadre', { regionCode: REGIONS.c, name: '马书记', position: 'PARTY_SECRETARY', since: '2019-01-01' })).id;
  f.cadreX = (await ok(h, 'appointCadre', 'cadre', { regionCode: OTHER.community, name: '外区主任', position: 'DIRECTOR', since: '2019-01-01' })).id;
  // A cadre of another district declared pA2 a near relative: the conflict-of-interest flag counts it.
  await ok(h, 'declareCadreRelative', 'cadreRelation', { cadreId: id('cadreX'), personId: id('pA2'), relation: 'SIBLING', declaredOn: '2021-01-01' });
  f.tag = (await ok(h, 'addResidentTag', 'residentTag', { personId: id('pA1'), kind: 'DISABLED', since: '2020-01-01', note: '肢体残疾' })).id;
  f.floating = (await ok(h, 'registerFloatingResident', 'floatingRegistration', {
    personId: id('pB'), regionCode: REGIONS.b, originCode: '130102', reason: 'WORK', arrivalDate: '2025-03-01', residencePermitNumber: 'JZ370703-000123',
  })).id;

  f.fileA = (await ok(h, 'openSupervisionFile', 'supervisionFile', { personId: id('pA1'), regionCode: REGIONS.a, category: 'RELEASED_PRISONER', releaseDate: '2025-01-01', startDate: '2025-02-01', responsibleCadreId: id('cadreA') })).id;
  await ok(h, 'recordSupervisionVisit', 'supervisionVisit', { fileId: id('fileA'), date: '2026-02-10', mode: 'FACE_TO_FACE', cadreId: id('cadreA'), summary: '谈心: 就业意向', help: ['JOB_REFERRAL'] });
  f.visitA = (await ok(h, 'recordSupervisionVisit', 'supervisionVisit', { fileId: id('fileA'), date: '2026-04-10', mode: 'PHONE', cadreId: id('cadreA'), summary: '电话回访' })).id;
  f.fileC = (await ok(h, 'openSupervisionFile', 'supervisionFile', { personId: id('pC'), regionCode: REGIONS.c, category: 'RELEASED_FROM_REEDUCATION', releaseDate: '2024-01-01', startDate: '2024-01-10', responsibleCadreId: id('cadreC') })).id;
  await ok(h, 'recordSupervisionVisit', 'supervisionVisit', { fileId: id('fileC'), date: '2026-05-01', mode: 'FACE_TO_FACE', cadreId: id('cadreC'), summary: '面谈' });
  f.fileX = (await ok(h, 'openSupervisionFile', 'supervisionFile', { personId: id('pX'), regionCode: OTHER.community, category: 'RELEASED_PRISONER', releaseDate: '2024-01-01', startDate: '2024-01-10', responsibleCadreId: id('cadreX') })).id;

  f.disputeA = (await ok(h, 'reportDispute', 'dispute', { regionCode: REGIONS.a, category: 'NEIGHBOURS', source: 'PATROL', summary: '噪音', reportedOn: '2026-05-01', parties: [{ personId: id('pA1'), role: 'APPLICANT' }, { personId: id('pX'), role: 'RESPONDENT' }] })).id;
  f.disputeC = (await ok(h, 'reportDispute', 'dispute', { regionCode: REGIONS.c, category: 'DEBT', source: 'VISIT', summary: '欠款', reportedOn: '2026-05-02', parties: [{ personId: id('pC'), role: 'APPLICANT' }, { personId: id('pA1'), role: 'RESPONDENT' }] })).id;
  f.petitionC = (await ok(h, 'recordPetitionVisit', 'petitionVisit', { regionCode: REGIONS.c, date: '2026-05-03', visitorPersonId: id('pC'), subject: '物业费', receivingCadreId: id('cadreC') })).id;
  f.orgC = (await ok(h, 'createGovernanceOrganisation', 'governanceOrganisation', { regionCode: REGIONS.c, kind: 'PATROL_TEAM', name: '巡逻队', foundedOn: '2010-01-01' })).id;
  f.admissionC = (await ok(h, 'requestWorkAdmission', 'workAdmission', { regionCode: REGIONS.c, department: '区统计局', title: '报表', kind: 'REPORT_FORM', requestedOn: '2026-05-01' })).id;
  f.admissionA = (await ok(h, 'requestWorkAdmission', 'workAdmission', { regionCode: REGIONS.a, department: '区民政局', title: '走访', kind: 'TASK', requestedOn: '2026-05-01' })).id;
});

afterAll(async () => {
  await h?.stop();
});

const PERSON_VIEW = `query($id: ID!) { person(id: $id) { name idNumber phone tags { kind } supervisionFile { overdue } } }`;

describe('what each demo role sees of a resident (direct calls with the gateway token of each role)', () => {
  // role, masked ID number and phone, supervision file allowed, audit categories written
  const matrix: [RoleName, string | undefined, 'masked' | 'unmasked' | 'refused', boolean, string[]][] = [
    ['grid-worker', REGIONS.a, 'masked', false, ['DISABILITY']],
    ['civil-affairs-officer', undefined, 'unmasked', false, ['DISABILITY', 'PII']],
    ['employment-officer', undefined, 'unmasked', false, ['DISABILITY', 'PII']],
    ['safety-officer', undefined, 'masked', true, ['DISABILITY', 'SUPERVISION']],
    ['dashboard-viewer', undefined, 'refused', false, []],
    ['auditor', undefined, 'refused', false, []],
  ];

  it.each(matrix)('%s', async (role, region, personal, supervision, categories) => {
    const [person] = await h.sql<{ id_number: string; phone: string }>(`SELECT id_number, phone FROM community.person WHERE id = $1`, [id('pA1')]);
    const caller = as(role, region);
    const answer = await h.as(caller, PERSON_VIEW, { id: id('pA1') });
    if (personal === 'refused') {
      expect(answer.data!.person).toBeNull();
      expect(errorAt(answer, ['person']).extensions).toMatchObject({ code: 'FORBIDDEN' });
    } else {
      const view = answer.data!.person;
      expect(view.name).toBe('张建国');
      expect(view.tags).toEqual([{ kind: 'DISABLED' }]);
      if (personal === 'unmasked') {
        expect([view.idNumber, view.phone]).toEqual([person!.id_number, person!.phone]);
      } else {
        expect(view.idNumber).toBe(`${person!.id_number.slice(0, 6)}********${person!.id_number.slice(14)}`);
        expect(view.phone).toBe('139****5678');
      }
      if (supervision) {
        expect(view.supervisionFile).toEqual({ overdue: true });
      } else {
        expect(view.supervisionFile).toBeNull();
        expect(errorAt(answer, ['person', 'supervisionFile']).extensions).toMatchObject({ code: 'FORBIDDEN' });
      }
    }
    const rows = await auditRows(caller);
    if (categories.length === 0) {
      expect(rows).toEqual([]);
    } else {
      expect(rows).toHaveLength(1);
      expect(rows[0]!.categories).toEqual(categories);
      expect(rows[0]!.person_ids).toEqual([id('pA1')]);
      expect(rows[0]!).toMatchObject({ subject: caller.subject, department: caller.department, purpose: PURPOSE });
      // Never the values read.
      expect(rows[0]!.row).not.toContain(person!.id_number);
      expect(rows[0]!.row).not.toContain(person!.phone);
    }
  });
});

describe('personal data masked by @hubMasked', () => {
  it('stays masked for a pii:read holder without X-Purpose, and nothing is audited', async () => {
    const caller = as('civil-affairs-officer', undefined, null);
    const answer = await h.as(caller, `{ person(id: "${id('pB')}") { idNumber phone floatingRegistrations { residencePermitNumber } } }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.person.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(answer.data!.person.phone).toBe('139****5678');
    expect(answer.data!.person.floatingRegistrations).toEqual([{ residencePermitNumber: '***************' }]);
    expect(await auditRows(caller)).toEqual([]);
  });

  it('is unmasked with pii:read and a purpose, including the residence permit, with one audit row naming the fields and persons', async () => {
    const caller = as('civil-affairs-officer');
    const answer = await h.as(caller, `{ person(id: "${id('pB')}") { idNumber floatingRegistrations { residencePermitNumber } } }`);
    expect(answer.data!.person.floatingRegistrations).toEqual([{ residencePermitNumber: 'JZ370703-000123' }]);
    const [row] = await auditRows(caller);
    expect(row!.fields).toEqual(['FloatingRegistration.residencePermitNumber', 'Person.idNumber']);
    expect(row!.person_ids).toEqual([id('pB')]);
    expect(row!.row).not.toContain('JZ370703-000123');
  });

  it("masks the grid worker's phone for the grid worker and shows it to a pii:read holder, auditing no person", async () => {
    const withGrid = `{ household(id: "${id('hA')}") { members { person { idNumber } } } _entities(representations: [{ __typename: "Grid", id: "${id('gridA')}" }]) { ... on Grid { workerPhone } } }`;
    const masked = await h.as(gridWorkerA(), withGrid);
    expect(masked.data!._entities).toEqual([{ workerPhone: '138****0000' }]);
    const caller = as('civil-affairs-officer');
    const unmasked = await h.as(caller, withGrid);
    expect(unmasked.data!._entities).toEqual([{ workerPhone: '13800000000' }]);
    const [row] = await auditRows(caller);
    expect(row!.fields).toEqual(['Grid.workerPhone', 'Person.idNumber']);
    expect(row!.person_ids).toEqual([id('pA1'), id('pA2')].sort());
  });
});

describe('supervision of released persons (刑释解教人员帮教): supervision:read, X-Purpose and an audit row', () => {
  const fileQuery = `query($id: ID!) { person(id: $id) { name supervisionFile { id category overdue lastFaceToFaceVisit note responsibleCadre { name }
    visits { date mode summary help visitor { name } } } } }`;

  it('lets the safety officer read a file with a purpose and audits every supervision field read, with the person, never the values', async () => {
    const caller = as('safety-officer');
    const answer = await h.as(caller, fileQuery, { id: id('pA1') });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.person.supervisionFile).toEqual({
      id: id('fileA'),
      category: 'RELEASED_PRISONER',
      overdue: true,
      lastFaceToFaceVisit: '2026-02-10',
      note: null,
      responsibleCadre: { name: '刘主任' },
      visits: [
        { date: '2026-04-10', mode: 'PHONE', summary: '电话回访', help: [], visitor: { name: '刘主任' } },
        { date: '2026-02-10', mode: 'FACE_TO_FACE', summary: '谈心: 就业意向', help: ['JOB_REFERRAL'], visitor: { name: '刘主任' } },
      ],
    });
    const rows = await auditRows(caller);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.categories).toEqual(['SUPERVISION']);
    expect(rows[0]!.person_ids).toEqual([id('pA1')]);
    expect(rows[0]!.fields).toEqual(expect.arrayContaining(['Person.supervisionFile', 'SupervisionFile.overdue', 'SupervisionFile.visits', 'SupervisionVisit.summary', 'SupervisionVisit.help']));
    expect(rows[0]!.row).not.toContain('就业意向');
    expect(rows[0]!.row).not.toContain('电话回访');
  });

  it('refuses the safety officer without X-Purpose (FORBIDDEN naming the header), keeps the rest and audits nothing', async () => {
    const caller = as('safety-officer', undefined, null);
    const answer = await h.as(caller, fileQuery, { id: id('pA1') });
    expect(answer.data!.person).toEqual({ name: '张建国', supervisionFile: null });
    const error = errorAt(answer, ['person', 'supervisionFile']);
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(error.message).toContain('X-Purpose');
    expect(await auditRows(caller)).toEqual([]);
  });

  it.each([
    ['grid worker', () => gridWorkerA()],
    ['civil-affairs officer', () => as('civil-affairs-officer')],
  ])('refuses the %s every supervision entry point with FORBIDDEN while the rest of the answer stays', async (_name, callerOf) => {
    const caller = callerOf();
    const answer = await h.as(caller, `query($id: ID!, $file: ID!) {
      person(id: $id) { name supervisionFile { id } }
      supervisionFiles(regionCode: "${REGIONS.a}") { totalCount }
      supervisionFile(id: $file) { overdue }
      region(code: "${REGIONS.a}") { name communityStatistics { activeSupervisionFiles overdueSupervisionFiles } }
      _entities(representations: [{ __typename: "Person", id: $id }]) { ... on Person { name supervisionFile { overdue } } } }`, { id: id('pA1'), file: id('fileA') });
    expect(answer.data).toEqual({
      person: { name: '张建国', supervisionFile: null },
      supervisionFiles: null,
      supervisionFile: null,
      region: { name: '西南社区', communityStatistics: { activeSupervisionFiles: 1, overdueSupervisionFiles: 1 } },
      _entities: [{ name: '张建国', supervisionFile: null }],
    });
    for (const path of [['person', 'supervisionFile'], ['supervisionFiles'], ['supervisionFile'], ['_entities', 0, 'supervisionFile']]) {
      expect(errorAt(answer, path).extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(answer.errors).toHaveLength(4);
    expect(await auditRows(caller)).toEqual([]);
  });

  it('lists files of the safety officer\'s district only, overdue ones on request, auditing the list and its count', async () => {
    const caller = as('safety-officer');
    const list = `query($code: String!, $overdue: Boolean) { supervisionFiles(regionCode: $code, overdueOnly: $overdue) { totalCount edges { node { id overdue person { id } } } } }`;
    const all = await h.as(caller, list, { code: REGIONS.district });
    expect(all.data!.supervisionFiles.totalCount).toBe(2);
    expect(all.data!.supervisionFiles.edges.map((e: Data) => e.node.id).sort()).toEqual([id('fileA'), id('fileC')].sort());
    const [row] = await auditRows(caller);
    expect(row!.fields).toEqual(expect.arrayContaining(['Query.supervisionFiles', 'SupervisionFileConnection.totalCount', 'SupervisionFileEdge.node', 'SupervisionFile.person']));
    expect(row!.person_ids).toEqual([id('pA1'), id('pC')].sort());

    const overdue = await h.as(as('safety-officer'), list, { code: REGIONS.district, overdue: true });
    expect(overdue.data!.supervisionFiles.edges).toEqual([{ node: { id: id('fileA'), overdue: true, person: { id: id('pA1') } } }]);
    // Another district's file reads as unknown, and that district's list is FORBIDDEN.
    const other = await h.as(as('safety-officer'), `{ supervisionFile(id: "${id('fileX')}") { id } supervisionFiles(regionCode: "${OTHER.district}") { totalCount } }`);
    expect(other.data).toEqual({ supervisionFile: null, supervisionFiles: null });
    expect(errorAt(other, ['supervisionFiles']).extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('gives the dashboard viewer the aggregate counts (no person, no purpose needed, nothing audited) but no file', async () => {
    const caller = as('dashboard-viewer', undefined, null);
    const answer = await h.as(caller, `{ region(code: "${REGIONS.district}") { communityStatistics { activeSupervisionFiles overdueSupervisionFiles } } supervisionFiles(regionCode: "${REGIONS.district}") { totalCount } }`);
    expect(answer.data).toEqual({ region: { communityStatistics: { activeSupervisionFiles: 2, overdueSupervisionFiles: 1 } }, supervisionFiles: null });
    expect(errorAt(answer, ['supervisionFiles']).extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await auditRows(caller)).toEqual([]);
  });

  it('refuses supervision writes to callers without community:write and supervision:read, writing nothing', async () => {
    const input = { fileId: id('fileA'), date: '2026-05-19', mode: 'FACE_TO_FACE', cadreId: id('cadreA'), summary: '面谈' };
    const before = await h.fingerprint();
    for (const caller of [gridWorkerA(), as('safety-officer')]) {
      const answer = await h.as(caller, `mutation($input: RecordSupervisionVisitInput!) { recordSupervisionVisit(input: $input) { supervisionVisit { id } userErrors { code } } }`, { input });
      expect(answer.data).toBeNull();
      expect(errorAt(answer, ['recordSupervisionVisit']).extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
    const update = await h.as(gridWorkerA(), `mutation { updateSupervisionVisit(input: { id: "${id('visitA')}", summary: "改" }) { userErrors { code } } }`);
    expect(errorAt(update, ['updateSupervisionVisit']).extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await h.fingerprint()).toBe(before);
  });
});

describe('vulnerable-resident tags reveal disability: X-Purpose and a DISABILITY audit', () => {
  it('refuses tags without a purpose and keeps the rest; with one, audits the read', async () => {
    const without = gridWorkerA(null);
    const refused = await h.as(without, `{ person(id: "${id('pA1')}") { name tags { kind } } }`);
    expect(refused.data!.person).toEqual({ name: '张建国', tags: null });
    expect(errorAt(refused, ['person', 'tags']).message).toContain('X-Purpose');
    expect(await auditRows(without)).toEqual([]);

    const caller = gridWorkerA();
    const read = await h.as(caller, `{ person(id: "${id('pA1')}") { tags { kind note since } } }`);
    expect(read.data!.person.tags).toEqual([{ kind: 'DISABLED', note: '肢体残疾', since: '2020-01-01' }]);
    const [row] = await auditRows(caller);
    expect(row!.categories).toEqual(['DISABILITY']);
    expect(row!.fields).toEqual(['Person.tags', 'ResidentTag.kind', 'ResidentTag.note']);
    expect(row!.row).not.toContain('肢体残疾');
  });

  it('counts disabled residents for the dashboard viewer without a purpose', async () => {
    const answer = await h.as(as('dashboard-viewer', undefined, null), `{ region(code: "${REGIONS.district}") { communityStatistics { disabledResidents } } }`);
    expect(answer.data!.region.communityStatistics.disabledResidents).toBe(1);
  });
});

describe("civil-affairs' conflict-of-interest check (isCadreNearRelative through _entities)", () => {
  const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id isCadreNearRelative cadreRelations { id } } } }`;

  it('answers the approving officer (community:read, no purpose) for persons of the district, counting cadres of any community', async () => {
    const caller = as('civil-affairs-officer', undefined, null);
    const answer = await h.as(caller, entities, { r: [{ __typename: 'Person', id: id('pA2') }, { __typename: 'Person', id: id('pA1') }] });
    expect(answer.errors).toBeUndefined();
    // The declaring cadre serves another district: the flag counts it, the list of declarations shows only the jurisdiction's.
    expect(answer.data!._entities).toEqual([
      { id: id('pA2'), isCadreNearRelative: true, cadreRelations: [] },
      { id: id('pA1'), isCadreNearRelative: false, cadreRelations: [] },
    ]);
    expect(await auditRows(caller)).toEqual([]);
    const full = await h.as(fullAccessCaller(), entities, { r: [{ __typename: 'Person', id: id('pA2') }] });
    expect(full.data!._entities[0].cadreRelations).toHaveLength(1);
  });

  it('reads a person outside the caller\'s jurisdiction as unknown', async () => {
    const answer = await h.as(as('civil-affairs-officer', undefined, null), entities, { r: [{ __typename: 'Person', id: id('pX') }] });
    expect(answer.data!._entities).toEqual([null]);
  });
});

describe('region statistics: dashboard:read or community:read, aggregated inside the jurisdiction only', () => {
  const dashboard = `query($code: String!) { region(code: $code) { code name population householdCount children { code }
    communityStatistics { population households floatingPopulation disputes petitionVisits activeSupervisionFiles overdueSupervisionFiles admittedTasks admittedReportForms } } }`;

  it('gives the dashboard viewer every aggregate of its district and no person-level record', async () => {
    const caller = as('dashboard-viewer', undefined, null);
    const answer = await h.as(caller, dashboard, { code: REGIONS.district });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.region).toEqual({
      code: REGIONS.district,
      name: '寒亭区',
      population: 4,
      householdCount: 3,
      children: [{ code: REGIONS.sub1 }, { code: REGIONS.sub2 }],
      communityStatistics: { population: 4, households: 3, floatingPopulation: 1, disputes: 2, petitionVisits: 1, activeSupervisionFiles: 2, overdueSupervisionFiles: 1, admittedTasks: 0, admittedReportForms: 0 },
    });
    const districts = await h.as(as('dashboard-viewer', undefined, null), `{ districts { code } }`);
    expect(districts.data!.districts).toEqual([{ code: REGIONS.district }]);
    const personal = await h.as(as('dashboard-viewer', undefined, null), `query($id: ID!) { region(code: "${REGIONS.a}") { name cadres { name } grids { name } }
      person(id: $id) { name } households(regionCode: "${REGIONS.a}") { totalCount } }`, { id: id('pA1') });
    expect(personal.data).toBeNull();
    for (const path of [['region', 'cadres'], ['region', 'grids'], ['person'], ['households']]) {
      expect(errorAt(personal, path).extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
    const disputes = await h.as(as('dashboard-viewer', undefined, null), `{ disputes(regionCode: "${REGIONS.a}") { totalCount } }`);
    expect(errorAt(disputes, ['disputes']).extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it("narrows a wider region to the grid worker's own community, and hides regions wholly outside", async () => {
    const answer = await h.as(gridWorkerA(), dashboard, { code: REGIONS.district });
    expect(answer.data!.region).toEqual({
      code: REGIONS.district,
      name: '寒亭区',
      population: 2,
      householdCount: 1,
      children: [{ code: REGIONS.sub1 }],
      communityStatistics: { population: 2, households: 1, floatingPopulation: 0, disputes: 1, petitionVisits: 0, activeSupervisionFiles: 1, overdueSupervisionFiles: 1, admittedTasks: 0, admittedReportForms: 0 },
    });
    const tree = await h.as(gridWorkerA(), `{ districts { code children { code children { code } } } region(code: "${REGIONS.b}") { code } other: region(code: "${OTHER.district}") { code } }`);
    expect(tree.data).toEqual({ districts: [{ code: REGIONS.district, children: [{ code: REGIONS.sub1, children: [{ code: REGIONS.a }] }] }], region: null, other: null });
    const full = await h.gql(`{ districts { code } }`);
    expect(full.districts).toEqual([{ code: REGIONS.district }, { code: OTHER.district }]);
  });
});

describe('jurisdiction on every entry point (grid worker of community A; district officers of 370703)', () => {
  it('reads records of other communities as unknown by id, by ID number and through _entities', async () => {
    const [pB] = await h.sql<{ id_number: string }>(`SELECT id_number FROM community.person WHERE id = $1`, [id('pB')]);
    const caller = gridWorkerA();
    const answer = await h.as(caller, `query($pB: ID!, $pA: ID!, $hB: ID!, $hA: ID!, $n: String!) {
      person(id: $pB) { id } personByIdNumber(idNumber: $n) { id } household(id: $hB) { id } own: household(id: $hA) { id } ownPerson: person(id: $pA) { id }
      dispute(id: "${id('disputeC')}") { id } ownDispute: dispute(id: "${id('disputeA')}") { id } petitionVisit(id: "${id('petitionC')}") { id }
      governanceOrganisation(id: "${id('orgC')}") { id } cadre(id: "${id('cadreC')}") { id } ownCadre: cadre(id: "${id('cadreA')}") { id }
      workAdmission(id: "${id('admissionC')}") { id } ownAdmission: workAdmission(id: "${id('admissionA')}") { id }
      _entities(representations: [
        { __typename: "Person", id: $pB }, { __typename: "Household", id: $hB }, { __typename: "Region", code: "${REGIONS.b}" },
        { __typename: "Grid", id: "${GRID_B}" }, { __typename: "Person", id: $pA }, { __typename: "Household", id: $hA }, { __typename: "Region", code: "${REGIONS.sub1}" }
      ]) { __typename ... on Person { id } ... on Household { id } ... on Region { code } ... on Grid { id } } }`,
    { pB: id('pB'), pA: id('pA1'), hB: id('hB'), hA: id('hA'), n: pB!.id_number });
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({
      person: null,
      personByIdNumber: null,
      household: null,
      own: { id: id('hA') },
      ownPerson: { id: id('pA1') },
      dispute: null,
      ownDispute: { id: id('disputeA') },
      petitionVisit: null,
      governanceOrganisation: null,
      cadre: null,
      ownCadre: { id: id('cadreA') },
      workAdmission: null,
      ownAdmission: { id: id('admissionA') },
      _entities: [null, null, null, null, { __typename: 'Person', id: id('pA1') }, { __typename: 'Household', id: id('hA') }, { __typename: 'Region', code: REGIONS.sub1 }],
    });
  });

  it('narrows lists over a wider region and refuses lists over a region wholly outside (FORBIDDEN)', async () => {
    const lists = `query($code: String!) { households(regionCode: $code) { totalCount edges { node { id } } } disputes(regionCode: $code) { totalCount }
      petitionVisits(regionCode: $code) { totalCount } floatingRegistrations(regionCode: $code) { totalCount } workAdmissions(regionCode: $code) { totalCount } }`;
    const narrowed = await h.as(gridWorkerA(), lists, { code: REGIONS.district });
    expect(narrowed.data).toEqual({
      households: { totalCount: 1, edges: [{ node: { id: id('hA') } }] },
      disputes: { totalCount: 1 },
      petitionVisits: { totalCount: 0 },
      floatingRegistrations: { totalCount: 0 },
      workAdmissions: { totalCount: 1 },
    });
    const outside = await h.as(gridWorkerA(), `{ disputes(regionCode: "${REGIONS.c}") { totalCount } }`);
    expect(outside.data).toBeNull();
    expect(errorAt(outside, ['disputes']).extensions).toMatchObject({ code: 'FORBIDDEN', regionCode: REGIONS.c });
    const district = await h.as(as('civil-affairs-officer'), lists, { code: OTHER.district });
    expect(errorAt(district, ['households']).extensions).toMatchObject({ code: 'FORBIDDEN' });
    const own = await h.as(as('civil-affairs-officer'), lists, { code: REGIONS.district });
    expect(own.data!.households.totalCount).toBe(3);
    expect(own.data!.disputes.totalCount).toBe(2);
  });

  it('shows who a party from outside is, but nothing more about them, and filters a resident\'s records to the jurisdiction', async () => {
    const answer = await h.as(gridWorkerA(), `{ dispute(id: "${id('disputeA')}") { parties { role person { name household { id } disputes { id } cadrePositions { id } relationToHead } } } 
      person(id: "${id('pA1')}") { disputes { id } household { id } } }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.dispute.parties).toEqual([
      { role: 'APPLICANT', person: { name: '张建国', household: { id: id('hA') }, disputes: [{ id: id('disputeA') }], cadrePositions: [], relationToHead: 'HEAD' } },
      { role: 'RESPONDENT', person: { name: '外区人', household: null, disputes: null, cadrePositions: null, relationToHead: null } },
    ]);
    // pA1 is also a party to a dispute of community C, which the grid worker of A does not see.
    expect(answer.data!.person).toEqual({ disputes: [{ id: id('disputeA') }], household: { id: id('hA') } });
  });

  it('refuses mutations on records outside the jurisdiction (NOT_FOUND, as unknown) or in a community outside (FORBIDDEN), writing nothing', async () => {
    const before = await h.fingerprint();
    const caller = gridWorkerA();
    const run = (mutation: string, input: Record<string, unknown>) => {
      const inputType = `${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input`;
      return h.as(caller, `mutation($input: ${inputType}!) { ${mutation}(input: $input) { userErrors { field code message } } }`, { input });
    };
    const notFound: [string, Record<string, unknown>, string[]][] = [
      ['updatePerson', { id: id('pB'), phone: '13700000000' }, ['input', 'id']],
      ['updateHousehold', { id: id('hB'), address: '新地址' }, ['input', 'id']],
      ['addHouseholdMember', { householdId: id('hB'), personId: id('pU'), relation: 'OTHER', since: '2020-01-01' }, ['input', 'householdId']],
      ['moveHouseholdMember', { personId: id('pA2'), toHouseholdId: id('hB'), relation: 'OTHER', effectiveDate: '2026-05-01' }, ['input', 'toHouseholdId']],
      ['addResidentTag', { personId: id('pB'), kind: 'DISABLED', since: '2020-01-01' }, ['input', 'personId']],
      ['reportDispute', { regionCode: REGIONS.a, category: 'DEBT', source: 'PATROL', summary: '欠款', reportedOn: '2026-05-01', parties: [{ personId: id('pA1'), role: 'APPLICANT' }, { personId: id('pB'), role: 'RESPONDENT' }] }, ['input', 'parties', '1', 'personId']],
      ['transitionDispute', { disputeId: id('disputeC'), to: 'MEDIATING', date: '2026-05-10' }, ['input', 'disputeId']],
      ['recordPatrolLog', { organisationId: id('orgC'), date: '2026-05-01', patrollers: 2, route: '东区', findings: '无' }, ['input', 'organisationId']],
      ['declareCadreRelative', { cadreId: id('cadreC'), personId: id('pA1'), relation: 'SIBLING', declaredOn: '2026-05-01' }, ['input', 'cadreId']],
      ['decideWorkAdmission', { id: id('admissionC'), decision: 'REFUSED', date: '2026-05-10', decidedBy: '协调办', refusalReason: '重复' }, ['input', 'id']],
      ['recordFloatingDeparture', { id: id('floating'), departureDate: '2026-05-01' }, ['input', 'id']],
    ];
    for (const [mutation, input, field] of notFound) {
      const answer = await run(mutation, input);
      expect(answer.data![mutation].userErrors).toContainEqual(expect.objectContaining({ field, code: 'NOT_FOUND' }));
    }
    for (const [mutation, input] of [
      ['createHousehold', { householdNumber: 'B0099', regionCode: REGIONS.b, address: '乙', registrationType: 'LOCAL_HUKOU', headPersonId: id('pU'), since: '2020-01-01' }],
      ['reportDispute', { regionCode: REGIONS.c, category: 'DEBT', source: 'PATROL', summary: '欠款', reportedOn: '2026-05-01', parties: [{ personId: id('pA1'), role: 'APPLICANT' }, { personId: id('pA2'), role: 'RESPONDENT' }] }],
      ['requestWorkAdmission', { regionCode: REGIONS.b, department: '区统计局', title: '报表', kind: 'REPORT_FORM', requestedOn: '2026-05-01', idempotencyKey: 'forbidden-1' }],
    ] as const) {
      const answer = await run(mutation, input);
      expect(answer.data).toBeNull();
      expect(errorAt(answer, [mutation]).extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await h.fingerprint()).toBe(before);
  });

  it('places a resident registered nowhere yet in the caller\'s community, after which only that jurisdiction finds them', async () => {
    const person = `{ person(id: "${id('pU')}") { name } }`;
    expect((await h.as(fullAccessCaller(), person)).data!.person).toBeNull();
    const created = await h.as(gridWorkerA(), `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id head { name } } userErrors { code } } }`, {
      input: { householdNumber: 'A0099', regionCode: REGIONS.a, address: '甲', registrationType: 'LOCAL_HUKOU', headPersonId: id('pU'), since: '2020-01-01' },
    });
    expect(created.data!.createHousehold.userErrors).toEqual([]);
    expect(created.data!.createHousehold.household.head).toEqual({ name: '未落户' });
    expect((await h.as(gridWorkerA(), person)).data!.person).toEqual({ name: '未落户' });
    expect((await h.as(as('grid-worker', REGIONS.b), person)).data!.person).toBeNull();
  });

  it("does not replay another caller's idempotency key: CONFLICT, nothing written", async () => {
    const input = { regionCode: REGIONS.a, department: '区统计局', title: '月报', kind: 'REPORT_FORM', requestedOn: '2026-05-01', idempotencyKey: 'shared-key' };
    const mutation = `mutation($input: RequestWorkAdmissionInput!) { requestWorkAdmission(input: $input) { workAdmission { id } userErrors { field code } } }`;
    const first = await h.as(fullAccessCaller(), mutation, { input });
    expect(first.data!.requestWorkAdmission.userErrors).toEqual([]);
    const before = await h.fingerprint();
    const other = await h.as(gridWorkerA(), mutation, { input });
    expect(other.data!.requestWorkAdmission).toEqual({ workAdmission: null, userErrors: [{ field: ['input', 'idempotencyKey'], code: 'CONFLICT' }] });
    expect(await h.fingerprint()).toBe(before);
    const replay = await h.as(fullAccessCaller(), mutation, { input });
    expect(replay.data!.requestWorkAdmission.workAdmission).toEqual(first.data!.requestWorkAdmission.workAdmission);
  });
});

describe('communityAccessAudit: the audit trail for audit:read only', () => {
  const audit = `query($personId: ID, $subject: String, $first: Int, $beforeId: ID) { communityAccessAudit(personId: $personId, subject: $subject, first: $first, beforeId: $beforeId) {
    id occurredAt subject department purpose requestId subgraph categories fields personIds } }`;

  it("answers the auditor, newest first, filtered by person and subject, paged by id", async () => {
    const reader = as('safety-officer');
    await h.as(reader, `{ person(id: "${id('pC')}") { supervisionFile { overdue } } }`);
    const auditor = as('auditor', undefined, null);
    const byPerson = await h.as(auditor, audit, { personId: id('pC') });
    expect(byPerson.errors).toBeUndefined();
    const [latest] = byPerson.data!.communityAccessAudit as Data[];
    expect(latest).toMatchObject({
      subject: reader.subject,
      department: 'safety',
      purpose: PURPOSE,
      requestId: reader.requestId,
      subgraph: 'community',
      categories: ['SUPERVISION'],
      fields: ['Person.supervisionFile', 'SupervisionFile.overdue'],
      personIds: [id('pC')],
    });
    expect(new Date(latest.occurredAt).toString()).not.toBe('Invalid Date');
    for (const entry of byPerson.data!.communityAccessAudit as Data[]) expect(entry.personIds).toContain(id('pC'));

    const bySubject = (await h.as(as('auditor', undefined, null), audit, { subject: reader.subject, first: 100 })).data!.communityAccessAudit as Data[];
    expect(bySubject.length).toBeGreaterThan(1);
    expect(bySubject.every((e) => e.subject === reader.subject)).toBe(true);
    const ids = bySubject.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const page = (await h.as(as('auditor', undefined, null), audit, { subject: reader.subject, first: 1, beforeId: bySubject[0].id })).data!.communityAccessAudit;
    expect(page).toEqual([bySubject[1]]);
    // The auditor's own reads of the trail are not sensitive reads.
    expect(await auditRows(auditor)).toEqual([]);
  });

  it.each(['grid-worker', 'civil-affairs-officer', 'safety-officer', 'dashboard-viewer'] as RoleName[])('refuses the %s (FORBIDDEN)', async (role) => {
    const answer = await h.as(as(role, role === 'grid-worker' ? REGIONS.a : undefined), audit, {});
    expect(answer.data).toBeNull();
    expect(errorAt(answer, ['communityAccessAudit']).extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ beforeId: 'abc' }, 'beforeId'],
    [{ personId: 'not-a-person' }, 'personId'],
    [{ subject: ' ' }, 'subject'],
  ])('refuses bad arguments %j with BAD_USER_INPUT', async (variables, field) => {
    const answer = await h.as(as('auditor', undefined, null), audit, variables);
    expect(errorAt(answer, ['communityAccessAudit']).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('keeps the trail append-only in the database', async () => {
    await expect(h.sql(`UPDATE community.access_audit SET purpose = 'x'`)).rejects.toThrow(/append-only/);
    await expect(h.sql(`DELETE FROM community.access_audit`)).rejects.toThrow(/append-only/);
    await expect(h.sql(`TRUNCATE community.access_audit`)).rejects.toThrow(/append-only/);
  });
});

describe('only the gateway may call the subgraph (HTTP 401)', () => {
  const post = async (authorization: string | null, query: string) => {
    const response = await fetch(h.running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query, variables: { r: [{ __typename: 'Person', id: id('pA1') }] } }),
    });
    return { status: response.status, body: (await response.json()) as Answer };
  };
  const queries = {
    _service: '{ _service { sdl } }',
    _entities: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name } } }',
    field: '{ districts { code } }',
  };
  it('refuses anything but its own valid gateway token for _service, _entities and fields', async () => {
    for (const [who, headers] of Object.entries(await refusedSubgraphAuthorizations('community'))) {
      for (const query of Object.values(queries)) {
        const { status, body } = await post(headers.authorization ?? null, query);
        expect([who, status]).toEqual([who, 401]);
        expect(body.data).toBeUndefined();
        expect(body.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
      }
    }
  });

  it('answers the same calls with a valid gateway token', async () => {
    const { authorization } = await gatewayHeaders('community');
    for (const query of Object.values(queries)) expect((await post(authorization!, query)).status).toBe(200);
  });
});
