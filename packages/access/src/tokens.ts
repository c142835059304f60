/** Caller tokens: bearer JWTs verified with jose; development tokens for the demo roles. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, SignJWT, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { regionSubtreePrefix } from './jurisdiction';
import { anonymousCaller, ROLES, type Caller, type RoleName } from './scopes';

/** Issuer and audience of caller tokens unless configured otherwise. */
export const DEFAULT_ISSUER = 'household-hub';
export const DEFAULT_AUDIENCE = 'household-hub-gateway';
/** Development tokens live a working day. */
export const DEV_TOKEN_TTL_SECONDS = 8 * 3600;

/** The claims the hub reads from a caller token. */
export interface CallerClaims {
  sub: string;
  department: string;
  scopes: string[];
  jurisdiction: string[];
}

export type TokenVerifier = (token: string) => Promise<CallerClaims>;

export interface TokenVerifierOptions {
  /** HS256 shared secret (development). */
  secret?: string;
  /** RS256/ES256 public keys (production): a JWKS document or its URL. */
  jwks?: JSONWebKeySet | URL;
  issuer?: string;
  audience?: string;
  clockToleranceSeconds?: number;
}

/**
 * Sets Apollo Server's HTTP status and headers of an error. Set after construction: other packages
 * augment GraphQLErrorExtensions.http with a Record for headers, while Apollo Server iterates a Map.
 */
export function withHttp(error: GraphQLError, status: number, headers: Record<string, string> = {}): GraphQLError {
  (error.extensions as Record<string, unknown>).http = { status, headers: new Map(Object.entries(headers)) };
  return error;
}

/** A GraphQL error for a token that is present but not acceptable (HTTP 401). */
export function unauthenticated(message: string): GraphQLError {
  return withHttp(new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } }), 401, { 'www-authenticate': 'Bearer' });
}

/** Reads and checks the hub's claims; any missing or malformed claim refuses the whole token. */
export function parseCallerClaims(payload: JWTPayload): CallerClaims {
  const { sub, department, scopes, jurisdiction } = payload as Record<string, unknown>;
  if (typeof sub !== 'string' || sub.length === 0) throw new Error('claim sub is missing');
  if (typeof department !== 'string' || department.length === 0) throw new Error('claim department is missing');
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) throw new Error('claim scopes must be an array of strings');
  if (!Array.isArray(jurisdiction) || !jurisdiction.every((c) => typeof c === 'string' && regionSubtreePrefix(c) !== null)) {
    throw new Error('claim jurisdiction must be an array of region codes (province, city, district: 6 digits; subdistrict 9; community 12)');
  }
  return { sub, department, scopes: scopes as string[], jurisdiction: jurisdiction as string[] };
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  let key: Uint8Array | JWTVerifyGetKey;
  let algorithms: string[];
  if (options.jwks) {
    key = options.jwks instanceof URL ? createRemoteJWKSet(options.jwks) : createLocalJWKSet(options.jwks);
    algorithms = ['RS256', 'ES256'];
  } else if (options.secret) {
    if (options.secret.length < 32) throw new Error('HUB_JWT_SECRET must be at least 32 characters');
    key = new TextEncoder().encode(options.secret);
    algorithms = ['HS256'];
  } else {
    throw new Error('no token verification key: set HUB_JWT_SECRET (development) or HUB_JWKS_FILE / HUB_JWKS_URL');
  }
  const verifyOptions = {
    algorithms,
    issuer: options.issuer ?? DEFAULT_ISSUER,
    audience: options.audience ?? DEFAULT_AUDIENCE,
    clockTolerance: options.clockToleranceSeconds ?? 5,
    requiredClaims: ['exp', 'sub'],
  };
  return async (token) => {
    try {
      // Overloads of jwtVerify differ by key kind only.
      const { payload } = typeof key === 'function' ? await jwtVerify(token, key, verifyOptions) : await jwtVerify(token, key, verifyOptions);
      return parseCallerClaims(payload);
    } catch (error) {
      throw unauthenticated(`Invalid bearer token: ${(error as Error).message}`);
    }
  };
}

/**
 * The well-known development secret, so that `npm start` and `npm run token` agree without setup.
 * Public by design: it is refused when NODE_ENV=production.
 */
export const DEVELOPMENT_JWT_SECRET = 'household-hub-development-only-caller-secret';

/** HUB_JWT_SECRET, else the development secret; never a shared secret in production. */
export function devJwtSecretFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NODE_ENV === 'production') throw new Error('production requires HUB_JWKS_URL or HUB_JWKS_FILE (a shared HS256 secret is for development)');
  return env.HUB_JWT_SECRET || DEVELOPMENT_JWT_SECRET;
}

