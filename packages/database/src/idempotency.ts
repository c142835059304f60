import { createHash } from 'node:crypto';

/**
 * Idempotency keys for mutations that create money or workflow records: the same key replays the first
 * result instead of writing again. The key is claimed inside the mutation's own transaction, so a write
 * and its key commit or roll back together; a second request with the key waits on the first and then
 * replays it.
 */

/** The raw-SQL surface of a Prisma interactive transaction (or anything alike). */
export interface RawTransaction {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/** The table each subgraph adds to its schema in a migration. */
export function idempotencyTableSql(schema: string): string {
  return `-- Idempotency keys of mutations (see packages/database/src/idempotency.ts).
CREATE TABLE "${schema}"."idempotency_key" (
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "result_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
    CONSTRAINT "idempotency_key_pkey" PRIMARY KEY ("operation", "key"),
    CONSTRAINT "idempotency_key_length" CHECK (char_length("key") BETWEEN 1 AND 200)
);
`;
}

/** A stable hash of a mutation's input (key order does not matter; the key itself is left out). */
export function requestHash(input: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([name, v]) => name !== 'idempotencyKey' && v !== undefined)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, v]) => [name, canonical(v)]),
      );
    }
    return typeof value === 'bigint' ? value.toString() : value;
  };
  return createHash('sha256').update(JSON.stringify(canonical(input))).digest('hex');
}

export type IdempotencyClaim =
  | { kind: 'new' }
  | { kind: 'replay'; resultId: string }
  | { kind: 'mismatch' };

/**
 * Claims `key` for `operation` inside the caller's transaction. `new`: go ahead and call `completeIdempotencyKey`
 * with the created record's id before committing; `replay`: answer the record `resultId` without writing;
 * `mismatch`: the key was used with another input (a client error).
 */
export async function claimIdempotencyKey(tx: RawTransaction, schema: string, operation: string, key: string, hash: string): Promise<IdempotencyClaim> {
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO "${schema}"."idempotency_key" ("key", "operation", "request_hash") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    key,
    operation,
    hash,
  );
  if (inserted === 1) return { kind: 'new' };
  const rows = await tx.$queryRawUnsafe<{ request_hash: string; result_id: string | null }[]>(
    `SELECT "request_hash", "result_id" FROM "${schema}"."idempotency_key" WHERE "operation" = $1 AND "key" = $2`,
    operation,
    key,
  );
  const row = rows[0];
  if (!row || row.request_hash !== hash || row.result_id === null) return { kind: 'mismatch' };
  return { kind: 'replay', resultId: row.result_id };
}

export async function completeIdempotencyKey(tx: RawTransaction, schema: string, operation: string, key: string, resultId: string): Promise<void> {
  await tx.$executeRawUnsafe(`UPDATE "${schema}"."idempotency_key" SET "result_id" = $3 WHERE "operation" = $1 AND "key" = $2`, operation, key, resultId);
}
