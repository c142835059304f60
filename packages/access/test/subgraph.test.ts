import { exportPKCS8, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import {
  anonymousCaller,
  auditTableSql,
  createGatewayTokenSigner,
  createGatewayTokenVerifier,
  gatewayKeyFromEnv,
  GATEWAY_ISSUER,
  mintDevToken,
  type Caller,
} from '../src';
import { CALLER_SECRET, GATEWAY_KEY, post, startTestHub, type TestHub } from './support/hub';

let database: TestDatabase;
let hub: TestHub;

const sign = createGatewayTokenSigner(GATEWAY_KEY);
const officer: Caller = {
  subject: 'officer-1',
  department: 'civil-affairs',
  scopes: new Set(['civil-affairs:read', 'community:read']),
  jurisdiction: ['370703'],
  purpose: 'review',
  requestId: 'req-subgraph-1',
};

const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id enrolled } } }`;
const entities = (ids: string[]) => ({ query: ENTITIES, variables: { r: ids.map((id) => ({ __typename: 'Person', id })) } });

beforeAll(async () => {
  database = await createTestDatabase('access_subgraph');
  await query(database.url, `CREATE SCHEMA community; CREATE SCHEMA civil_affairs; ${auditTableSql('community')} ${auditTableSql('civil_affairs')}`);
  hub = await startTestHub({ databaseUrl: database.url });
});

afterAll(async () => {
  await hub?.stop();
  await database?.drop();
});

describe('subgraphs accept only the gateway', () => {
  it.each(['community', 'civil-affairs'] as const)('%s refuses queries, _service and _entities without a gateway token (401)', async (name) => {
    for (const body of [{ query: '{ __typename }' }, { query: '{ _service { sdl } }' }, entities(['p1'])]) {
      const answer = await post(hub.subgraphUrls[name], body);
      expect(answer.status).toBe(401);
      expect(answer.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
  });

  it('sends no CORS headers, not even to a preflight', async () => {
    const preflight = await fetch(hub.subgraphUrls.community, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(401);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await post(
      hub.subgraphUrls.community,
      { query: '{ __typename }' },
      { authorization: `Bearer ${await sign(officer, 'community')}`, origin: 'http://evil.example' },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a caller token, a forged, an expired and another subgraph’s gateway token', async () => {
    const url = hub.subgraphUrls['civil-affairs'];
    const forged = await createGatewayTokenSigner({ alg: 'HS256', secret: 'not-the-gateway-secret-but-32-chars-long' })(officer, 'civil-affairs');
    const expired = await createGatewayTokenSigner(GATEWAY_KEY, -30)(officer, 'civil-affairs');
    const otherAudience = await sign(officer, 'community');
    const now = Math.floor(Date.now() / 1000);
    const wrongIssuer = await new SignJWT({ scopes: [], jurisdiction: [], rid: 'r' })
      .setProtectedHeader({ alg: 'HS256', typ: 'hub-gateway+jwt' })
      .setIssuer('someone-else')
      .setAudience('civil-affairs')
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(new TextEncoder().encode(GATEWAY_KEY.alg === 'HS256' ? GATEWAY_KEY.secret : ''));
    const callerToken = await mintDevToken('civil-affairs-officer', '370703', { secret: CALLER_SECRET });
    for (const bad of [callerToken, forged, expired, otherAudience, wrongIssuer, 'garbage']) {
      const answer = await post(url, { query: '{ _service { sdl } }' }, { authorization: `Bearer ${bad}` });
      expect(answer.status).toBe(401);
    }
    const good = await post(url, { query: '{ _service { sdl } }' }, { authorization: `Bearer ${await sign(officer, 'civil-affairs')}` });
    expect(good.status).toBe(200);
    expect(good.body.data!._service).toBeTruthy();
  });
});

describe('directive enforcement inside a subgraph', () => {
  const asCaller = async (name: 'community' | 'civil-affairs', caller: Caller | undefined, body: unknown) =>
    post(hub.subgraphUrls[name], body, { authorization: `Bearer ${await sign(caller, name)}` });

  it('checks fields reached through _entities and applies jurisdiction in __resolveReference', async () => {
    const answer = await asCaller('civil-affairs', officer, entities(['p1', 'p3']));
    expect(answer.body.data).toEqual({ _entities: [{ id: 'p1', enrolled: true }, null] });
    const income = await asCaller('civil-affairs', officer, { query: ENTITIES.replace('enrolled', 'incomeFen'), variables: entities(['p1']).variables });
    expect(income.body.data).toEqual({ _entities: [{ id: 'p1', incomeFen: null }] });
    expect(income.body.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([[['_entities', 0, 'incomeFen'], 'FORBIDDEN']]);
  });

  it('refuses entity resolution for a token without a caller (the gateway’s own checks)', async () => {
    const answer = await asCaller('civil-affairs', undefined, entities(['p1']));
    expect(answer.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const anonymous = await asCaller('community', anonymousCaller('r'), { query: '{ person(id: "p1") { name } }' });
    expect(anonymous.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('masks personal data in the subgraph unless pii:read and a purpose', async () => {
    const q = { query: '{ person(id: "p1") { idNumber phone } }' };
    const masked = await asCaller('community', { ...officer, scopes: new Set(['community:read', 'pii:read']), purpose: null }, q);
    expect(masked.body.data).toEqual({ person: { idNumber: '370703********4527', phone: '138****2345' } });
    const unmasked = await asCaller('community', { ...officer, scopes: new Set(['community:read', 'pii:read']) }, q);
    expect(unmasked.body.data).toEqual({ person: { idNumber: '370703195803124527', phone: '13853612345' } });
  });

  it('guards a type-level rule on every field returning the type', async () => {
    const answer = await asCaller('community', officer, { query: '{ person(id: "p1") { name supervision { overdue } } }' });
    expect(answer.body.data).toEqual({ person: { name: '王秀兰', supervision: null } });
    expect(answer.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

describe('gateway tokens', () => {
  it('carry the caller to the subgraph it is signed for', async () => {
    const verify = createGatewayTokenVerifier(GATEWAY_KEY, 'employment');
    const caller = await verify(await sign(officer, 'employment'));
    expect({ ...caller, scopes: [...caller.scopes].sort() }).toEqual({ ...officer, scopes: ['civil-affairs:read', 'community:read'] });
    await expect(createGatewayTokenVerifier(GATEWAY_KEY, 'safety')(await sign(officer, 'employment'))).rejects.toThrow(/aud/);
  });

  it('are signed once per request and subgraph: the fetches of one request to one subgraph carry the same token', async () => {
    // ES256 signatures are randomised: equal tokens mean one signature, not two equal ones.
    const { privateKey } = await generateKeyPair('ES256');
    const signer = createGatewayTokenSigner({ alg: 'ES256', privateKey });
    const first = await signer(officer, 'employment');
    expect(await signer(officer, 'employment')).toBe(first);
    // Another subgraph, another request (a new Caller, even with the same claims): another token.
    expect(await signer(officer, 'safety')).not.toBe(first);
    expect(await signer({ ...officer }, 'employment')).not.toBe(first);
    // The gateway's own health checks carry no caller: nothing to share them by.
    expect(await signer(undefined, 'employment')).not.toBe(await signer(undefined, 'employment'));
  });

  it('carry a random execution id when signed for a gateway execution, and none otherwise', async () => {
    const verify = createGatewayTokenVerifier(GATEWAY_KEY, 'employment');
    const execution = {};
    const first = await verify(await sign(officer, 'employment', execution));
    expect(first.executionId).toMatch(/^[0-9a-f-]{36}$/);
    // The same execution's next fetch: the same id; another execution of the same caller: another id.
    expect((await verify(await sign(officer, 'employment', execution))).executionId).toBe(first.executionId);
    expect((await verify(await sign(officer, 'employment', {}))).executionId).not.toBe(first.executionId);
    expect((await verify(await sign(officer, 'employment'))).executionId).toBeUndefined();
  });

  it('are verified once, and a remembered token is still refused after its expiry', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-29T08:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const token = await createGatewayTokenSigner(GATEWAY_KEY, 10)(officer, 'employment');
      const verify = createGatewayTokenVerifier(GATEWAY_KEY, 'employment');
      const first = await verify(token);
      const again = await verify(token);
      expect(again).toEqual(first);
      // Each answer is the verifier's own copy: changing one changes no other.
      (again.scopes as Set<string>).add('safety:read');
      expect((await verify(token)).scopes.has('safety:read')).toBe(false);
      // Within the clock tolerance (5 s) after expiry it still counts, as jose would decide.
      jest.setSystemTime(new Date('2026-11-29T08:00:14Z'));
      expect((await verify(token)).subject).toBe('officer-1');
      jest.setSystemTime(new Date('2026-11-29T08:00:15Z'));
      await expect(verify(token)).rejects.toThrow(/exp/);
      await expect(createGatewayTokenVerifier(GATEWAY_KEY, 'employment')(token)).rejects.toThrow(/exp/);
      // A tampered copy of a remembered token is a different token: verified, and refused.
      await expect(verify(token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA'))).rejects.toThrow();
    } finally {
      jest.useRealTimers();
    }
  });

  it('use an ES256 key pair from files in production', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const dir = mkdtempSync(path.join(tmpdir(), 'hub-keys-'));
    writeFileSync(path.join(dir, 'private.pem'), await exportPKCS8(privateKey));
    writeFileSync(path.join(dir, 'public.pem'), await exportSPKI(publicKey));
    const gatewayKey = await gatewayKeyFromEnv({ NODE_ENV: 'production', HUB_GATEWAY_PRIVATE_KEY_FILE: path.join(dir, 'private.pem') });
    const subgraphKey = await gatewayKeyFromEnv({ NODE_ENV: 'production', HUB_GATEWAY_PUBLIC_KEY_FILE: path.join(dir, 'public.pem') });
    const token = await createGatewayTokenSigner(gatewayKey)(officer, 'safety');
    expect((await createGatewayTokenVerifier(subgraphKey, 'safety')(token)).subject).toBe('officer-1');
    expect(() => createGatewayTokenSigner(subgraphKey)).toThrow(/private key/);
    await expect(gatewayKeyFromEnv({ NODE_ENV: 'production', HUB_GATEWAY_SECRET: GATEWAY_ISSUER })).rejects.toThrow(/production/);
  });
});

describe('audit fails closed', () => {
  let bare: TestDatabase;
  let unaudited: TestHub;

  beforeAll(async () => {
    bare = await createTestDatabase('access_no_audit');
    unaudited = await startTestHub({ databaseUrl: bare.url });
  });

  afterAll(async () => {
    await unaudited?.stop();
    await bare?.drop();
  });

  it('withholds sensitive data when the audit row cannot be written, and serves masked data', async () => {
    const token = await mintDevToken('civil-affairs-officer', '370703', { secret: CALLER_SECRET });
    const headers = { authorization: `Bearer ${token}`, 'x-purpose': 'review' };
    const sensitive = await post(unaudited.gatewayUrl, { query: '{ person(id: "p1") { name idNumber } }' }, headers);
    expect(sensitive.body.data).toEqual({ person: null });
    expect(JSON.stringify(sensitive.body)).not.toContain('370703195803124527');
    expect(JSON.stringify(sensitive.body)).toContain('AUDIT_UNAVAILABLE');
    const masked = await post(unaudited.gatewayUrl, { query: '{ person(id: "p1") { name idNumber } }' }, { authorization: `Bearer ${token}` });
    expect(masked.body.data).toEqual({ person: { name: '王秀兰', idNumber: '370703********4527' } });
  });
});
