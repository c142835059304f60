import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express from 'express';
import { parse } from 'graphql';
import {
  applySubgraphAccessControl,
  requestedAuditNotes,
  AuditCollector,
  auditPlugin,
  createGatewayTokenVerifier,
  gatewayKeyFromEnv,
  onwardTokensFrom,
  requireGatewayToken,
  type AuditRecord,
  type Caller,
  type RequestWithCaller,
} from '@hub/access';
import { ExecutionState, isReadOnlyRequest, type PerExecution } from './ops/execution';
import { bodyErrors, concurrencyLimit, metricsEndpoint, requestScope, resumeRequestScope } from './ops/http';
import { createLogger, type Logger } from './ops/logging';
import { ServiceMetrics, type PoolStats } from './ops/metrics';
import { observabilityPlugin } from './ops/plugin';
import { rejectNulCharactersPlugin } from './ops/input';
import { gracefulStop, shutdownDelayMs, shutdownGraceMs } from './ops/shutdown';
import { startTracing } from './ops/tracing';

export * from './ops/logging';
export * from './ops/metrics';
export * from './ops/http';
export * from './ops/plugin';
export * from './ops/shutdown';
export * from './ops/tracing';
export * from './ops/input';
export * from './ops/execution';

/** What the runtime hands each subgraph's context builder: the caller the gateway vouched for, and the request's audit notes. */
export interface RequestAccess {
  caller: Caller;
  audit: AuditCollector;
  /** Tokens the gateway signed for the subgraphs this one calls on the caller's behalf (ONWARD_CALLS), by subgraph. */
  onwardTokens: Record<string, string>;
  /**
   * A value shared by the read-only fetches of one gateway execution (see ops/execution.ts), made by the first:
   * `loaders: access.perExecution('loaders', () => createLoaders(db))`. Elsewhere it makes a value for each request.
   */
  perExecution: PerExecution;
}

export interface SubgraphOptions<TContext extends BaseContext & RequestAccess> {
  /** Subgraph name, as in the supergraph (community, civil-affairs, employment, safety). */
  name: string;
  /** Path of the subgraph's SDL file (schema/<name>.graphql). */
  schemaFile: string;
  resolvers: GraphQLResolverMap<TContext>;
  port: number;
  /** Builds the per-request context: DataLoaders are created here, one set per gateway execution (`perExecution`). */
  context: (access: RequestAccess) => Promise<TContext> | TContext;
  /** Appends one audit row (writeAuditRecord(pool, '<pg schema>', record)); a failure withholds the answer. */
  writeAudit: (record: AuditRecord) => Promise<void>;
  /** Closes what the subgraph opened (database pools), after the HTTP server stopped. */
  onStop?: () => Promise<void>;
  plugins?: ApolloServerPlugin<TContext>[];
  /** Defaults to JSON on stdout (LOG_LEVEL); tests pass their own. */
  logger?: Logger;
  /** Database pool counts for the hub_db_pool_connections gauge, if the subgraph can read them. */
  poolStats?: () => PoolStats | undefined;
  /** Limits; defaults from MAX_CONCURRENT_REQUESTS (200), BODY_LIMIT (1mb), SHUTDOWN_GRACE_MS (10 s), SHUTDOWN_DELAY_MS (0). */
  maxConcurrentRequests?: number;
  bodyLimit?: string;
  shutdownGraceMs?: number;
  shutdownDelayMs?: number;
  /** Stop gracefully on SIGTERM/SIGINT and exit (default true; the handlers go away once stopped). */
  handleSignals?: boolean;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  stop: () => Promise<void>;
}

/** The subgraph's executable schema with the access rules of its SDL applied to every resolver and __resolveReference. */
export function loadSubgraphSchema<TContext extends RequestAccess>(name: string, schemaFile: string, resolvers: GraphQLResolverMap<TContext>) {
  const typeDefs = parse(readFileSync(schemaFile, 'utf8'));
  const access = { subgraph: name, callerOf: (context: TContext) => context.caller, auditOf: (context: TContext) => context.audit };
  const schema = applySubgraphAccessControl(buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }), typeDefs, access);
  /** For the audit plugin: the audited fields an operation asks for are on the trail even when nothing was found. */
  const noteRequestedAudits = requestedAuditNotes(schema, typeDefs, access);
  return { schema, noteRequestedAudits };
}