/** HUB_JWKS_URL or HUB_JWKS_FILE (production) win over HUB_JWT_SECRET (development). */
export function tokenVerifierFromEnv(env: NodeJS.ProcessEnv = process.env): TokenVerifier {
  const common = { issuer: env.HUB_JWT_ISSUER, audience: env.HUB_JWT_AUDIENCE };
  if (env.HUB_JWKS_URL) return createTokenVerifier({ ...common, jwks: new URL(env.HUB_JWKS_URL) });
  if (env.HUB_JWKS_FILE) return createTokenVerifier({ ...common, jwks: JSON.parse(readFileSync(env.HUB_JWKS_FILE, 'utf8')) as JSONWebKeySet });
  return createTokenVerifier({ ...common, secret: devJwtSecretFromEnv(env) });
}

/** Header lookup that works for Node's IncomingHttpHeaders, Apollo's HeaderMap and fetch Headers. */
export type HeaderSource = { get(name: string): string | null | undefined } | Record<string, string | string[] | undefined>;

export function headerValue(headers: HeaderSource, name: string): string | undefined {
  const value = typeof headers.get === 'function' ? (headers as { get(name: string): string | null | undefined }).get(name) : (headers as Record<string, string | string[] | undefined>)[name.toLowerCase()];
  if (Array.isArray(value)) return value[0];
  return value ?? undefined;
}

export const PURPOSE_HEADER = 'x-purpose';
export const REQUEST_ID_HEADER = 'x-request-id';
const MAX_PURPOSE_LENGTH = 200;

/** X-Purpose carries UTF-8 percent-encoded text (headers are Latin-1), e.g. encodeURIComponent('低保复核'). */
export function purposeFromHeaders(headers: HeaderSource): string | null {
  const raw = headerValue(headers, PURPOSE_HEADER);
  if (raw === undefined) return null;
  let purpose: string;
  try {
    purpose = decodeURIComponent(raw).trim();
  } catch {
    throw new GraphQLError('X-Purpose must be percent-encoded UTF-8 text', { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
  }
  if (purpose.length === 0) return null;
  if (purpose.length > MAX_PURPOSE_LENGTH) {
    throw new GraphQLError(`X-Purpose is longer than ${MAX_PURPOSE_LENGTH} characters`, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
  }
  return purpose;
}

function requestIdFromHeaders(headers: HeaderSource): string {
  const given = headerValue(headers, REQUEST_ID_HEADER);
  return given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
}

export function callerFromClaims(claims: CallerClaims, requestId: string, purpose: string | null): Caller {
  return { subject: claims.sub, department: claims.department, scopes: new Set(claims.scopes), jurisdiction: claims.jurisdiction.map((code) => regionSubtreePrefix(code) ?? code), purpose, requestId };
}

/**
 * The caller of one HTTP request at the gateway. No Authorization header: anonymous (sees only what
 * is public). A bearer token that fails verification, or another scheme: UNAUTHENTICATED (HTTP 401).
 */
export async function authenticateRequest(headers: HeaderSource, verify: TokenVerifier, givenRequestId?: string): Promise<Caller> {
  const requestId = givenRequestId ?? requestIdFromHeaders(headers);
  const purpose = purposeFromHeaders(headers);
  const authorization = headerValue(headers, 'authorization');
  if (authorization === undefined || authorization.trim() === '') return anonymousCaller(requestId, purpose);
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw unauthenticated('Authorization must be "Bearer <token>"');
  return callerFromClaims(await verify(match[1]!), requestId, purpose);
}

export interface MintOptions {
  secret: string;
  issuer?: string;
  audience?: string;
  ttlSeconds?: number;
  subject?: string;
}

/** A development token (HS256) for a demo role scoped to one region. */
export async function mintDevToken(role: RoleName, region: string | undefined, options: MintOptions): Promise<string> {
  const definition = ROLES[role];
  const code = region ?? definition.defaultRegion;
  if (regionSubtreePrefix(code) === null) throw new Error(`not a region code: ${code} (province, city or district: 6 digits; subdistrict 9; community 12)`);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ department: definition.department, scopes: [...definition.scopes], jurisdiction: [code] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.subject ?? `demo-${role}-${code}`)
    .setIssuer(options.issuer ?? DEFAULT_ISSUER)
    .setAudience(options.audience ?? DEFAULT_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.ttlSeconds ?? DEV_TOKEN_TTL_SECONDS))
    .sign(new TextEncoder().encode(options.secret));
}

/**
 * Headers for the development playground's headers editor: a token for a demo role and a purpose,
 * so the first query works. Never used in production (the gateway must not mint tokens there).
 */
export async function devPlaygroundHeaders(secret: string, role: RoleName = 'grid-worker', region?: string): Promise<Record<string, string>> {
  return { Authorization: `Bearer ${await mintDevToken(role, region, { secret })}`, 'X-Purpose': encodeURIComponent('开发调试 (development)') };
}
