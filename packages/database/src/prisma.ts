import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';

/** Counts the SQL statements a Prisma client sends (from its query events), for tests and the benchmark. */
export class StatementCounter {
  count = 0;
  readonly record = (): void => {
    this.count += 1;
  };
}

export interface PoolOptions {
  connectionString: string;
  /** Connections per process (DB_POOL_SIZE, default 10); see deploy/README.md for sizing. */
  poolSize?: number;
  /** Per-statement limit in PostgreSQL (DB_STATEMENT_TIMEOUT_MS, default 10 s). */
  statementTimeoutMs?: number;
}

/** A subgraph's database: its Prisma client over its own pg pool, with the pool's figures for /metrics. */
export interface SubgraphDb<TClient extends { $disconnect: () => Promise<void> }> {
  prisma: TClient;
  /** The pool Prisma queries through, for the few statements outside Prisma (the audit trail). */
  pool: Pool;
  /** SQL statements sent so far, counted from Prisma's query events. */
  statements: StatementCounter;
  poolStats: () => { total: number; idle: number; waiting: number };
  /** Disconnects Prisma and closes the pool (the adapter does not own a pool it was given). */
  close: () => Promise<void>;
}

/**
 * Builds a subgraph's Prisma client over an explicitly sized pg pool with a statement timeout.
 * `makeClient` constructs the subgraph's own generated PrismaClient and subscribes `statements.record` to its query events.
 */
export function createSubgraphDb<TClient extends { $disconnect: () => Promise<void> }>(
  { connectionString, poolSize = Number(process.env.DB_POOL_SIZE ?? 10), statementTimeoutMs = Number(process.env.DB_STATEMENT_TIMEOUT_MS ?? 10_000), schema }: PoolOptions & { schema: string },
  makeClient: (adapter: PrismaPg, statements: StatementCounter) => TClient,
): SubgraphDb<TClient> {
  const pool = new Pool({ connectionString, max: poolSize, statement_timeout: statementTimeoutMs });
  // An idle connection the server closes (restart, failover, admin command) is an 'error' on the pool;
  // pg drops that client and opens a new one when needed, so it must not crash the process.
  pool.on('error', () => undefined);
  const statements = new StatementCounter();
  const prisma = makeClient(new PrismaPg(pool, { schema }), statements);
  let closed: Promise<void> | undefined;
  return {
    prisma,
    pool,
    statements,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => {
      closed ??= prisma.$disconnect().then(() => pool.end());
      return closed;
    },
  };
}
