import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { auditTableSql, mintDevToken, type RoleName } from '../src';
import { CALLER_SECRET, PERSONS, post, startTestHub, type GraphQLAnswer, type TestHub } from './support/hub';

const REGION: Record<RoleName, string> = {
  'grid-worker': '370703001001',
  'civil-affairs-officer': '370703',
  'employment-officer': '370703',
  'safety-officer': '370703',
  'dashboard-viewer': '370703',
  auditor: '370703',
};

const token = (role: RoleName, region = REGION[role]) => mintDevToken(role, region, { secret: CALLER_SECRET });
const PURPOSE = { 'x-purpose': encodeURIComponent('低保年度复核') };
const p1 = PERSONS[0]!;
const p3 = PERSONS[2]!;

let database: TestDatabase;
let hub: TestHub;

async function ask(role: RoleName | null, queryText: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = PURPOSE): Promise<GraphQLAnswer> {
  const auth: Record<string, string> = role ? { authorization: `Bearer ${await token(role)}` } : {};
  return post(hub.gatewayUrl, { query: queryText, variables }, { ...auth, ...headers });
}

function errorsAt(answer: GraphQLAnswer): Record<string, unknown> {
  return Object.fromEntries((answer.body.errors ?? []).map((e) => [(e.path ?? []).join('.'), e.extensions?.code]));
}

beforeAll(async () => {
  database = await createTestDatabase('access_gateway');
  await query(database.url, `CREATE SCHEMA community; CREATE SCHEMA civil_affairs; ${auditTableSql('community')} ${auditTableSql('civil_affairs')}`);
  hub = await startTestHub({ databaseUrl: database.url });
});

afterAll(async () => {
  await hub?.stop();
  await database?.drop();
});

const MATRIX = `query Matrix($id: ID!) {
  person(id: $id) { id name idNumber phone supervision { note overdue } enrolled incomeFen disabilityGrade }
  dibaoStats(regionCode: "370703") { enrolledPersons }
}`;

const MASKED_ID = '370703********4527';
const MASKED_PHONE = '138****2345';
const FILE = { note: '本季度已面谈', overdue: false };
type Expected = { person: Record<string, unknown> | null; stats: boolean; forbidden: string[] };
const base = { id: p1.id, name: p1.name };

const EXPECTED: Record<RoleName, Expected> = {
  'grid-worker': {
    person: { ...base, idNumber: MASKED_ID, phone: MASKED_PHONE, supervision: null, enrolled: true, incomeFen: null, disabilityGrade: 2 },
    stats: true,
    forbidden: ['person.supervision', 'person.incomeFen'],
  },
  'civil-affairs-officer': {
    person: { ...base, idNumber: p1.idNumber, phone: p1.phone, supervision: null, enrolled: true, incomeFen: 52000, disabilityGrade: 2 },
    stats: true,
    forbidden: ['person.supervision'],
  },
  'employment-officer': {
    person: { ...base, idNumber: p1.idNumber, phone: p1.phone, supervision: null, enrolled: true, incomeFen: null, disabilityGrade: 2 },
    stats: true,
    forbidden: ['person.supervision', 'person.incomeFen'],
  },
  'safety-officer': {
    person: { ...base, idNumber: MASKED_ID, phone: MASKED_PHONE, supervision: FILE, enrolled: null, incomeFen: null, disabilityGrade: null },
    stats: false,
    forbidden: ['person.enrolled', 'person.incomeFen', 'person.disabilityGrade', 'dibaoStats'],
  },
  'dashboard-viewer': { person: null, stats: true, forbidden: ['person'] },
  auditor: { person: null, stats: false, forbidden: ['person', 'dibaoStats'] },
};