/** Limits shared by the gateway and the subgraphs, from the environment. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): { maxConcurrentRequests: number; bodyLimit: string; shutdownGraceMs: number; shutdownDelayMs: number } {
  const limits = { maxConcurrentRequests: Number(env.MAX_CONCURRENT_REQUESTS ?? 200), bodyLimit: env.BODY_LIMIT ?? '1mb', shutdownGraceMs: shutdownGraceMs(env), shutdownDelayMs: shutdownDelayMs(env) };
  if (!Number.isFinite(limits.shutdownDelayMs) || limits.shutdownDelayMs < 0) throw new Error(`SHUTDOWN_DELAY_MS must be zero or more, not "${env.SHUTDOWN_DELAY_MS}"`);
  for (const [name, value] of [['MAX_CONCURRENT_REQUESTS', limits.maxConcurrentRequests], ['SHUTDOWN_GRACE_MS', limits.shutdownGraceMs]] as const) {
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${env[name]}"`);
  }
  return limits;
}

/**
 * Serves one subgraph over HTTP: POST /graphql, GET /health (liveness), GET /ready (readiness: 503 while
 * draining), GET /metrics (Prometheus). Requests carry the gateway's x-request-id into every log line.
 */
export async function startSubgraph<TContext extends BaseContext & RequestAccess>(options: SubgraphOptions<TContext>): Promise<RunningSubgraph> {
  const limits = { ...limitsFromEnv(), ...definedOnly({
      maxConcurrentRequests: options.maxConcurrentRequests,
      bodyLimit: options.bodyLimit,
      shutdownGraceMs: options.shutdownGraceMs,
      shutdownDelayMs: options.shutdownDelayMs,
    }) };
  startTracing(options.name);
  const logger = options.logger ?? createLogger(options.name);
  const metrics = new ServiceMetrics(options.name, options.poolStats);
  const verifyGatewayToken = createGatewayTokenVerifier(await gatewayKeyFromEnv(), options.name);
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const { schema, noteRequestedAudits } = loadSubgraphSchema(options.name, options.schemaFile, options.resolvers);
  const executions = new ExecutionState();
  const server = new ApolloServer<TContext>({
    schema,
    includeStacktraceInErrorResponses: process.env.NODE_ENV !== 'production',
    // Signals are handled below, so that the database pools close after the last request.
    stopOnTerminationSignals: false,
    logger: logger.child({ component: 'apollo' }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: limits.shutdownGraceMs }),
      ApolloServerPluginInlineTraceDisabled(),
      observabilityPlugin<TContext>(metrics, logger),
      rejectNulCharactersPlugin<TContext>(),
      auditPlugin<TContext>({ subgraph: options.name, callerOf: (context) => context.caller, auditOf: (context) => context.audit, write: options.writeAudit, noteRequested: noteRequestedAudits }),
      ...(options.plugins ?? []),
    ],
  });
  await server.start();
  const shutdown = gracefulStop({ server, httpServer, delayMs: limits.shutdownDelayMs, afterClose: options.onStop });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', subgraph: options.name });
  });
  app.get('/ready', (_req, res) => {
    const { draining } = shutdown;
    res.status(draining ? 503 : 200).json({ status: draining ? 'stopping' : 'ready', subgraph: options.name });
  });
  app.get('/metrics', metricsEndpoint(metrics));
  app.use(
    '/graphql',
    requestScope(logger, metrics),
    // Only the gateway may call a subgraph: 401 before anything else is read. No CORS headers here.
    requireGatewayToken(verifyGatewayToken),
    concurrencyLimit(limits.maxConcurrentRequests, metrics),
    express.json({ limit: limits.bodyLimit }),
    bodyErrors(metrics, limits.bodyLimit),
    resumeRequestScope(),
    expressMiddleware(server, {
      context: async ({ req }) => {
        const caller = (req as RequestWithCaller).hubCaller!;
        const perExecution = executions.forFetch(caller.executionId, isReadOnlyRequest(req.body));
        return options.context({ caller, audit: new AuditCollector(), onwardTokens: onwardTokensFrom(req.headers), perExecution });
      },
    }),
  );
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, process.env.HOST ?? '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  logger.info({ port, limits }, `${options.name} subgraph listening`);
  if (options.handleSignals ?? true) shutdown.onSignals(`${options.name} subgraph`, logger);
  return { name: options.name, port, url: `http://127.0.0.1:${port}/graphql`, stop: shutdown.stop };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
export * from './parts';
