import { ROLES, type RoleName } from '@hub/access';
import { SUBGRAPH_NAMES } from '@hub/database';
import { addDays, todayInChina } from '@hub/scalars';
import { Client } from 'pg';
import { changedTables, Fingerprinter } from '../ops/support/fuzz';
import { query as sql } from '../support/database';
import { roleGatewayHeaders, roleHeaders } from '../support/access';
import { startTestHub, type TestHub } from '../support/hub';
import { errorsAt, postGraphQL, type HttpAnswer } from './support';

const PURPOSE = '辖区核查 (jurisdiction test)';
const COMMUNITY_A = ROLES['grid-worker'].defaultRegion; // 370703001001, the grid worker's own community
const DISTRICT = '370703';
const OTHER_DISTRICT = '370702';

/** The callers who must not see community B: the grid worker of community A, and officers of another district. */
const OUTSIDERS: [string, RoleName, string | undefined][] = [
  ['grid worker of community A', 'grid-worker', undefined],
  ['civil-affairs officer of another district', 'civil-affairs-officer', OTHER_DISTRICT],
  ['employment officer of another district', 'employment-officer', OTHER_DISTRICT],
  ['safety officer of another district', 'safety-officer', OTHER_DISTRICT],
];

interface Target {
  personId: string;
  idNumber: string;
  householdId: string;
  region: string;
}

/**
 * Issue 3, jurisdiction: a caller sees records of its region's subtree only, whatever the entry point:
 * by id, by ID number, lists, another subgraph's entity reference, statistics and mutations.
 * Community B is another community of the same district; "another district" is 370702.
 */
