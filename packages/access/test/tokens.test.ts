import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import {
  authenticateRequest,
  createTokenVerifier,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  DEVELOPMENT_JWT_SECRET,
  gatewayContext,
  devPlaygroundHeaders,
  mintDevToken,
  purposeFromHeaders,
  ROLE_NAMES,
  ROLES,
  roleScopeTable,
  tokenVerifierFromEnv,
} from '../src';

const SECRET = 'test-secret-of-at-least-thirty-two-characters';
const verify = createTokenVerifier({ secret: SECRET });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function rejection(promise: Promise<unknown>): Promise<{ code: unknown; status: unknown }> {
  try {
    await promise;
  } catch (error) {
    const extensions = (error as { extensions: { code: unknown; http?: { status: unknown } } }).extensions;
    return { code: extensions.code, status: extensions.http?.status };
  }
  throw new Error('expected a rejection');
}

describe('caller tokens', () => {
  it('mints a development token per demo role that verifies to its role scopes and region', async () => {
    for (const role of ROLE_NAMES) {
      const caller = await authenticateRequest(bearer(await mintDevToken(role, '370703001', { secret: SECRET })), verify);
      expect(caller.subject).toBe(`demo-${role}-370703001`);
      expect(caller.department).toBe(ROLES[role].department);
      expect([...caller.scopes].sort()).toEqual([...ROLES[role].scopes].sort());
      expect(caller.jurisdiction).toEqual(['370703001']);
    }
  });

  it('takes the request id the gateway assigned, else X-Request-Id, else a new one', async () => {
    expect((await authenticateRequest({ 'x-request-id': 'from-header' }, verify, 'assigned')).requestId).toBe('assigned');
    expect((await authenticateRequest({ 'x-request-id': 'from-header' }, verify)).requestId).toBe('from-header');
    const context = gatewayContext({ verify, requestIdOf: () => 'scope-id' });
    expect((await context({ req: { headers: {} } })).caller.requestId).toBe('scope-id');
  });

  it('treats a request without Authorization as anonymous', async () => {
    const caller = await authenticateRequest({}, verify);
    expect(caller.subject).toBeNull();
    expect(caller.scopes.size).toBe(0);
    expect(caller.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses expired, wrongly signed, malformed and non-bearer tokens with UNAUTHENTICATED 401', async () => {
    const expired = await mintDevToken('auditor', undefined, { secret: SECRET, ttlSeconds: -60 });
    const otherKey = await mintDevToken('auditor', undefined, { secret: 'another-secret-of-at-least-thirty-two-chars' });
    const wrongAudience = await mintDevToken('auditor', undefined, { secret: SECRET, audience: 'elsewhere' });
    const noJurisdiction = await new SignJWT({ department: 'x', scopes: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('s')
      .setIssuer(DEFAULT_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    for (const headers of [bearer(expired), bearer(otherKey), bearer(wrongAudience), bearer(noJurisdiction), bearer('not.a.jwt'), { authorization: 'Basic abc' }]) {
      expect(await rejection(authenticateRequest(headers, verify))).toEqual({ code: 'UNAUTHENTICATED', status: 401 });
    }
  });

  it('refuses an unsigned (alg none) token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const body = Buffer.from(JSON.stringify({ sub: 'x', department: 'd', scopes: ['audit:read'], jurisdiction: ['370703'], iss: DEFAULT_ISSUER, aud: DEFAULT_AUDIENCE, exp })).toString('base64url');
    expect(await rejection(authenticateRequest(bearer(`${header}.${body}.`), verify))).toEqual({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('verifies ES256 and RS256 tokens against a JWKS and refuses HS256 there', async () => {
    const es = await generateKeyPair('ES256');
    const rs = await generateKeyPair('RS256');
    const jwks = { keys: [{ ...(await exportJWK(es.publicKey)), kid: 'es', alg: 'ES256' }, { ...(await exportJWK(rs.publicKey)), kid: 'rs', alg: 'RS256' }] };
    const production = createTokenVerifier({ jwks });
    const claims = { department: 'civil-affairs', scopes: ['civil-affairs:read'], jurisdiction: ['370703'] };
    const sign = (alg: string, kid: string, key: Parameters<SignJWT['sign']>[0]) =>
      new SignJWT(claims).setProtectedHeader({ alg, kid }).setSubject('officer-1').setIssuer(DEFAULT_ISSUER).setAudience(DEFAULT_AUDIENCE).setExpirationTime('5m').sign(key);
    expect((await production(await sign('ES256', 'es', es.privateKey))).sub).toBe('officer-1');
    expect((await production(await sign('RS256', 'rs', rs.privateKey))).department).toBe('civil-affairs');
    const hs = await mintDevToken('auditor', undefined, { secret: SECRET });
    expect(await rejection(production(hs))).toEqual({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('configures from the environment and refuses a shared secret in production', async () => {
    const fromEnv = tokenVerifierFromEnv({ HUB_JWT_SECRET: SECRET });
    expect((await fromEnv(await mintDevToken('auditor', undefined, { secret: SECRET }))).department).toBe('audit');
    const development = tokenVerifierFromEnv({});
    expect((await development(await mintDevToken('auditor', undefined, { secret: DEVELOPMENT_JWT_SECRET }))).sub).toBe('demo-auditor-370703');
    expect(() => tokenVerifierFromEnv({ NODE_ENV: 'production' })).toThrow(/production/);
    expect(() => tokenVerifierFromEnv({ HUB_JWT_SECRET: SECRET, NODE_ENV: 'production' })).toThrow(/production/);
    expect(() => tokenVerifierFromEnv({ HUB_JWT_SECRET: 'short' })).toThrow(/32/);
  });

  it('fills the development playground headers with a working token and a purpose', async () => {
    const headers = await devPlaygroundHeaders(SECRET, 'grid-worker');
    const caller = await authenticateRequest({ authorization: headers.Authorization, 'x-purpose': headers['X-Purpose'] }, verify);
    expect(caller.jurisdiction).toEqual(['370703001001']);
    expect(caller.purpose).toBe('开发调试 (development)');
  });

  it('reads a percent-encoded X-Purpose and refuses an undecodable or overlong one', () => {
    expect(purposeFromHeaders({ 'x-purpose': encodeURIComponent('低保年度复核') })).toBe('低保年度复核');
    expect(purposeFromHeaders({ 'x-purpose': '  ' })).toBeNull();
    expect(() => purposeFromHeaders({ 'x-purpose': '%E4' })).toThrow(/percent-encoded/);
    expect(() => purposeFromHeaders({ 'x-purpose': 'x'.repeat(201) })).toThrow(/200/);
  });

  it('prints the role × scope table for the README', () => {
    const table = roleScopeTable();
    expect(table.split('\n')).toHaveLength(2 + ROLE_NAMES.length);
    const auditorRow = table.split('\n').find((row) => row.startsWith('| `auditor`'))!;
    expect(auditorRow.endsWith('| ✓ |')).toBe(true);
    expect(auditorRow.match(/✓/g)).toHaveLength(1);
  });
});
