/**
 * The access model in the benchmark. Every target runs with NODE_ENV=production, where the hub refuses its
 * development secrets, so a run makes its own keys as a deployment would:
 * - caller tokens: an ES256 key pair; the public half is a JWKS file (HUB_JWKS_FILE) for the hub's gateway,
 *   Hive Gateway and the monolith; one caller token is signed with the private half and sent with every request;
 * - gateway → subgraph tokens: an ES256 key pair; the private half signs (HUB_GATEWAY_PRIVATE_KEY_FILE: the hub's
 *   gateway and Hive Gateway), the public half verifies (HUB_GATEWAY_PUBLIC_KEY_FILE: every subgraph).
 * The caller holds every scope over the demo city, so every scenario reads everything it asks for, and sends
 * X-Purpose, so audited fields are read (and audited) rather than refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ALL_SCOPES, DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@hub/access';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, SignJWT } from 'jose';

/** 潍坊市: every district of the demo population (3707xx) lies in it. */
export const BENCH_JURISDICTION = '370700';
const BENCH_PURPOSE = '性能测试 (benchmark)';
/** Long enough for a default run with the scale comparison. */
const TOKEN_TTL_SECONDS = 24 * 3600;

export interface BenchAccess {
  /** Headers every request to every target carries: the caller's bearer token and a purpose. */
  headers: Record<string, string>;
  /** The hub's gateway: verifies callers, signs subgraph tokens; no per-subject rate limit (one subject drives the load). */
  gatewayEnv: NodeJS.ProcessEnv;
  /** Each subgraph: verifies the gateway's tokens. */
  subgraphEnv: NodeJS.ProcessEnv;
  /** Hive Gateway (bench/hive.config.ts): verifies callers, signs subgraph tokens like the hub's gateway. */
  hiveEnv: NodeJS.ProcessEnv;
  /** The monolith: verifies callers. */
  monolithEnv: NodeJS.ProcessEnv;
}

/** Writes the run's keys into `dir` and mints the caller token. */
export async function prepareAccess(dir: string): Promise<BenchAccess> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caller = await generateKeyPair('ES256', { extractable: true });
  const gateway = await generateKeyPair('ES256', { extractable: true });
  const files = { jwks: path.join(dir, 'caller-jwks.json'), gatewayKey: path.join(dir, 'gateway-key.pem'), gatewayPublicKey: path.join(dir, 'gateway-public-key.pem') };
  fs.writeFileSync(files.jwks, JSON.stringify({ keys: [{ ...(await exportJWK(caller.publicKey)), alg: 'ES256', kid: 'bench', use: 'sig' }] }));
  fs.writeFileSync(files.gatewayKey, await exportPKCS8(gateway.privateKey), { mode: 0o600 });
  fs.writeFileSync(files.gatewayPublicKey, await exportSPKI(gateway.publicKey));
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ department: 'benchmark', scopes: [...ALL_SCOPES], jurisdiction: [BENCH_JURISDICTION] })
    .setProtectedHeader({ alg: 'ES256', kid: 'bench', typ: 'JWT' })
    .setSubject('bench-full-access')
    .setIssuer(DEFAULT_ISSUER)
    .setAudience(DEFAULT_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + TOKEN_TTL_SECONDS)
    .sign(caller.privateKey);
  fs.writeFileSync(path.join(dir, 'caller-token.txt'), `${token}\n`, { mode: 0o600 });
  const signs = { HUB_GATEWAY_PRIVATE_KEY_FILE: files.gatewayKey };
  return {
    headers: { authorization: `Bearer ${token}`, 'x-purpose': encodeURIComponent(BENCH_PURPOSE) },
    gatewayEnv: { HUB_JWKS_FILE: files.jwks, ...signs, HUB_RATE_LIMIT: 'off' },
    subgraphEnv: { HUB_GATEWAY_PUBLIC_KEY_FILE: files.gatewayPublicKey },
    hiveEnv: { HUB_JWKS_FILE: files.jwks, ...signs },
    monolithEnv: { HUB_JWKS_FILE: files.jwks },
  };
}
