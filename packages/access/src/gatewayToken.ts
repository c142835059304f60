/**
 * Gateway → subgraph tokens: per request and per subgraph the gateway signs a short-lived JWT
 * (audience = subgraph name) holding the verified caller; subgraphs accept nothing else.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { importPKCS8, importSPKI, jwtVerify, SignJWT, type KeyLike } from 'jose';
import { isAuthenticated, type Caller } from './scopes';
import { headerValue, type HeaderSource } from './tokens';

export const GATEWAY_ISSUER = 'household-hub-gateway';
/** Development fallback of HUB_GATEWAY_SECRET (public by design; refused in production). */
export const DEVELOPMENT_GATEWAY_SECRET = 'household-hub-development-only-gateway-secret';
/** Long enough for one federated request, short enough that a captured token is soon useless. */
export const GATEWAY_TOKEN_TTL_SECONDS = 60;

/** Key material shared by the gateway (signing) and the subgraphs (verifying). */
export type GatewayKey = { alg: 'HS256'; secret: string } | { alg: 'ES256' | 'RS256'; privateKey?: KeyLike; publicKey?: KeyLike };

interface GatewayTokenPayload {
  sub?: string;
  department?: string;
  scopes: string[];
  jurisdiction: string[];
  purpose?: string;
  rid: string;
  /** One execution of the gateway (one incoming request), so that a subgraph can tell its fetches apart from others'. */
  xid?: string;
}

function secretBytes(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error('the gateway token secret must be at least 32 characters');
  return new TextEncoder().encode(secret);
}

/**
 * Signs a caller's token for a subgraph. `execution` is the gateway's per-request context: tokens signed for it carry
 * an execution id (`xid`), random per execution, by which the subgraph may share state across the fetches of one
 * execution; tokens signed without it (onward tokens, tests, health checks) carry none.
 */
export type GatewayTokenSigner = (caller: Caller | undefined, subgraph: string, execution?: object) => Promise<string>;

export function createGatewayTokenSigner(key: GatewayKey, ttlSeconds = GATEWAY_TOKEN_TTL_SECONDS): GatewayTokenSigner {
  const signingKey = key.alg === 'HS256' ? secretBytes(key.secret) : key.privateKey;
  if (!signingKey) throw new Error(`${key.alg} gateway tokens need a private key to sign`);
  /**
   * Tokens signed for an execution (or, without one, for a caller: a Caller stands for one incoming request), by
   * subgraph. A query plan may fetch from the same subgraph several times (one household: employment four times):
   * each fetch carries the same token instead of a new signature, until half its lifetime has passed.
   */
  const signed = new WeakMap<object, { xid: string | undefined; tokens: Map<string, { token: Promise<string>; until: number }> }>();
  const signToken = (caller: Caller | undefined, subgraph: string, xid: string | undefined): Promise<string> => {
    // Without a caller (the gateway's own health checks) the token carries no subject and no scopes.
    const payload: GatewayTokenPayload = {
      scopes: caller ? [...caller.scopes] : [],
      jurisdiction: caller ? [...caller.jurisdiction] : [],
      rid: caller?.requestId ?? 'gateway',
      ...(caller?.department ? { department: caller.department } : {}),
      ...(caller?.purpose ? { purpose: caller.purpose } : {}),
      ...(xid ? { xid } : {}),
    };
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ ...payload })
      .setProtectedHeader({ alg: key.alg, typ: 'hub-gateway+jwt' })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(subgraph)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds);
    if (caller && isAuthenticated(caller)) jwt.setSubject(caller.subject!);
    return jwt.sign(signingKey);
  };
  return async (caller, subgraph, execution) => {
    if (!caller) return signToken(caller, subgraph, undefined);
    const owner = execution ?? caller;
    let held = signed.get(owner);
    if (!held) signed.set(owner, (held = { xid: execution ? randomUUID() : undefined, tokens: new Map() }));
    const { xid, tokens } = held;
    const kept = tokens.get(subgraph);
    if (kept && Date.now() < kept.until) return kept.token;
    const token = signToken(caller, subgraph, xid);
    tokens.set(subgraph, { token, until: Date.now() + (ttlSeconds * 1000) / 2 });
    // A failed signature is not kept.
    token.catch(() => tokens.delete(subgraph));
    return token;
  };
}

