import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { attachGatewayToken, attachOnwardTokens, type GatewayContext, type GatewayTokenSigner } from '@hub/access';
import { currentRequest, injectTraceHeaders, REQUEST_ID_HEADER, withClientSpan, type Logger, type ServiceMetrics } from '@hub/subgraph-runtime';
import { GraphQLError } from 'graphql';
import type { Counter, Histogram } from 'prom-client';
import { Agent, fetch as undiciFetch } from 'undici';

/** One keep-alive connection pool per subgraph origin, shared by all requests. */
const agent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000, connections: 128 });

/** What one subgraph fetch may do: its deadline, and whether a connection failure may be retried. */
interface FetchScope {
  signal: AbortSignal;
  retryable: boolean;
  retried: boolean;
}
const fetchScope = new AsyncLocalStorage<FetchScope>();

// Errors where the request never reached a live server (or the kept-alive socket was already closed by it).
const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

export function isConnectionFailure(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  const code = cause?.code ?? (error as { code?: string } | undefined)?.code;
  return code !== undefined && CONNECTION_FAILURES.has(code);
}

/** Whether a subgraph operation is a mutation (never retried: it may have been applied). */
export function isMutation(query: string | undefined): boolean {
  return /^\s*mutation\b/.test(query ?? '');
}

const deadlineFetch = (async (url: string, init?: Record<string, unknown>) => {
  const scope = fetchScope.getStore();
  const call = () => undiciFetch(url, { ...init, dispatcher: agent, signal: scope?.signal } as never);
  try {
    return await call();
  } catch (error) {
    if (!scope?.retryable || scope.retried || scope.signal.aborted || !isConnectionFailure(error)) throw error;
    scope.retried = true;
    return await call();
  }
}) as unknown as Fetcher;

export interface DataSourceOptions {
  /** Deadline of one fetch, retry included. */
  timeoutMs?: number;
  logger?: Logger;
  metrics?: ServiceMetrics;
  /** Signs the short-lived token this subgraph requires (audience = subgraph), holding the verified caller. */
  sign: GatewayTokenSigner;
}

interface FetchMetrics {
  duration: Histogram<'subgraph' | 'outcome'>;
  errors: Counter<'subgraph' | 'reason'>;
}
const fetchMetrics = new WeakMap<ServiceMetrics, FetchMetrics>();

function metricsFor(metrics: ServiceMetrics): FetchMetrics {
  let found = fetchMetrics.get(metrics);
  if (!found) {
    found = {
      duration: metrics.histogram('hub_subgraph_fetch_duration_seconds', 'Gateway-to-subgraph fetch latency, by subgraph and outcome.', ['subgraph', 'outcome']),
      errors: metrics.counter('hub_subgraph_unavailable_total', 'Subgraph fetches that failed (timeout, unreachable, 5xx), by subgraph and reason.', ['subgraph', 'reason']),
    };
    fetchMetrics.set(metrics, found);
  }
  return found;
}

/**
 * Fetches from one subgraph over keep-alive connections, within a deadline, forwarding the request id and
 * trace context. A subgraph that cannot answer in time becomes a GraphQL error naming it (extensions.code
 * SUBGRAPH_UNAVAILABLE); the rest of the answer stays. Queries are retried once on a connection failure.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource {
  readonly timeoutMs: number;
  private readonly log?: Logger;
  private readonly metrics?: FetchMetrics;
  private readonly sign: GatewayTokenSigner;

  constructor(readonly subgraphName: string, url: string, options: DataSourceOptions) {
    super({ url, fetcher: deadlineFetch });
    this.sign = options.sign;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.log = options.logger;
    this.metrics = options.metrics ? metricsFor(options.metrics) : undefined;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions): Promise<void> {
    const headers = request.http!.headers;
    const requestId = currentRequest()?.requestId;
    if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
    injectTraceHeaders((name, value) => headers.set(name, value));
    // The gateway's own health checks carry no caller: their token has no subject and no scopes.
    const caller = (context as Partial<GatewayContext> | undefined)?.caller;
    // The request's context stands for its execution: the subgraph may share loaders across its fetches.
    await attachGatewayToken(this.sign, this.subgraphName, request, caller, context as object | undefined);
    await attachOnwardTokens(this.sign, this.subgraphName, request, caller);
  }

  override async process(options: GraphQLDataSourceProcessOptions): Promise<Awaited<ReturnType<RemoteGraphQLDataSource['process']>>> {
    const scope: FetchScope = {
      signal: AbortSignal.timeout(this.timeoutMs),
      retryable: (options.kind as string) === 'incoming operation' && !isMutation(options.request.query),
      retried: false,
    };
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await withClientSpan(`subgraph ${this.subgraphName}`, { 'hub.subgraph': this.subgraphName }, () => fetchScope.run(scope, () => super.process(options)));
      this.metrics?.duration.observe({ subgraph: this.subgraphName, outcome: 'ok' }, seconds());
      return result;
    } catch (error) {
      // A subgraph that answered 4xx refused the request: pass its own reason on, without its internal URL.
      const response = error instanceof GraphQLError ? (error.extensions.response as { status?: number; body?: unknown } | undefined) : undefined;
      const status = response?.status;
      if (status !== undefined && status < 500) throw refusal(this.subgraphName, status, response?.body);
      const reason = scope.signal.aborted ? 'timeout' : status !== undefined ? 'server_error' : 'unreachable';
      this.metrics?.duration.observe({ subgraph: this.subgraphName, outcome: reason }, seconds());
      this.metrics?.errors.inc({ subgraph: this.subgraphName, reason });
      (currentRequest()?.log ?? this.log)?.warn({ subgraph: this.subgraphName, reason, retried: scope.retried, error: (error as Error).message }, 'subgraph fetch failed');
      const message =
        reason === 'timeout'
          ? `The ${this.subgraphName} subgraph did not answer within ${this.timeoutMs} ms.`
          : `The ${this.subgraphName} subgraph is unavailable: ${(error as Error).message}`;
      throw new GraphQLError(message, { extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: this.subgraphName, reason } });
    }
  }
}

/** The first GraphQL error a refusing subgraph sent (e.g. BAD_USER_INPUT), or its HTTP status, naming the subgraph. */
function refusal(subgraph: string, status: number, body: unknown): GraphQLError {
  const first = (body as { errors?: { message?: string; extensions?: { code?: string } }[] } | undefined)?.errors?.[0];
  const code = first?.extensions?.code ?? (status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : 'BAD_REQUEST');
  return new GraphQLError(first?.message ?? `The ${subgraph} subgraph refused the request (HTTP ${status}).`, { extensions: { code, subgraph } });
}
