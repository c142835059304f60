import {
  ALL_SCOPES,
  callerForRole,
  createGatewayTokenSigner,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  DEVELOPMENT_GATEWAY_SECRET,
  DEVELOPMENT_JWT_SECRET,
  mintDevToken,
  type Caller,
  type RoleName,
} from '@hub/access';
import { SignJWT } from 'jose';

/** Provinces whose regions tests use (Shandong for the demo population, Fujian and Beijing for fixtures). */
export const TEST_JURISDICTION = ['370000', '350000', '110000'];

export interface TestCallerOptions {
  scopes?: readonly string[];
  jurisdiction?: readonly string[];
  subject?: string;
  department?: string;
  ttlSeconds?: number;
}

/** A caller token signed with the development secret; by default every scope over every test region. */
export async function testToken({ scopes = ALL_SCOPES, jurisdiction = TEST_JURISDICTION, subject = 'test-runner', department = 'test', ttlSeconds = 3600 }: TestCallerOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ department, scopes: [...scopes], jurisdiction: [...jurisdiction] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(DEFAULT_ISSUER)
    .setAudience(DEFAULT_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(new TextEncoder().encode(DEVELOPMENT_JWT_SECRET));
}

/** Headers a caller sends to the gateway: its bearer token and, for audited reads, a purpose. */
export async function callerHeaders(options: TestCallerOptions & { purpose?: string | null } = {}): Promise<Record<string, string>> {
  const { purpose = '测试 (automated test)', ...token } = options;
  return { authorization: `Bearer ${await testToken(token)}`, ...(purpose ? { 'x-purpose': encodeURIComponent(purpose) } : {}) };
}

/** Headers of a demo role's token, as `npm run token` mints it. */
export async function roleHeaders(role: RoleName, region?: string, purpose: string | null = null): Promise<Record<string, string>> {
  return {
    authorization: `Bearer ${await mintDevToken(role, region, { secret: DEVELOPMENT_JWT_SECRET })}`,
    ...(purpose ? { 'x-purpose': encodeURIComponent(purpose) } : {}),
  };
}

const signGatewayToken = createGatewayTokenSigner({ alg: 'HS256', secret: DEVELOPMENT_GATEWAY_SECRET });

/** Every scope over every test region, as a subgraph sees the caller in the gateway's token. */
export function fullAccessCaller(purpose: string | null = '测试 (automated test)'): Caller {
  return { subject: 'test-runner', department: 'test', scopes: new Set(ALL_SCOPES), jurisdiction: TEST_JURISDICTION.map((code) => code.slice(0, 2)), purpose, requestId: 'test-request' };
}

/** Headers the gateway would send to `subgraph` for this caller (tests that call a subgraph directly). */
export async function gatewayHeaders(subgraph: string, caller: Caller = fullAccessCaller()): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await signGatewayToken(caller, subgraph)}` };
}

/** Gateway headers for a demo role's caller. */
export async function roleGatewayHeaders(subgraph: string, role: RoleName, region?: string, purpose: string | null = null): Promise<Record<string, string>> {
  return gatewayHeaders(subgraph, callerForRole(role, region, purpose));
}

const forgedGatewaySigner = createGatewayTokenSigner({ alg: 'HS256', secret: 'a-forger-who-does-not-know-the-gateway-secret' });
const expiredGatewaySigner = createGatewayTokenSigner({ alg: 'HS256', secret: DEVELOPMENT_GATEWAY_SECRET }, -120);

/** Authorization headers `subgraph` must refuse with HTTP 401, by what is wrong with them (none: no header at all). */
export async function refusedSubgraphAuthorizations(subgraph: string, caller: Caller = fullAccessCaller()): Promise<Record<string, Record<string, string>>> {
  const otherSubgraph = subgraph === 'community' ? 'civil-affairs' : 'community';
  return {
    'no token': {},
    'a forged token (wrong secret)': { authorization: `Bearer ${await forgedGatewaySigner(caller, subgraph)}` },
    'an expired token': { authorization: `Bearer ${await expiredGatewaySigner(caller, subgraph)}` },
    [`a token for ${otherSubgraph} (wrong audience)`]: { authorization: `Bearer ${await signGatewayToken(caller, otherSubgraph)}` },
    "a caller's JWT instead of the gateway's": { authorization: `Bearer ${await testToken()}` },
    'another scheme': { authorization: `Basic ${Buffer.from('gateway:secret').toString('base64')}` },
  };
}