export type GatewayTokenVerifier = (token: string) => Promise<Caller>;

/** Gateway tokens verified, at most this many remembered (the oldest is forgotten first). */
const VERIFIED_TOKENS_KEPT = 10_000;
/** Seconds the gateway's and a subgraph's clocks may differ. */
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * Verifies a gateway token for this subgraph (audience) and returns the caller it carries. A token already verified
 * (the gateway sends one token to a subgraph for all its fetches of one request) is not verified again: it is
 * accepted until its expiry or maximum age, as the first verification would have decided at that moment.
 */
export function createGatewayTokenVerifier(key: GatewayKey, subgraph: string): GatewayTokenVerifier {
  const verifyKey = key.alg === 'HS256' ? secretBytes(key.secret) : key.publicKey;
  if (!verifyKey) throw new Error(`${key.alg} gateway tokens need a public key to verify`);
  const maxAgeSeconds = GATEWAY_TOKEN_TTL_SECONDS * 2;
  const verified = new Map<string, { caller: Caller; until: number }>();
  const copy = (caller: Caller): Caller => ({ ...caller, scopes: new Set(caller.scopes), jurisdiction: [...caller.jurisdiction] });
  return async (token) => {
    const held = verified.get(token);
    if (held) {
      if (Date.now() / 1000 < held.until) return copy(held.caller);
      verified.delete(token);
      throw new Error('"exp" claim timestamp check failed');
    }
    const { payload, protectedHeader } = await jwtVerify(token, verifyKey, {
      algorithms: [key.alg],
      issuer: GATEWAY_ISSUER,
      audience: subgraph,
      requiredClaims: ['exp', 'iat'],
      maxTokenAge: `${maxAgeSeconds}s`,
      // Gateway and subgraph clocks may differ a little across machines.
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      typ: 'hub-gateway+jwt',
    });
    if (protectedHeader.alg !== key.alg) throw new Error('unexpected algorithm');
    const claims = payload as unknown as GatewayTokenPayload & { sub?: string; exp: number; iat: number };
    if (!Array.isArray(claims.scopes) || !Array.isArray(claims.jurisdiction) || typeof claims.rid !== 'string' || (claims.xid !== undefined && typeof claims.xid !== 'string')) {
      throw new Error('malformed gateway token');
    }
    const caller: Caller = {
      subject: claims.sub ?? null,
      department: claims.department ?? null,
      scopes: new Set(claims.scopes),
      jurisdiction: claims.jurisdiction,
      purpose: claims.purpose ?? null,
      requestId: claims.rid,
      ...(claims.xid ? { executionId: claims.xid } : {}),
    };
    if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value!);
    verified.set(token, { caller: copy(caller), until: Math.min(claims.exp, claims.iat + maxAgeSeconds) + CLOCK_TOLERANCE_SECONDS });
    return caller;
  };
}

/**
 * HUB_GATEWAY_SECRET (HS256, development) or, in production, an ES256 key pair:
 * HUB_GATEWAY_PRIVATE_KEY_FILE (PKCS#8 PEM, the gateway) / HUB_GATEWAY_PUBLIC_KEY_FILE (SPKI PEM, subgraphs).
 */
export async function gatewayKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<GatewayKey> {
  if (env.HUB_GATEWAY_PRIVATE_KEY_FILE || env.HUB_GATEWAY_PUBLIC_KEY_FILE) {
    return {
      alg: 'ES256',
      privateKey: env.HUB_GATEWAY_PRIVATE_KEY_FILE ? await importPKCS8(readFileSync(env.HUB_GATEWAY_PRIVATE_KEY_FILE, 'utf8'), 'ES256') : undefined,
      publicKey: env.HUB_GATEWAY_PUBLIC_KEY_FILE ? await importSPKI(readFileSync(env.HUB_GATEWAY_PUBLIC_KEY_FILE, 'utf8'), 'ES256') : undefined,
    };
  }
  if (env.NODE_ENV === 'production') throw new Error('production requires HUB_GATEWAY_PRIVATE_KEY_FILE / HUB_GATEWAY_PUBLIC_KEY_FILE');
  return { alg: 'HS256', secret: env.HUB_GATEWAY_SECRET || DEVELOPMENT_GATEWAY_SECRET };
}

