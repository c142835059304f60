import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Connection counts of a database pool, for the pool-usage gauge. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

// Latency buckets in seconds: from a cached lookup to a statement timeout.
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** One Prometheus registry per server, so that several servers in one process (tests) do not collide. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'route' | 'status'>;
  readonly inFlight: Gauge;
  readonly rejected: Counter<'reason'>;
  readonly operationDuration: Histogram<'operation' | 'type'>;
  readonly errors: Counter<'code'>;

  constructor(readonly service: string, poolStats?: () => PoolStats | undefined) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: 'hub_' });
    const registers = [this.registry];
    this.httpRequests = new Counter({ name: 'hub_http_requests_total', help: 'HTTP requests answered, by route and status.', labelNames: ['route', 'status'], registers });
    this.inFlight = new Gauge({ name: 'hub_http_requests_in_flight', help: 'GraphQL requests being served now.', registers });
    this.rejected = new Counter({ name: 'hub_http_requests_rejected_total', help: 'Requests refused before execution (concurrency limit, body size).', labelNames: ['reason'], registers });
    this.operationDuration = new Histogram({
      name: 'hub_graphql_operation_duration_seconds',
      help: 'GraphQL operation latency, by operation name and type.',
      labelNames: ['operation', 'type'],
      buckets: SECONDS,
      registers,
    });
    this.errors = new Counter({ name: 'hub_graphql_errors_total', help: 'GraphQL errors returned, by extensions.code.', labelNames: ['code'], registers });
    if (poolStats) {
      new Gauge({
        name: 'hub_db_pool_connections',
        help: 'Database pool connections by state (total, idle, waiting clients).',
        labelNames: ['state'],
        registers,
        collect() {
          const stats = poolStats();
          if (!stats) return;
          for (const state of ['total', 'idle', 'waiting'] as const) this.set({ state }, stats[state]);
        },
      });
    }
  }

  histogram<L extends string>(name: string, help: string, labelNames: L[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets: SECONDS, registers: [this.registry] });
  }

  counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }
}

/** Bounded label value for an operation name: clients choose names, so keep them short and plain. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  return /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) ? name : 'invalid_name';
}
