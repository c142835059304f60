import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/database';
import { startGateway, type RunningGateway } from '../../gateway/src/server';
import { query as sql } from '../support/database';
import { callerHeaders, gatewayHeaders, refusedSubgraphAuthorizations } from '../support/access';
import { startTestHub, type TestHub } from '../support/hub';
import { codes, postGraphQL, refusedCallerTokens } from './support';

/** An ordinary entry point of each subgraph, for the direct calls. */
const ORDINARY_QUERY: Record<SubgraphName, string> = {
  community: '{ districts { code } }',
  'civil-affairs': '{ assistanceStandards(programme: URBAN_DIBAO) { id } }',
  employment: '{ selfManagementGroups(regionCode: "370703") { id } }',
  safety: '{ safetyProgrammes { id } }',
};

const ENTITIES = 'query Entities($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id } } }';

/**
 * Issue 3: subgraphs answer the gateway only; the edge refuses bad tokens, oversized or batched
 * operations, cross-site requests and bursts, each with a clear error and a 4xx status (never 500).
 */
describe('the edge of the hub and its subgraphs', () => {
  let hub: TestHub;
  let caller: Record<string, string>;
  let personId: string;
  beforeAll(async () => {
    hub = await startTestHub({ households: 10 });
    caller = await callerHeaders({ subject: 'edge-tester' });
    [{ id: personId }] = (await sql<{ id: string }>(hub.database.url, 'SELECT id::text FROM community.person ORDER BY id LIMIT 1')) as [{ id: string }];
  });
  afterAll(async () => {
    await hub?.stop();
  });

  describe('direct calls to a subgraph', () => {
    const operations = (): Record<string, { query: string; variables?: Record<string, unknown> }> => ({
      'an ordinary query': { query: '' },
      _service: { query: '{ _service { sdl } }' },
      _entities: { query: ENTITIES, variables: { representations: [{ __typename: 'Person', id: personId }] } },
    });

    it.each(SUBGRAPH_NAMES)('%s answers its gateway token (the control of the refusals below)', async (subgraph) => {
      const headers = await gatewayHeaders(subgraph);
      for (const [name, operation] of Object.entries(operations())) {
        const answer = await postGraphQL(hub.subgraphs[subgraph].url, { ...operation, query: operation.query || ORDINARY_QUERY[subgraph] }, headers);
        expect({ name, status: answer.status, errors: answer.body.errors }).toEqual({ name, status: 200, errors: undefined });
      }
    });

    it.each(SUBGRAPH_NAMES)('%s refuses anything but its own valid gateway token with HTTP 401, _service and _entities included', async (subgraph) => {
      const refused = await refusedSubgraphAuthorizations(subgraph);
      const outcomes: string[] = [];
      for (const [who, headers] of Object.entries(refused)) {
        for (const [name, operation] of Object.entries(operations())) {
          const answer = await postGraphQL(hub.subgraphs[subgraph].url, { ...operation, query: operation.query || ORDINARY_QUERY[subgraph] }, headers);
          outcomes.push(`${who} / ${name}: ${answer.status} ${codes(answer.body).join(',')} data=${JSON.stringify(answer.body.data)}`);
          expect(answer.headers.get('access-control-allow-origin')).toBeNull();
        }
      }
      expect(outcomes).toEqual(
        Object.keys(refused).flatMap((who) => Object.keys(operations()).map((name) => `${who} / ${name}: 401 UNAUTHENTICATED data=undefined`)),
      );
    });

    it('sends no CORS headers from a subgraph, even to a preflight', async () => {
      for (const subgraph of SUBGRAPH_NAMES) {
        const response = await fetch(hub.subgraphs[subgraph].url, {
          method: 'OPTIONS',
          headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
        });
        expect(response.headers.get('access-control-allow-origin')).toBeNull();
        expect(response.headers.get('access-control-allow-headers')).toBeNull();
      }
    });
  });

  describe('caller tokens at the gateway', () => {
    it('refuses a bad, expired, foreign, unsigned (alg none) or unending token with HTTP 401 UNAUTHENTICATED and no data', async () => {
      const refused = await refusedCallerTokens();
      const outcomes = [];
      for (const [what, token] of Object.entries(refused)) {
        const answer = await postGraphQL(hub.gateway.url, { query: '{ districts { code } }' }, { authorization: `Bearer ${token}` });
        outcomes.push({ what, status: answer.status, codes: codes(answer.body), data: answer.body.data, wwwAuthenticate: answer.headers.get('www-authenticate') });
      }
      expect(outcomes).toEqual(Object.keys(refused).map((what) => ({ what, status: 401, codes: ['UNAUTHENTICATED'], data: undefined, wwwAuthenticate: 'Bearer' })));
    });

    it('refuses another authorization scheme with 401, and serves an anonymous caller nothing but __typename', async () => {
      const basic = await postGraphQL(hub.gateway.url, { query: '{ districts { code } }' }, { authorization: 'Basic dXNlcjpwYXNz' });
      expect({ status: basic.status, codes: codes(basic.body) }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'] });

      const anonymous = await postGraphQL(hub.gateway.url, { query: '{ __typename region(code: "370703") { code } }' });
      expect(anonymous.status).toBe(200);
      expect(anonymous.body.data).toEqual({ __typename: 'Query', region: null });
      expect(anonymous.body.errors).toEqual([expect.objectContaining({ path: ['region'], extensions: expect.objectContaining({ code: 'UNAUTHENTICATED', field: 'Query.region' }) })]);
    });
  });

  describe('edge limits', () => {
    const nested = (levels: number): string => {
      let selection = 'code';
      for (let level = 0; level < levels; level += 1) selection = `parent { ${selection} }`;
      return `{ region(code: "370703001001") { ${selection} } }`;
    };

    it('serves what stays within every limit', async () => {
      const answer = await postGraphQL(
        hub.gateway.url,
        { query: `{ ${Array.from({ length: 19 }, (_, i) => `a${i}: districts { code }`).join(' ')} households(regionCode: "370703", first: 100) { totalCount } deep: ${nested(8).slice(2, -2)} }` },
        caller,
      );
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
    });

    const cases: [string, () => unknown, RegExp, string][] = [
      ['depth', () => ({ query: nested(14) }), /depth limit of 12 exceeded/, 'GRAPHQL_VALIDATION_FAILED'],
      ['aliases', () => ({ query: `{ ${Array.from({ length: 21 }, (_, i) => `a${i}: districts { code }`).join(' ')} }` }), /Aliases limit of 20 exceeded/, 'GRAPHQL_VALIDATION_FAILED'],
      ['directives', () => ({ query: `{ districts { ${'code @include(if: true) '.repeat(21)}} }` }), /Directives limit of 20 exceeded/, 'GRAPHQL_VALIDATION_FAILED'],
      [
        'cost',
        () => ({ query: '{ households(regionCode: "370703", first: 100) { edges { node { members { person { disputes { id parties { person { id disputes { id } } } } } } } } } }' }),
        /Cost limit of 20000 exceeded/i,
        'GRAPHQL_VALIDATION_FAILED',
      ],
      ['token count', () => ({ query: `{ ${'__typename '.repeat(3001)}}` }), /more th(?:at|an) 3000 tokens/, 'GRAPHQL_PARSE_FAILED'],
      ['syntax', () => ({ query: '{ districts { code ' }), /^Syntax Error: Expected Name, found <EOF>/, 'GRAPHQL_PARSE_FAILED'],
      ['`first` above 100', () => ({ query: '{ households(regionCode: "370703", first: 101) { totalCount } }' }), /`first` may be at most 100/, 'BAD_USER_INPUT'],
      [
        '`first` above 100 in a variable',
        () => ({ query: 'query Page($n: Int) { households(regionCode: "370703", first: $n) { totalCount } }', variables: { n: 1000 } }),
        /`first` may be at most 100/,
        'BAD_USER_INPUT',
      ],
      ['a batched request', () => [{ query: '{ districts { code } }' }, { query: '{ districts { code } }' }], /batching disabled/i, 'BAD_REQUEST'],
    ];

    it.each(cases)('refuses %s with HTTP 400 and a clear error', async (_name, body, message, code) => {
      const answer = await postGraphQL(hub.gateway.url, body(), caller);
      expect(answer.status).toBe(400);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors).toHaveLength(1);
      expect(answer.body.errors![0]!.message).toMatch(message);
      expect(answer.body.errors![0]!.extensions?.code).toBe(code);
    });

    it('refuses `first` above 100 inside a fragment spread', async () => {
      const answer = await postGraphQL(
        hub.gateway.url,
        { query: 'query { ...Page } fragment Page on Query { households(regionCode: "370703", first: 500) { totalCount } }' },
        caller,
      );
      expect({ status: answer.status, codes: codes(answer.body), message: answer.body.errors?.[0]?.message }).toEqual({
        status: 400,
        codes: ['BAD_USER_INPUT'],
        message: '`first` may be at most 100',
      });
    });

    it('refuses cross-site requests: a GET or a simple content type without a preflight header is HTTP 400', async () => {
      const url = `${hub.gateway.url}?query=${encodeURIComponent('{ districts { code } }')}`;
      const simpleRequests: [string, RequestInit][] = [
        ['GET without a preflight header', { method: 'GET', headers: caller }],
        ['POST text/plain', { method: 'POST', headers: { ...caller, 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ districts { code } }' }) }],
        ['POST form-urlencoded', { method: 'POST', headers: { ...caller, 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B%20districts%20%7B%20code%20%7D%20%7D' }],
        ['POST multipart', { method: 'POST', headers: { ...caller, 'content-type': 'multipart/form-data; boundary=x' }, body: '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ districts { code } }\r\n--x--\r\n' }],
      ];
      for (const [name, init] of simpleRequests) {
        const response = await fetch(name.startsWith('GET') ? url : hub.gateway.url, init);
        const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
        expect({ name, status: response.status, data: body.data }).toEqual({ name, status: 400, data: undefined });
        expect(body.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
      }
      // The same GET with a preflight-forcing header is served: the refusal is CSRF prevention, not GET.
      const preflighted = await fetch(url, { headers: { ...caller, 'apollo-require-preflight': '1' } });
      expect(preflighted.status).toBe(200);
      expect(await preflighted.json()).toEqual({ data: { districts: [{ code: '370703' }] } });
    });
  });

  describe('rate limit per subject', () => {
    let limited: RunningGateway;
    beforeAll(async () => {
      // A second gateway over the same subgraphs, with a burst of 3 and (practically) no refill.
      limited = await startGateway({
        port: 0,
        playground: false,
        handleSignals: false,
        rateLimit: { capacity: 3, refillPerSecond: 0.001 },
        subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, hub.subgraphs[name].url])),
      });
    });
    afterAll(async () => {
      await limited?.stop();
    });

    it('answers the fourth request of a subject in a burst with HTTP 429 RATE_LIMITED and Retry-After, other subjects unaffected', async () => {
      const busy = await callerHeaders({ subject: 'busy-caller' });
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await postGraphQL(limited.url, { query: '{ districts { code } }' }, busy)).status);
      expect(statuses).toEqual([200, 200, 200]);

      const refused = await postGraphQL(limited.url, { query: '{ districts { code } }' }, busy);
      expect(refused.status).toBe(429);
      expect(codes(refused.body)).toEqual(['RATE_LIMITED']);
      expect(refused.body.data).toBeUndefined();
      const retryAfter = refused.headers.get('retry-after');
      expect(retryAfter).toMatch(/^\d+$/);
      expect(Number(retryAfter)).toBeGreaterThan(0);

      // Another subject still has its own burst.
      const other = await postGraphQL(limited.url, { query: '{ districts { code } }' }, await callerHeaders({ subject: 'patient-caller' }));
      expect(other.status).toBe(200);
      expect(other.body.data).toEqual({ districts: [{ code: '370703' }] });
    });
  });
});