/**
 * For the gateway's RemoteGraphQLDataSource.willSendRequest: sets the subgraph's bearer token. `execution`, the
 * request's context, gives the token its execution id (see GatewayTokenSigner).
 */
export async function attachGatewayToken(
  sign: GatewayTokenSigner,
  subgraph: string,
  request: { http?: { headers: { set(name: string, value: string): void } } },
  caller: Caller | undefined,
  execution?: object,
): Promise<void> {
  if (!request.http) throw new Error('the subgraph request has no HTTP part to carry the gateway token');
  request.http.headers.set('authorization', `Bearer ${await sign(caller, subgraph, execution)}`);
}

/**
 * Subgraphs that call another subgraph while serving a request (civil-affairs asks community about
 * cadres' near relatives at approval) get, next to their own token, one the gateway signed for each
 * such target, carrying the same caller: the onward call is answered with the caller's own rights.
 */
export const ONWARD_CALLS: Readonly<Record<string, readonly string[]>> = { 'civil-affairs': ['community'] };
export const ONWARD_TOKEN_HEADER_PREFIX = 'x-hub-onward-';

export async function attachOnwardTokens(
  sign: GatewayTokenSigner,
  subgraph: string,
  request: { http?: { headers: { set(name: string, value: string): void } } },
  caller: Caller | undefined,
): Promise<void> {
  for (const target of ONWARD_CALLS[subgraph] ?? []) {
    request.http?.headers.set(`${ONWARD_TOKEN_HEADER_PREFIX}${target}`, await sign(caller, target));
  }
}

/** The onward tokens a subgraph request carries, by target subgraph (verified by the target, not here). */
export function onwardTokensFrom(headers: HeaderSource): Record<string, string> {
  const tokens: Record<string, string> = {};
  for (const targets of Object.values(ONWARD_CALLS)) {
    for (const target of targets) {
      const value = headerValue(headers, `${ONWARD_TOKEN_HEADER_PREFIX}${target}`);
      if (value) tokens[target] = value;
    }
  }
  return tokens;
}

function notFromGateway(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** The caller of a subgraph request; anything without a valid gateway token is refused (HTTP 401). */
export async function callerFromGatewayRequest(headers: HeaderSource, verify: GatewayTokenVerifier): Promise<Caller> {
  const authorization = headerValue(headers, 'authorization');
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization.trim()) : null;
  if (!match) throw notFromGateway('This subgraph only answers the hub gateway');
  try {
    return await verify(match[1]!);
  } catch (error) {
    throw notFromGateway(`Invalid gateway token: ${(error as Error).message}`);
  }
}

export interface RequestWithCaller extends IncomingMessage {
  hubCaller?: Caller;
}

/**
 * Express middleware for a subgraph's /graphql: refuses every request without a valid gateway token
 * with HTTP 401 before Apollo sees it (so `_service` and `_entities` too) and sets `req.hubCaller`.
 */
export function requireGatewayToken(verify: GatewayTokenVerifier) {
  return (req: RequestWithCaller, res: ServerResponse, next: (error?: unknown) => void): void => {
    callerFromGatewayRequest(req.headers, verify).then(
      (caller) => {
        req.hubCaller = caller;
        next();
      },
      (error: GraphQLError) => {
        res.statusCode = 401;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.setHeader('www-authenticate', 'Bearer');
        res.end(JSON.stringify({ errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] }));
      },
    );
  };
}

/**
 * A `willSendRequest` for the gateway's data source of one subgraph: signs a token for the caller
 * found at `context.caller` (the gateway's own health checks carry none).
 */
export function gatewayTokenHook(sign: GatewayTokenSigner, subgraph: string) {
  return (options: { request: { http?: { headers: { set(name: string, value: string): void } } }; context: Record<string, unknown> }): Promise<void> =>
    attachGatewayToken(sign, subgraph, options.request, (options.context as { caller?: Caller }).caller);
}
