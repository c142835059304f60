import path from 'node:path';
import { DEFAULT_RATE_LIMIT, type RateLimit } from '@hub/access';
import { SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from '@hub/database';

export const DEFAULT_SUPERGRAPH_FILE = path.resolve(__dirname, '../../schema/supergraph.graphql');

export interface GatewayConfig {
  port: number;
  host: string;
  supergraphFile: string;
  /** Subgraph URLs by name; those absent use the URL composed into the supergraph. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** Serve the GraphiQL playground (development default; off when NODE_ENV=production unless PLAYGROUND=1). */
  playground: boolean;
  /** A resident's ID number for the playground's person tab (PLAYGROUND_EXAMPLE_ID_NUMBER; `npm start` picks one of the default token's community). */
  playgroundExampleIdNumber?: string;
  /** Time a subgraph fetch may take (SUBGRAPH_TIMEOUT_MS, default 5 s) ... */
  subgraphTimeoutMs: number;
  /** ... or, for one subgraph, <PREFIX>_TIMEOUT_MS (e.g. SAFETY_TIMEOUT_MS). Keys are supergraph subgraph names. */
  subgraphTimeoutsMs: Record<string, number>;
  /** GraphQL requests served at once before answering 503 (MAX_CONCURRENT_REQUESTS, default 200). */
  maxConcurrentRequests: number;
  /** Largest request body (BODY_LIMIT, default 1mb). */
  bodyLimit: string;
  /** Time in-flight requests get to finish at shutdown (SHUTDOWN_GRACE_MS, default 10 s). */
  shutdownGraceMs: number;
  /** Time /ready answers 503 before the listener closes at shutdown (SHUTDOWN_DELAY_MS, default 0). */
  shutdownDelayMs: number;
  /** Reload the supergraph file when it changes (SUPERGRAPH_WATCH, default on; SUPERGRAPH_POLL_MS, default 1000). */
  watchSupergraph: boolean;
  supergraphPollMs: number;
  /** Requests per subject: burst and refill per second (HUB_RATE_LIMIT="120/10", the default; "off" for load tests). */
  rateLimit: RateLimit | null;
}

/** "capacity/refillPerSecond" or "off". */
export function parseRateLimit(value: string | undefined): RateLimit | null {
  if (value === undefined || value === '') return DEFAULT_RATE_LIMIT;
  if (value === 'off') return null;
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(value);
  if (!match || Number(match[1]) <= 0 || Number(match[2]) <= 0) throw new Error(`HUB_RATE_LIMIT must be "<burst>/<per second>" or "off", not "${value}"`);
  return { capacity: Number(match[1]), refillPerSecond: Number(match[2]) };
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number of milliseconds or a count, not "${value}"`);
  return parsed;
}

/** All configuration comes from the environment (see README "Environment" and deploy/README.md). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
  const subgraphTimeoutsMs: Record<string, number> = {};
  for (const name of SUBGRAPH_NAMES) {
    const prefix = SUBGRAPHS[name].envPrefix;
    const url = env[`${prefix}_URL`];
    if (url) subgraphUrls[name] = url;
    const timeout = env[`${prefix}_TIMEOUT_MS`];
    if (timeout) subgraphTimeoutsMs[name] = positive(timeout, 0, `${prefix}_TIMEOUT_MS`);
  }
  return {
    port: Number(env.PORT ?? 4000),
    host: env.HOST ?? '127.0.0.1',
    supergraphFile: env.SUPERGRAPH_FILE ?? DEFAULT_SUPERGRAPH_FILE,
    subgraphUrls,
    playground: env.PLAYGROUND ? env.PLAYGROUND === '1' : env.NODE_ENV !== 'production',
    playgroundExampleIdNumber: env.PLAYGROUND_EXAMPLE_ID_NUMBER || undefined,
    subgraphTimeoutMs: positive(env.SUBGRAPH_TIMEOUT_MS, 5_000, 'SUBGRAPH_TIMEOUT_MS'),
    subgraphTimeoutsMs,
    maxConcurrentRequests: positive(env.MAX_CONCURRENT_REQUESTS, 200, 'MAX_CONCURRENT_REQUESTS'),
    bodyLimit: env.BODY_LIMIT ?? '1mb',
    shutdownGraceMs: positive(env.SHUTDOWN_GRACE_MS, 10_000, 'SHUTDOWN_GRACE_MS'),
    shutdownDelayMs: env.SHUTDOWN_DELAY_MS ? positive(env.SHUTDOWN_DELAY_MS, 0, 'SHUTDOWN_DELAY_MS') : 0,
    watchSupergraph: env.SUPERGRAPH_WATCH !== '0',
    supergraphPollMs: positive(env.SUPERGRAPH_POLL_MS, 1_000, 'SUPERGRAPH_POLL_MS'),
    rateLimit: parseRateLimit(env.HUB_RATE_LIMIT),
  };
}
