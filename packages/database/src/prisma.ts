import { PrismaPg } from '@prisma/adapter-pg';

/** Counts the SQL statements a Prisma client sends (from its query events), for tests and the benchmark. */
export class StatementCounter {
  count = 0;
  readonly record = (): void => {
    this.count += 1;
  };
}

export interface AdapterOptions {
  connectionString: string;
  schema: string;
  /** Pool size per process; see README "Database". */
  poolSize?: number;
}

/** Prisma's pg driver adapter, with the pool sized explicitly and a statement timeout. */
export function pgAdapter({ connectionString, schema, poolSize = Number(process.env.DB_POOL_SIZE ?? 10) }: AdapterOptions): PrismaPg {
  return new PrismaPg(
    { connectionString, max: poolSize, statement_timeout: Number(process.env.DB_STATEMENT_TIMEOUT_MS ?? 10_000) },
    { schema },
  );
}
