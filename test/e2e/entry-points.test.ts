import { ALL_SCOPES } from '@hub/access';
import { callerHeaders } from '../support/access';
import { query } from '../support/database';
import { startTestHub, type TestHub } from '../support/hub';

/** The community entry points through the gateway, against what community's tables hold. */
describe('entry points through the gateway', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ households: 40 });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('region(code) returns the tree with its children and subtree counts', async () => {
    const [district] = await query<{ code: string; name: string }>(hub.database.url, "SELECT code, name FROM community.region WHERE level = 'DISTRICT' ORDER BY code LIMIT 1");
    const children = await query<{ code: string }>(hub.database.url, 'SELECT code FROM community.region WHERE parent_code = $1 ORDER BY code', [district!.code]);
    const [counts] = await query<{ households: string; persons: string }>(
      hub.database.url,
      `SELECT (SELECT count(*) FROM community.household WHERE region_code LIKE $1 || '%') AS households,
              (SELECT count(*) FROM community.household_membership m JOIN community.household h ON h.id = m.household_id
                WHERE m.end_date IS NULL AND h.region_code LIKE $1 || '%') AS persons`,
      [district!.code],
    );
    const result = await hub.query<{ region: { name: string; level: string; householdCount: number; population: number; children: { code: string; parent: { code: string } }[] } }>(
      'query ($code: String!) { region(code: $code) { name level householdCount population children { code parent { code } } } }',
      { code: district!.code },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.region).toEqual({
      name: district!.name,
      level: 'DISTRICT',
      householdCount: Number(counts!.households),
      population: Number(counts!.persons),
      children: children.map((c) => ({ code: c.code, parent: { code: district!.code } })),
    });
  });

  it('households(regionCode) pages through a subtree in household-number order without gaps or repeats', async () => {
    const all = await query<{ household_number: string }>(hub.database.url, "SELECT household_number FROM community.household WHERE region_code LIKE '370703%' ORDER BY household_number");
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { data?: { households: { totalCount: number; edges: { cursor: string; node: { householdNumber: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } =
        await hub.query('query ($after: String) { households(regionCode: "370703", first: 7, after: $after) { totalCount edges { cursor node { householdNumber } } pageInfo { hasNextPage endCursor } } }', { after });
      const connection = page.data!.households;
      expect(connection.totalCount).toBe(all.length);
      seen.push(...connection.edges.map((e) => e.node.householdNumber));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.map((h) => h.household_number));
  });

  it('person and personByIdNumber find the same resident; ID number and phone unmasked only with pii:read and a purpose', async () => {
    const [person] = await query<{ id: string; id_number: string; name: string; phone: string | null }>(hub.database.url, 'SELECT id, id_number, name, phone FROM community.person WHERE phone IS NOT NULL ORDER BY id LIMIT 1');
    const lowerX = person!.id_number.toLowerCase();
    const PERSON = 'query ($id: ID!, $number: String!) { byId: person(id: $id) { name idNumber phone } byNumber: personByIdNumber(idNumber: $number) { id } }';
    const variables = { id: person!.id, number: lowerX };
    const masked = {
      name: person!.name,
      idNumber: `${person!.id_number.slice(0, 6)}********${person!.id_number.slice(14)}`,
      phone: `${person!.phone!.slice(0, 3)}****${person!.phone!.slice(7)}`,
    };

    // Every scope and a purpose (the test hub's default caller): the values as held.
    const result = await hub.query<{ byId: { name: string; idNumber: string; phone: string }; byNumber: { id: string } }>(PERSON, variables);
    expect(result.errors).toBeUndefined();
    expect(result.data!.byId).toEqual({ name: person!.name, idNumber: person!.id_number, phone: person!.phone });
    expect(result.data!.byNumber).toEqual({ id: person!.id });

    // pii:read without a purpose, or a purpose without pii:read: masked, not an error.
    const withoutPii = ALL_SCOPES.filter((scope) => scope !== 'pii:read');
    for (const headers of [await callerHeaders({ purpose: null }), await callerHeaders({ scopes: withoutPii })]) {
      const answer = await hub.query<{ byId: { name: string; idNumber: string; phone: string }; byNumber: { id: string } }>(PERSON, variables, headers);
      expect(answer).toEqual({ data: { byId: masked, byNumber: { id: person!.id } } });
    }
  });

  it('answers null for unknown ids, not an error', async () => {
    const result = await hub.query(
      '{ household(id: "00000000-0000-4000-8000-000000000000") { id } person(id: "not-a-uuid") { id } region(code: "999999") { code } personByIdNumber(idNumber: "11010519491231002X") { id } }',
    );
    expect(result).toEqual({ data: { household: null, person: null, region: null, personByIdNumber: null } });
  });

  it('refuses a malformed ID number with BAD_USER_INPUT naming the field', async () => {
    const result = await hub.query('{ personByIdNumber(idNumber: "110105194912310021") { id } }');
    expect(result.data).toEqual({ personByIdNumber: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({ path: ['personByIdNumber'], extensions: { code: 'BAD_USER_INPUT', field: 'idNumber' } });
    expect(result.errors![0]!.message).toMatch(/check character/);
  });

  it('refuses a malformed region code and an oversized page with BAD_USER_INPUT', async () => {
    const badRegion = await hub.query('{ households(regionCode: "37x", first: 5) { totalCount } }');
    expect(badRegion.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'regionCode' } });
    const bigPage = await hub.query('{ households(regionCode: "370703", first: 1000) { totalCount } }');
    expect(bigPage.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
  });

  it('answers a syntax error with HTTP 400 and the parser message', async () => {
    const response = await fetch(hub.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await callerHeaders()) }, body: JSON.stringify({ query: '{ household(id: ' }) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ message: 'Syntax Error: Unexpected <EOF>.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  });

  it('reports health and readiness', async () => {
    const base = hub.gateway.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      supergraph: 'loaded',
      subgraphs: { community: 'up', 'civil-affairs': 'up', employment: 'up', safety: 'up' },
    });
  });
});