describe('jurisdiction on every entry point', () => {
  let hub: TestHub;
  let inB: Target;
  let inA: Target;
  /** An injury case reported in community A about the resident of community B (safety's own record, in A). */
  let crossInjuryId: string;
  let injuryInB: string;

  const ask = async <T = Record<string, unknown>>(role: RoleName, region: string | undefined, query: string, variables: Record<string, unknown> = {}): Promise<HttpAnswer<T>> =>
    postGraphQL<T>(hub.gateway.url, { query, variables }, await roleHeaders(role, region, PURPOSE));

  async function mutateAsTestRunner(mutation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const answer = await hub.query<Record<string, Record<string, unknown> & { userErrors: unknown[] }>>(mutation, { input });
    expect(answer.errors).toBeUndefined();
    const payload = Object.values(answer.data!)[0]!;
    expect(payload.userErrors).toEqual([]);
    return payload;
  }

  const injuryInput = (regionCode: string, target: Target, severity: string, daysAgo: number) => ({
    personId: target.personId,
    householdId: target.householdId,
    regionCode,
    injuryDate: addDays(todayInChina(), -daysAgo),
    age: 40,
    sex: 'MALE',
    intent: 'UNINTENTIONAL',
    cause: 'FALL',
    place: 'HOME',
    activity: 'HOUSEWORK',
    nature: 'FRACTURE',
    bodyPart: 'LOWER_LIMB',
    severity,
    disposition: 'HOSPITALIZED',
    reportingUnitType: 'HOSPITAL',
    reportingUnitName: '测试医院',
  });

  beforeAll(async () => {
    hub = await startTestHub({ households: 30 });
    const pick = async (where: string, params: unknown[]): Promise<Target> => {
      const [row] = await sql<{ person_id: string; id_number: string; household_id: string; region_code: string }>(
        hub.database.url,
        `SELECT p.id::text AS person_id, p.id_number, h.id::text AS household_id, h.region_code
           FROM community.person p
           JOIN community.household_membership m ON m.person_id = p.id AND m.end_date IS NULL
           JOIN community.household h ON h.id = m.household_id
          WHERE ${where}
          ORDER BY p.id LIMIT 1`,
        params,
      );
      if (!row) throw new Error(`no resident matches ${where} ${params.join(', ')}`);
      return { personId: row.person_id, idNumber: row.id_number, householdId: row.household_id, region: row.region_code };
    };
    inA = await pick('h.region_code = $1', [COMMUNITY_A]);
    // Community B: another community of the grid worker's district, a household with a civil-affairs enrolment there.
    inB = await pick(`h.region_code LIKE $1 AND length(h.region_code) = 12 AND h.region_code <> $2 AND EXISTS (SELECT 1 FROM civil_affairs.enrolment e WHERE e.household_id = h.id)`, [
      `${DISTRICT}%`,
      COMMUNITY_A,
    ]);

    // What civil affairs and safety hold about the resident of B, in B: a disability certificate and an injury.
    await mutateAsTestRunner('mutation D($input: RecordDisabilityInput!) { recordDisability(input: $input) { userErrors { field message } } }', {
      personId: inB.personId,
      regionCode: inB.region,
      category: 'VISUAL',
      grade: 3,
      certificateNumber: `${inB.idNumber}13`,
      issuedDate: '2019-03-01',
    });
    const inBInjury = await mutateAsTestRunner('mutation I($input: RecordInjuryInput!) { recordInjury(input: $input) { injury { id } userErrors { field message } } }', injuryInput(inB.region, inB, 'SEVERE', 40));
    injuryInB = (inBInjury.injury as { id: string }).id;
    // The resident of B, injured in A: the case belongs to A; the person and household it points to do not.
    const cross = await mutateAsTestRunner('mutation I($input: RecordInjuryInput!) { recordInjury(input: $input) { injury { id } userErrors { field message } } }', injuryInput(COMMUNITY_A, inB, 'MILD', 30));
    crossInjuryId = (cross.injury as { id: string }).id;
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('everyone in the district sees community B (the control of the refusals below)', async () => {
    const answer = await ask('civil-affairs-officer', undefined, 'query T($p: ID!, $h: ID!, $n: String!) { person(id: $p) { id } household(id: $h) { id } personByIdNumber(idNumber: $n) { id } }', {
      p: inB.personId,
      h: inB.householdId,
      n: inB.idNumber,
    });
    expect(answer.body).toEqual({ data: { person: { id: inB.personId }, household: { id: inB.householdId }, personByIdNumber: { id: inB.personId } } });
  });

  it.each(OUTSIDERS)('the %s reads B’s person and household as unknown: by id, by ID number, and B’s region', async (_who, role, region) => {
    const answer = await ask(role, region, 'query T($p: ID!, $h: ID!, $n: String!, $r: String!) { person(id: $p) { id name } household(id: $h) { id householdNumber } personByIdNumber(idNumber: $n) { id } region(code: $r) { code name } }', {
      p: inB.personId,
      h: inB.householdId,
      n: inB.idNumber,
      r: inB.region,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { person: null, household: null, personByIdNumber: null, region: null } });
  });

  it('the grid worker of A still reads A by id and by ID number', async () => {
    const answer = await ask('grid-worker', undefined, 'query T($p: ID!, $h: ID!, $n: String!) { person(id: $p) { id } household(id: $h) { id } personByIdNumber(idNumber: $n) { id } }', {
      p: inA.personId,
      h: inA.householdId,
      n: inA.idNumber,
    });
    expect(answer.body).toEqual({ data: { person: { id: inA.personId }, household: { id: inA.householdId }, personByIdNumber: { id: inA.personId } } });
  });

  describe('lists and searches', () => {
    const from = () => addDays(todayInChina(), -365);
    const to = () => todayInChina();
    const listsOfB = (): [string, string, Record<string, unknown>][] => [
      ['households', 'query L($r: String!) { households(regionCode: $r) { totalCount } }', {}],
      ['disputes', 'query L($r: String!) { disputes(regionCode: $r) { totalCount } }', {}],
      ['floatingRegistrations', 'query L($r: String!) { floatingRegistrations(regionCode: $r) { totalCount } }', {}],
      ['dibaoApplications', 'query L($r: String!) { dibaoApplications(regionCode: $r) { totalCount } }', {}],
      ['microLoans', 'query L($r: String!) { microLoans(regionCode: $r) { totalCount } }', {}],
      ['injuryRecords', 'query L($r: String!, $from: Date!, $to: Date!) { injuryRecords(regionCode: $r, from: $from, to: $to) { totalCount } }', { from: from(), to: to() }],
    ];

    /** The scope each list needs: without it the refusal is for scope, with it for jurisdiction. */
    const LIST_SCOPE: Record<string, string> = {
      households: 'community:read',
      disputes: 'community:read',
      floatingRegistrations: 'community:read',
      dibaoApplications: 'civil-affairs:read',
      microLoans: 'employment:read',
      injuryRecords: 'safety:read',
    };

    it.each(OUTSIDERS)('the %s asking for B’s lists gets null with FORBIDDEN: for its jurisdiction where it holds the scope', async (_who, role, region) => {
      const scopes: readonly string[] = ROLES[role].scopes;
      const seen: Record<string, unknown> = {};
      const expected: Record<string, unknown> = {};
      for (const [name, query, variables] of listsOfB()) {
        const answer = await ask(role, region, query, { r: inB.region, ...variables });
        const [error] = errorsAt(answer.body, [name]);
        seen[name] = { data: answer.body.data, code: error?.extensions?.code, refusedFor: /jurisdiction/.test(error?.message ?? '') ? 'jurisdiction' : /requires scopes/.test(error?.message ?? '') ? 'scope' : error?.message };
        expected[name] = { data: null, code: 'FORBIDDEN', refusedFor: scopes.includes(LIST_SCOPE[name]!) ? 'jurisdiction' : 'scope' };
      }
      expect(seen).toEqual(expected);
    });

    it('a list over the whole district is narrowed to the grid worker’s community', async () => {
      const [{ count }] = (await sql<{ count: string }>(hub.database.url, 'SELECT count(*)::text AS count FROM community.household WHERE region_code = $1', [COMMUNITY_A])) as [{ count: string }];
      const answer = await ask<{ households: { totalCount: number; edges: { node: { id: string; region: { code: string } } }[] } }>(
        'grid-worker',
        undefined,
        `{ households(regionCode: "${DISTRICT}", first: 100) { totalCount edges { node { id region { code } } } } }`,
      );
      expect(answer.body.errors).toBeUndefined();
      const households = answer.body.data!.households;
      expect(households.totalCount).toBe(Number(count));
      expect(new Set(households.edges.map((e) => e.node.region.code))).toEqual(new Set([COMMUNITY_A]));
      expect(households.edges.map((e) => e.node.id)).not.toContain(inB.householdId);

      const injuries = await ask<{ injuryRecords: { edges: { node: { id: string } }[] } }>(
        'grid-worker',
        undefined,
        'query L($from: Date!, $to: Date!) { injuryRecords(regionCode: "370703", from: $from, to: $to, first: 100) { edges { node { id } } } }',
        { from: addDays(todayInChina(), -365), to: todayInChina() },
      );
      expect(injuries.body.errors).toBeUndefined();
      const ids = injuries.body.data!.injuryRecords.edges.map((e) => e.node.id);
      expect(ids).toContain(crossInjuryId);
      expect(ids).not.toContain(injuryInB);
    });
  });

  describe("through another subgraph's entity reference", () => {
    const CROSS_QUERY = `query X($from: Date!, $to: Date!) {
      injuryRecords(regionCode: "${COMMUNITY_A}", from: $from, to: $to, first: 100) {
        edges { node {
          id
          person { id name idNumber disabilityGrade disability { grade } employmentHistory { status } injuries { id } }
          household { id householdNumber receivesDibao injuries { id } }
        } }
      }
    }`;

    type CrossNode = { id: string; person: Record<string, unknown> | null; household: Record<string, unknown> | null };
    const crossNode = async (role: RoleName, query = CROSS_QUERY): Promise<CrossNode | undefined> => {
      const answer = await ask<{ injuryRecords: { edges: { node: CrossNode }[] } }>(role, undefined, query, { from: addDays(todayInChina(), -365), to: todayInChina() });
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      return answer.body.data!.injuryRecords.edges.map((e) => e.node).find((n) => n.id === crossInjuryId);
    };

    it('the case in A is listed, but B’s person and household behind it resolve to nothing (community’s __resolveReference)', async () => {
      // The district's safety officer (B is in the district) reaches B's resident through the case.
      const insider = await crossNode('safety-officer', CROSS_QUERY.replace(/disabilityGrade disability \{ grade \} employmentHistory \{ status \} /, '').replace(/receivesDibao /, ''));
      expect(insider!.person).toMatchObject({ id: inB.personId, idNumber: expect.stringMatching(/^\d{6}\*{8}/) });
      expect(insider!.household).toMatchObject({ id: inB.householdId });

      const outsider = await crossNode('grid-worker');
      expect(outsider).toBeDefined();
      expect(outsider!.person).toBeNull();
      expect(outsider!.household).toBeNull();
    });

    it('read from civil affairs, employment and safety only, B’s person and household give away none of B’s records', async () => {
      const query = `query X($from: Date!, $to: Date!) {
        injuryRecords(regionCode: "${COMMUNITY_A}", from: $from, to: $to, first: 100) {
          edges { node { id person { id disabilityGrade disability { grade } employmentHistory { status } injuries { id } } household { id receivesDibao zeroEmploymentFamily { current } injuries { id } } } }
        }
      }`;
      const variables = { from: addDays(todayInChina(), -365), to: todayInChina() };
      // What there is to see (every scope over every region): B's certificate, both injuries, B's own programmes.
      const everything = await hub.query<{ injuryRecords: { edges: { node: CrossNode }[] } }>(query, variables);
      const full = everything.data!.injuryRecords.edges.map((e) => e.node).find((n) => n.id === crossInjuryId)!;
      expect(full.person).toMatchObject({ id: inB.personId, disabilityGrade: 3, disability: { grade: 3 }, employmentHistory: expect.any(Array) });
      expect((full.person!.injuries as { id: string }[]).map((i) => i.id).sort()).toEqual([crossInjuryId, injuryInB].sort());
      expect(full.household).toMatchObject({ id: inB.householdId, receivesDibao: expect.any(Boolean) });

      // The grid worker of A: only the keys the case in A holds itself, and only the case in A among the injuries.
      const node = (await crossNode('grid-worker', query))!;
      expect(node.person).toEqual({ id: inB.personId, disabilityGrade: null, disability: null, employmentHistory: null, injuries: [{ id: crossInjuryId }] });
      expect(node.household).toEqual({ id: inB.householdId, receivesDibao: null, zeroEmploymentFamily: null, injuries: [{ id: crossInjuryId }] });
    });

    it('each subgraph’s _entities answers the grid worker’s gateway token with nothing of B', async () => {
      const selections: Record<string, string> = {
        community: '... on Person { id name idNumber } ... on Household { id householdNumber }',
        'civil-affairs': '... on Person { id disabilityGrade disability { grade } } ... on Household { id receivesDibao assistanceEnrolments { id } }',
        employment: '... on Person { id employmentHistory { status } } ... on Household { id zeroEmploymentFamily { current } }',
        safety: '... on Person { id injuries { id } } ... on Household { id injuries { id } }',
      };
      const seenOfB: Record<string, unknown> = {};
      for (const subgraph of SUBGRAPH_NAMES) {
        const headers = await roleGatewayHeaders(subgraph, 'grid-worker', undefined, PURPOSE);
        const answer = await postGraphQL<{ _entities: (Record<string, unknown> | null)[] }>(
          hub.subgraphs[subgraph].url,
          {
            query: `query E($r: [_Any!]!) { _entities(representations: $r) { __typename ${selections[subgraph]} } }`,
            variables: { r: [{ __typename: 'Person', id: inA.personId }, { __typename: 'Person', id: inB.personId }, { __typename: 'Household', id: inA.householdId }, { __typename: 'Household', id: inB.householdId }] },
          },
          headers,
        );
        expect({ subgraph, status: answer.status, errors: answer.body.errors }).toEqual({ subgraph, status: 200, errors: undefined });
        const [personA, personB, householdA, householdB] = answer.body.data!._entities;
        expect({ subgraph, personA: personA?.id, householdA: householdA?.id }).toEqual({ subgraph, personA: inA.personId, householdA: inA.householdId });
        seenOfB[subgraph] = { person: personB, household: householdB };
      }
      // Null where the subgraph holds B's resident in B; safety shows only its own case in A.
      expect(seenOfB).toEqual({
        community: { person: null, household: null },
        'civil-affairs': { person: null, household: null },
        employment: { person: null, household: null },
        safety: {
          person: { __typename: 'Person', id: inB.personId, injuries: [{ id: crossInjuryId }] },
          household: { __typename: 'Household', id: inB.householdId, injuries: [{ id: crossInjuryId }] },
        },
      });
    });
  });

  describe('statistics', () => {
    const STATISTICS = `query S($r: String!) { region(code: $r) {
      population householdCount
      communityStatistics { population households }
      civilAffairsStatistics { urbanDibaoHouseholds ruralDibaoHouseholds }
      employmentStatistics { workingAgePersons employed }
      safetyStatistics { injuries }
    } }`;

    it('the grid worker asking for the district gets the figures of its own community only', async () => {
      const narrowed = await ask<{ region: Record<string, unknown> }>('grid-worker', undefined, STATISTICS, { r: DISTRICT });
      expect(narrowed.body.errors).toBeUndefined();
      // The figures of community A as the district's civil-affairs officer sees them (A is inside the district).
      const ofA = await ask<{ region: Record<string, unknown> }>('civil-affairs-officer', undefined, STATISTICS.replace(/safetyStatistics \{ injuries \}/, ''), { r: COMMUNITY_A });
      const ofDistrict = await ask<{ region: Record<string, unknown> }>('civil-affairs-officer', undefined, STATISTICS.replace(/safetyStatistics \{ injuries \}/, ''), { r: DISTRICT });
      const { safetyStatistics, ...narrowedWithoutSafety } = narrowed.body.data!.region;
      expect(narrowedWithoutSafety).toEqual(ofA.body.data!.region);
      // The narrowing is real: the district as a whole counts more.
      expect((ofDistrict.body.data!.region.population as number) > (narrowed.body.data!.region.population as number)).toBe(true);
      const safetyOfA = await ask<{ region: Record<string, unknown> }>('safety-officer', undefined, 'query S($r: String!) { region(code: $r) { safetyStatistics { injuries } } }', { r: COMMUNITY_A });
      expect(safetyStatistics).toEqual(safetyOfA.body.data!.region.safetyStatistics);
    });

    it.each([
      ['dashboard viewer of another district', 'dashboard-viewer' as RoleName],
      ['civil-affairs officer of another district', 'civil-affairs-officer' as RoleName],
    ])('the %s gets no figures of this district and no district in the list', async (_who, role) => {
      const answer = await ask(role, OTHER_DISTRICT, STATISTICS.replace(/safetyStatistics \{ injuries \}|employmentStatistics \{[^}]*\}/g, ''), { r: DISTRICT });
      expect(answer.body).toEqual({ data: { region: null } });
      const districts = await ask(role, OTHER_DISTRICT, '{ districts { code } }');
      expect(districts.body).toEqual({ data: { districts: [] } });
    });
  });

  describe('mutations on records outside the jurisdiction', () => {
    let client: Client;
    let fingerprints: Fingerprinter;
    beforeAll(async () => {
      client = new Client({ connectionString: hub.database.url });
      await client.connect();
      fingerprints = new Fingerprinter(client);
      await fingerprints.prepare();
    });
    afterAll(async () => {
      await client?.end();
    });

    /** Writes aimed outside the caller's jurisdiction; inputs are built once the residents are picked. */
    const WRITES_OUTSIDE: [string, RoleName, string | undefined, string, () => Record<string, unknown>][] = [
      ['grid worker of A corrects B’s resident', 'grid-worker', undefined, 'mutation M($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id } userErrors { code message } } }', () => ({ id: inB.personId, phone: '13900000000' })],
      ['grid worker of A moves B’s household', 'grid-worker', undefined, 'mutation M($input: UpdateHouseholdInput!) { updateHousehold(input: $input) { household { id } userErrors { code message } } }', () => ({ id: inB.householdId, address: '篡改路1号' })],
      [
        'civil-affairs officer of another district records a disability in A',
        'civil-affairs-officer',
        OTHER_DISTRICT,
        'mutation M($input: RecordDisabilityInput!) { recordDisability(input: $input) { disabilityRecord { id } userErrors { code message } } }',
        () => ({ personId: inA.personId, regionCode: COMMUNITY_A, category: 'HEARING', grade: 4, certificateNumber: `${inA.idNumber}24`, issuedDate: '2021-01-01' }),
      ],
      [
        'employment officer of another district changes a status in A',
        'employment-officer',
        OTHER_DISTRICT,
        'mutation M($input: RecordEmploymentStatusInput!) { recordEmploymentStatus(input: $input) { userErrors { code message } } }',
        () => ({ personId: inA.personId, status: 'UNEMPLOYED', since: addDays(todayInChina(), -1) }),
      ],
      [
        'safety officer of another district reports an injury in A',
        'safety-officer',
        OTHER_DISTRICT,
        'mutation M($input: RecordInjuryInput!) { recordInjury(input: $input) { injury { id } userErrors { code message } } }',
        () => injuryInput(COMMUNITY_A, inA, 'MILD', 20),
      ],
    ];

    it('the same correction inside the jurisdiction goes through and shows in the fingerprint (the control)', async () => {
      const before = await fingerprints.take();
      const answer = await ask('grid-worker', undefined, 'mutation M($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id } userErrors { code message } } }', {
        input: { id: inA.personId, phone: '13900000001' },
      });
      expect(answer.body).toEqual({ data: { updatePerson: { person: { id: inA.personId }, userErrors: [] } } });
      expect(changedTables(before, await fingerprints.take())).toEqual(['community.person']);
    });

    it.each(WRITES_OUTSIDE)('%s: refused, nothing written', async (who, role, region, mutation, inputOf) => {
      const input = inputOf();
      const before = await fingerprints.take();
      const answer = await ask<Record<string, { userErrors?: { code: string; message: string }[] } | null>>(role, region, mutation, { input });
      expect(answer.status).toBe(200);
      const payload = answer.body.data ? Object.values(answer.body.data)[0] : null;
      // Refused as unknown (NOT_FOUND, as a read would be), or for the region: a userError or a FORBIDDEN error.
      const refusals = payload ? (payload.userErrors ?? []) : (answer.body.errors ?? []).map((e) => ({ code: e.extensions?.code as string, message: e.message }));
      expect({ who, refusals }).toEqual({
        who,
        refusals: [
          expect.objectContaining(refusals[0]?.code === 'NOT_FOUND' ? { code: 'NOT_FOUND' } : { code: 'FORBIDDEN', message: expect.stringMatching(/outside the caller's jurisdiction/) }),
        ],
      });
      expect({ who, changed: changedTables(before, await fingerprints.take()) }).toEqual({ who, changed: [] });
    });
  });
});