describe('role × field matrix through the gateway', () => {
  it.each(Object.keys(EXPECTED) as RoleName[])('%s sees exactly its fields, masked or not', async (role) => {
    const expected = EXPECTED[role];
    const answer = await ask(role, MATRIX, { id: p1.id });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ person: expected.person, dibaoStats: expected.stats ? { enrolledPersons: 1 } : null });
    expect(errorsAt(answer)).toEqual(Object.fromEntries(expected.forbidden.map((path) => [path, 'FORBIDDEN'])));
  });

  it('masks for pii:read without X-Purpose and refuses audited categories without it', async () => {
    const answer = await ask('civil-affairs-officer', MATRIX, { id: p1.id }, {});
    expect(answer.body.data?.person).toMatchObject({ idNumber: MASKED_ID, phone: MASKED_PHONE, incomeFen: null, disabilityGrade: null, enrolled: true });
    expect(errorsAt(answer)).toEqual({ 'person.supervision': 'FORBIDDEN', 'person.incomeFen': 'FORBIDDEN', 'person.disabilityGrade': 'FORBIDDEN' });
    expect(answer.body.errors!.find((e) => e.path?.join('.') === 'person.incomeFen')!.message).toMatch(/X-Purpose/);
  });

  it('answers an anonymous caller with UNAUTHENTICATED nulls and a bad token with HTTP 401', async () => {
    const anonymous = await ask(null, '{ me person(id: "p1") { name } }');
    expect(anonymous.body.data).toEqual({ me: null, person: null });
    expect(errorsAt(anonymous)).toEqual({ me: 'UNAUTHENTICATED', person: 'UNAUTHENTICATED' });
    const bad = await post(hub.gatewayUrl, { query: '{ me }' }, { authorization: 'Bearer not-a-token' });
    expect(bad.status).toBe(401);
    expect(bad.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const expired = await post(hub.gatewayUrl, { query: '{ me }' }, { authorization: `Bearer ${await mintDevToken('auditor', undefined, { secret: CALLER_SECRET, ttlSeconds: -60 })}` });
    expect(expired.status).toBe(401);
  });

  it('keeps removals per caller: the same query text is planned separately for each role', async () => {
    const text = '{ person(id: "p1") { name incomeFen } }';
    const officer = await ask('civil-affairs-officer', text);
    hub.received['civil-affairs'].length = 0;
    const grid = await ask('grid-worker', text);
    expect(hub.received['civil-affairs']).toEqual([]);
    const officerAgain = await ask('civil-affairs-officer', text);
    expect(officer.body.data).toEqual({ person: { name: p1.name, incomeFen: 52000 } });
    expect(grid.body.data).toEqual({ person: { name: p1.name, incomeFen: null } });
    expect(officerAgain.body.data).toEqual(officer.body.data);
  });

  it('places nulls and errors through fragments, aliases, lists and @skip', async () => {
    const answer = await ask(
      'employment-officer',
      `query ($skip: Boolean!) {
        people(regionCode: "370703") { ...P  secret: incomeFen @skip(if: $skip) }
      }
      fragment P on Person { name income: incomeFen }`,
      { skip: true },
    );
    expect(answer.body.data).toEqual({ people: [{ name: p1.name, income: null }, { name: PERSONS[1]!.name, income: null }] });
    expect(errorsAt(answer)).toEqual({ 'people.0.income': 'FORBIDDEN', 'people.1.income': 'FORBIDDEN' });
  });

  it('refuses mutations without the subgraph write scope, before they reach the subgraph', async () => {
    hub.received.community.length = 0;
    const answer = await ask('employment-officer', 'mutation { renamePerson(id: "p1", name: "x") { name } }');
    expect(hub.received.community).toEqual([]);
    expect(answer.body.data).toEqual({ renamePerson: null });
    expect(errorsAt(answer)).toEqual({ renamePerson: 'FORBIDDEN' });
    const allowed = await ask('grid-worker', 'mutation { renamePerson(id: "p1", name: "王秀英") { name } }');
    expect(allowed.body.data).toEqual({ renamePerson: { name: '王秀英' } });
  });
});

describe('jurisdiction on every entry point', () => {
  it('hides persons of other regions by id, by ID number, by mutation, and refuses region lists outside', async () => {
    const byId = await ask('civil-affairs-officer', '{ person(id: "p3") { name enrolled } }');
    expect(byId.body.data).toEqual({ person: null });
    const byIdNumber = await ask('civil-affairs-officer', '{ personByIdNumber(idNumber: $n) { name } }'.replace('$n', JSON.stringify(p3.idNumber)));
    expect(byIdNumber.body.data).toEqual({ personByIdNumber: null });
    const grid = await ask('grid-worker', '{ person(id: "p2") { name } }');
    expect(grid.body.data).toEqual({ person: null });
    const list = await ask('civil-affairs-officer', '{ people(regionCode: "370702") { name } }');
    expect(list.body.data).toBeNull();
    expect(errorsAt(list)).toEqual({ people: 'FORBIDDEN' });
    const rename = await ask('grid-worker', 'mutation { renamePerson(id: "p3", name: "x") { name } }');
    expect(rename.body.data).toEqual({ renamePerson: null });
  });

  it('aggregates dashboards inside the jurisdiction only', async () => {
    const district370702 = await post(
      hub.gatewayUrl,
      { query: '{ wide: dibaoStats(regionCode: "3707") { enrolledPersons } }' },
      { authorization: `Bearer ${await mintDevToken('dashboard-viewer', '370702', { secret: CALLER_SECRET })}` },
    );
    expect(district370702.body.data).toEqual({ wide: { enrolledPersons: 1 } });
    const outside = await ask('dashboard-viewer', '{ dibaoStats(regionCode: "370702") { enrolledPersons } }');
    expect(errorsAt(outside)).toEqual({ dibaoStats: 'FORBIDDEN' });
  });
});

