import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { auditTableSql, mintDevToken, productionFormatError, RateLimiter, type EdgeLimits } from '../src';
import { CALLER_SECRET, post, startTestHub, type GraphQLAnswer, type TestHub } from './support/hub';

const LIMITS: Partial<EdgeLimits> = { maxDepth: 2, maxAliases: 2, maxDirectives: 2, maxCost: 40, maxTokens: 60, maxFirst: 10 };

let database: TestDatabase;
let production: TestHub;
let development: TestHub;
let officerToken: string;

beforeAll(async () => {
  database = await createTestDatabase('access_edge');
  await query(database.url, `CREATE SCHEMA community; CREATE SCHEMA civil_affairs; ${auditTableSql('community')} ${auditTableSql('civil_affairs')}`);
  production = await startTestHub({ databaseUrl: database.url, production: true, limits: LIMITS });
  development = await startTestHub({ databaseUrl: database.url, limits: LIMITS, rateLimiter: new RateLimiter({ capacity: 6, refillPerSecond: 0.001 }) });
  officerToken = await mintDevToken('civil-affairs-officer', '370703', { secret: CALLER_SECRET });
});

afterAll(async () => {
  await production?.stop();
  await development?.stop();
  await database?.drop();
});

const ask = (hub: TestHub, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLAnswer> =>
  post(hub.gatewayUrl, body, { authorization: `Bearer ${officerToken}`, ...headers });

function expectClearRefusal(answer: GraphQLAnswer, code: string, message: RegExp) {
  expect(answer.status).toBe(400);
  expect(answer.body.errors![0]!.extensions!.code).toBe(code);
  expect(answer.body.errors![0]!.message).toMatch(message);
}

describe('edge limits (production mode)', () => {
  it('answers a query inside every limit', async () => {
    const answer = await ask(production, { query: '{ person(id: "p1") { name } }' });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ person: { name: '王秀兰' } });
  });

  it('refuses a query too deep, with too many aliases, directives or too costly: HTTP 400, no limit values', async () => {
    const deep = await ask(production, { query: '{ person(id: "p1") { supervision { overdue } } }' });
    expectClearRefusal(deep, 'GRAPHQL_VALIDATION_FAILED', /depth/i);
    const aliases = await ask(production, { query: '{ a: me b: me c: me }' });
    expectClearRefusal(aliases, 'GRAPHQL_VALIDATION_FAILED', /aliases/i);
    const directives = await ask(production, { query: '{ me @skip(if: false) person(id: "p1") @skip(if: false) { name @skip(if: false) } }' });
    expectClearRefusal(directives, 'GRAPHQL_VALIDATION_FAILED', /directives/i);
    const costly = await ask(production, { query: '{ people(regionCode: "370703", first: 10) { id name } }' });
    expectClearRefusal(costly, 'GRAPHQL_VALIDATION_FAILED', /cost/i);
    for (const answer of [deep, aliases, directives, costly]) expect(answer.body.errors![0]!.message).not.toMatch(/\d/);
  });

  it('refuses a document over the token limit and a syntax error with HTTP 400, never 500', async () => {
    const many = `{ ${Array.from({ length: 40 }, (_, i) => `f${i}: me`).join(' ')} }`;
    const tooLong = await ask(production, { query: many });
    expectClearRefusal(tooLong, 'GRAPHQL_PARSE_FAILED', /too large/);
    expect(tooLong.body.errors![0]!.message).not.toMatch(/\d/);
    expectClearRefusal(await ask(production, { query: '{ person(id: "p1") { name }' }), 'GRAPHQL_PARSE_FAILED', /Syntax Error/);
  });

  it('caps `first`, literal or variable', async () => {
    const literal = await ask(production, { query: '{ people(regionCode: "370703", first: 11) { name } }' });
    expectClearRefusal(literal, 'BAD_USER_INPUT', /first.*page size limit/);
    expect(literal.body.errors![0]!.message).not.toMatch(/\d/);
    expectClearRefusal(await ask(development, { query: '{ people(regionCode: "370703", first: 11) { name } }' }), 'BAD_USER_INPUT', /first.*at most 10/);
    expectClearRefusal(
      await ask(production, { query: 'query ($n: Int) { people(regionCode: "370703", first: $n) { name } }', variables: { n: 1000 } }),
      'BAD_USER_INPUT',
      /first/,
    );
    expect((await ask(production, { query: '{ people(regionCode: "370703", first: 10) { name } }' })).status).toBe(200);
  });

  it('refuses batched requests and requests without CSRF preflight', async () => {
    const batched = await ask(production, [{ query: '{ me }' }, { query: '{ me }' }]);
    expect(batched.status).toBe(400);
    const simpleGet = await fetch(`${production.gatewayUrl}?query=${encodeURIComponent('{ me }')}`, { headers: { authorization: `Bearer ${officerToken}` } });
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toMatch(/CSRF/);
    const textPlain = await fetch(production.gatewayUrl, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${officerToken}` }, body: '{"query":"{ me }"}' });
    expect(textPlain.status).toBe(400);
  });

  it('hides introspection, field suggestions and stack traces', async () => {
    const introspection = await ask(production, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.status).toBe(400);
    expect(introspection.body.errors![0]!.message).toMatch(/introspection/i);
    const typo = await ask(production, { query: '{ persn(id: "p1") { name } }' });
    expect(typo.status).toBe(400);
    expect(typo.body.errors![0]!.message).not.toMatch(/Did you mean/);
    const failing = await ask(production, { query: '{ people(regionCode: "370702") { name } }' });
    for (const answer of [introspection, typo, failing]) {
      for (const error of answer.body.errors ?? []) expect(error.extensions?.stacktrace).toBeUndefined();
    }
  });
});

describe('development mode', () => {
  it('shows stack traces, which production hides', async () => {
    const failing = await ask(development, { query: '{ people(regionCode: "370702") { name } }' });
    expect(failing.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(JSON.stringify(failing.body.errors)).toMatch(/stacktrace/);
  });

  it('allows introspection and suggestions (the playground needs them)', async () => {
    const introspection = await ask(development, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const typo = await ask(development, { query: '{ persn(id: "p1") { name } }' });
    expect(typo.body.errors![0]!.message).toMatch(/Did you mean "person"/);
  });

  it('limits the request rate per subject with HTTP 429 and Retry-After', async () => {
    const subject = (name: string) => mintDevToken('grid-worker', '370703001001', { secret: CALLER_SECRET, subject: name });
    const busy = { authorization: `Bearer ${await subject('busy-user')}` };
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await post(development.gatewayUrl, { query: '{ me }' }, busy)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
    const limited = await post(development.gatewayUrl, { query: '{ me }' }, busy);
    expect(limited.body.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const other = await post(development.gatewayUrl, { query: '{ me }' }, { authorization: `Bearer ${await subject('quiet-user')}` });
    expect(other.status).toBe(200);
  });
});

describe('productionFormatError', () => {
  it('hides the token limit value and internal error details, and keeps other errors', () => {
    expect(productionFormatError({ message: 'Syntax Error: Document contains more than 3000 tokens. Parsing aborted.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }).message).toBe(
      'Syntax Error: the document is too large.',
    );
    expect(productionFormatError({ message: 'connect ECONNREFUSED 10.0.0.5:5432', path: ['person'], extensions: { code: 'INTERNAL_SERVER_ERROR', exception: {} } })).toEqual({
      message: 'Internal server error',
      path: ['person'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    const forbidden = { message: 'Not authorised to read Person.incomeFen', extensions: { code: 'FORBIDDEN' } };
    expect(productionFormatError(forbidden)).toBe(forbidden);
  });
});
