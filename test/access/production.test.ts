import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALL_SCOPES, DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@hub/access';
import { SUBGRAPH_NAMES } from '@hub/database';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { callerHeaders, gatewayHeaders } from '../support/access';
import { startTestHub, type TestHub } from '../support/hub';
import { codes, postGraphQL, type GraphQLErrorBody } from './support';

const KEY_ID = 'hub-test-2026';

/**
 * Issue 3, production mode (NODE_ENV=production): caller tokens verified with a JWKS file (ES256),
 * gateway → subgraph tokens signed with an ES256 key pair; introspection off, no field suggestions,
 * no stack traces and no limit values in messages.
 */
describe('the hub in production mode', () => {
  let hub: TestHub;
  let directory: string;
  let callerKey: KeyLike;
  const savedEnv = { ...process.env };

  async function productionToken(scopes: readonly string[] = ALL_SCOPES): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ department: 'test', scopes: [...scopes], jurisdiction: ['370000'] })
      .setProtectedHeader({ alg: 'ES256', kid: KEY_ID, typ: 'JWT' })
      .setSubject('production-tester')
      .setIssuer(DEFAULT_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(callerKey);
  }

  const headers = async (scopes?: readonly string[]) => ({ authorization: `Bearer ${await productionToken(scopes)}`, 'x-purpose': encodeURIComponent('生产模式测试') });
  const ask = async (query: string, variables?: Record<string, unknown>) => postGraphQL(hub.gateway.url, { query, variables }, await headers());

  beforeAll(async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'hub-production-'));
    const gatewayPair = await generateKeyPair('ES256', { extractable: true });
    const callerPair = await generateKeyPair('ES256', { extractable: true });
    callerKey = callerPair.privateKey;
    const file = (name: string, text: string) => {
      const target = path.join(directory, name);
      writeFileSync(target, text, { mode: 0o600 });
      return target;
    };
    const jwks = { keys: [{ ...(await exportJWK(callerPair.publicKey)), kid: KEY_ID, alg: 'ES256', use: 'sig' }] };
    Object.assign(process.env, {
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      HUB_GATEWAY_PRIVATE_KEY_FILE: file('gateway-private.pem', await exportPKCS8(gatewayPair.privateKey)),
      HUB_GATEWAY_PUBLIC_KEY_FILE: file('gateway-public.pem', await exportSPKI(gatewayPair.publicKey)),
      HUB_JWKS_FILE: file('jwks.json', JSON.stringify(jwks)),
    });
    delete process.env.HUB_JWT_SECRET;
    delete process.env.HUB_GATEWAY_SECRET;
    try {
      hub = await startTestHub({ households: 10 });
    } finally {
      // Every key and the mode are read at start; the rest of the test process runs as before.
      process.env = savedEnv;
    }
  });
  afterAll(async () => {
    await hub?.stop();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('serves a caller whose ES256 token the JWKS file verifies, and refuses the development secret', async () => {
    const served = await ask('{ districts { code name } }');
    expect(served.status).toBe(200);
    expect(served.body).toEqual({ data: { districts: [{ code: '370703', name: '奎文区' }] } });

    const development = await postGraphQL(hub.gateway.url, { query: '{ districts { code } }' }, await callerHeaders());
    expect({ status: development.status, codes: codes(development.body) }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'] });
  });

  it('subgraphs accept only the ES256 gateway key: a token signed with the development gateway secret is 401', async () => {
    for (const subgraph of SUBGRAPH_NAMES) {
      const answer = await postGraphQL(hub.subgraphs[subgraph].url, { query: '{ _service { sdl } }' }, await gatewayHeaders(subgraph));
      expect({ subgraph, status: answer.status, data: answer.body.data }).toEqual({ subgraph, status: 401, data: undefined });
    }
  });

  it('refuses introspection (HTTP 400) while __typename still works', async () => {
    for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "Person") { fields { name } } }', '{ districts { code } __schema { types { name } } }']) {
      const answer = await ask(query);
      expect({ query, status: answer.status, data: answer.body.data, codes: codes(answer.body) }).toEqual({ query, status: 400, data: undefined, codes: ['GRAPHQL_VALIDATION_FAILED'] });
      expect(answer.body.errors![0]!.message).toMatch(/introspection/i);
    }
    expect((await ask('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  });

  it('suggests no field, argument, type or enum value names', async () => {
    const mistakes = [
      '{ district { code } }',
      '{ districts { cod } }',
      '{ region(cod: "370703") { code } }',
      '{ districts { ... on Regio { code } } }',
      '{ assistanceStandards(programme: URBAN_DIBA) { id } }',
    ];
    for (const query of mistakes) {
      const answer = await ask(query);
      expect(answer.status).toBe(400);
      expect(answer.body.errors!.length).toBeGreaterThan(0);
      for (const error of answer.body.errors!) expect(error.message).not.toMatch(/Did you mean/i);
    }
  });

  it('reveals no limit values: each limit is named, its number is not (HTTP 400)', async () => {
    let deep = 'code';
    for (let level = 0; level < 14; level += 1) deep = `parent { ${deep} }`;
    const overLimit: Record<string, { query: string; variables?: Record<string, unknown> }> = {
      depth: { query: `{ region(code: "370703") { ${deep} } }` },
      aliases: { query: `{ ${Array.from({ length: 21 }, (_, i) => `a${i}: districts { code }`).join(' ')} }` },
      directives: { query: `{ districts { ${'code @include(if: true) '.repeat(21)}} }` },
      cost: { query: '{ households(regionCode: "370703", first: 100) { edges { node { members { person { disputes { id parties { person { id disputes { id } } } } } } } } } }' },
      tokens: { query: `{ ${'__typename '.repeat(3001)}}` },
      first: { query: 'query Page($n: Int) { households(regionCode: "370703", first: $n) { totalCount } }', variables: { n: 101 } },
    };
    const messages: Record<string, string> = {};
    for (const [limit, body] of Object.entries(overLimit)) {
      const answer = await postGraphQL(hub.gateway.url, body, await headers());
      expect({ limit, status: answer.status, errors: answer.body.errors?.length }).toEqual({ limit, status: 400, errors: 1 });
      messages[limit] = answer.body.errors![0]!.message;
    }
    expect(messages).toEqual({
      depth: expect.stringMatching(/depth limit exceeded/i),
      aliases: expect.stringMatching(/aliases limit exceeded/i),
      directives: expect.stringMatching(/directives limit exceeded/i),
      cost: expect.stringMatching(/cost limit exceeded/i),
      tokens: expect.stringMatching(/too large/i),
      first: expect.stringMatching(/`first` is above the page size limit/),
    });
    for (const message of Object.values(messages)) expect(message).not.toMatch(/\d/);
  });

  it('sends no stack traces, whichever layer refuses (parse, validation, access, subgraph input check, token)', async () => {
    const errors: GraphQLErrorBody[] = [];
    const collect = (answer: { body: { errors?: GraphQLErrorBody[] } }) => errors.push(...(answer.body.errors ?? []));
    collect(await ask('{ districts { code '));
    collect(await ask('{ district { code } }'));
    collect(await ask('{ households(regionCode: "not-a-region") { totalCount } }'));
    collect(await ask('{ injuryRecords(regionCode: "370703", from: "2020-13-45", to: "2021-01-01") { totalCount } }'));
    collect(await postGraphQL(hub.gateway.url, { query: '{ region(code: "370703") { code } }' }, await headers([])));
    collect(await postGraphQL(hub.gateway.url, { query: '{ districts { code } }' }, { authorization: 'Bearer not.a.token' }));
    collect(await postGraphQL(hub.gateway.url, [{ query: '{ __typename }' }, { query: '{ __typename }' }], await headers()));
    expect(new Set(codes({ errors }))).toEqual(
      new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'FORBIDDEN', 'UNAUTHENTICATED', 'BAD_REQUEST']),
    );
    for (const error of errors) {
      expect(error.extensions?.stacktrace).toBeUndefined();
      expect(JSON.stringify(error)).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
    }
  });

  it('keeps the development token out of the playground page', async () => {
    // startTestHub forces the playground on; in production it must come without a minted token.
    const page = await (await fetch(hub.gateway.url.replace(/\/graphql$/, '/'))).text();
    expect(page).not.toMatch(/Bearer /);
  });
});