describe('audit', () => {
  const rows = () => query<{ subject: string; department: string; purpose: string; categories: string[]; fields: string[]; person_ids: string[]; subgraph: string }>(
    database.url,
    `SELECT subject, department, purpose, categories, fields, person_ids, subgraph FROM community.access_audit
     UNION ALL SELECT subject, department, purpose, categories, fields, person_ids, subgraph FROM civil_affairs.access_audit`,
  );

  it('writes a row per subgraph for unmasked and sensitive reads, none for masked ones, never values', async () => {
    const before = (await rows()).length;
    await ask('grid-worker', '{ person(id: "p1") { idNumber phone enrolled } }');
    expect((await rows()).length).toBe(before);

    const requestId = 'audit-test-request-1';
    await ask('civil-affairs-officer', '{ person(id: "p1") { idNumber phone incomeFen } }', {}, { ...PURPOSE, 'x-request-id': requestId });
    const written = await query<Record<string, unknown>>(database.url, `SELECT * FROM community.access_audit WHERE request_id = $1 UNION ALL SELECT * FROM civil_affairs.access_audit WHERE request_id = $1 ORDER BY subgraph`, [requestId]);
    expect(written.map(({ subject, department, purpose, categories, fields, person_ids, subgraph }) => ({ subject, department, purpose, categories, fields, person_ids, subgraph }))).toEqual([
      { subgraph: 'civil-affairs', subject: 'demo-civil-affairs-officer-370703', department: 'civil-affairs', purpose: '低保年度复核', categories: ['INCOME'], fields: ['Person.incomeFen'], person_ids: ['p1'] },
      { subgraph: 'community', subject: 'demo-civil-affairs-officer-370703', department: 'civil-affairs', purpose: '低保年度复核', categories: ['PII'], fields: ['Person.idNumber', 'Person.phone'], person_ids: ['p1'] },
    ]);
    const stored = JSON.stringify(written);
    for (const raw of [p1.idNumber, p1.phone, '52000']) expect(stored).not.toContain(raw);
  });

  it('audits supervision reads with the person id from the file', async () => {
    const requestId = 'audit-test-request-2';
    await ask('safety-officer', '{ person(id: "p1") { supervision { note } } }', {}, { ...PURPOSE, 'x-request-id': requestId });
    const [row] = await query<{ categories: string[]; fields: string[]; person_ids: string[] }>(database.url, 'SELECT categories, fields, person_ids FROM community.access_audit WHERE request_id = $1', [requestId]);
    expect(row).toEqual({ categories: ['SUPERVISION'], fields: ['SupervisionFile.note'], person_ids: ['p1'] });
  });

  it('is queryable with audit:read only', async () => {
    const auditor = await ask('auditor', '{ auditTrail(personId: "p1") { subject purpose fields } latest: auditTrail(personId: "p1") { id occurredAt categories personIds subgraph requestId department } }');
    const latest = (auditor.body.data!.latest as Record<string, unknown>[])[0]!;
    expect(latest).toMatchObject({ id: expect.stringMatching(/^\d+$/), personIds: ['p1'], department: expect.any(String) });
    expect(new Date(latest.occurredAt as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((auditor.body.data!.auditTrail as unknown[]).length).toBeGreaterThanOrEqual(3);
    expect(auditor.body.data!.auditTrail).toContainEqual({ subject: 'demo-safety-officer-370703', purpose: '低保年度复核', fields: ['SupervisionFile.note'] });
    const officer = await ask('civil-affairs-officer', '{ auditTrail(personId: "p1") { subject } }');
    expect(errorsAt(officer)).toEqual({ auditTrail: 'FORBIDDEN' });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the audit table', async () => {
    await expect(query(database.url, "UPDATE community.access_audit SET purpose = 'x'")).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(query(database.url, 'DELETE FROM community.access_audit')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(query(database.url, 'TRUNCATE community.access_audit')).rejects.toThrow(/append-only: TRUNCATE refused/);
    await expect(query(database.url, "INSERT INTO community.access_audit (subject, purpose, request_id, subgraph, categories, fields) VALUES ('s', ' ', 'r', 'g', '{PII}', '{f}')")).rejects.toThrow(/check/);
    expect((await rows()).length).toBeGreaterThan(0);
  });
});
