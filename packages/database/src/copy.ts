import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BinaryRowEncoder, binaryColumnEncoders, COPY_CHUNK_SIZE } from './copy-binary';

export type CopyValue = string | number | bigint | boolean | Date | null | undefined;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escapeCharacter = (character: string): string => ESCAPES[character]!;

/** One value in COPY's text format. Most strings need no escaping: one test, no replace. */
export function encodeCopyValue(value: CopyValue): string {
  switch (typeof value) {
    case 'string':
      return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, escapeCharacter) : value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
    case 'undefined':
      return '\\N';
    default:
      if (value === null) return '\\N';
      if (value instanceof Date) return value.toISOString();
      return encodeCopyValue(String(value));
  }
}

/** One row in COPY's text format, with its newline. */
export function encodeCopyRow(row: readonly CopyValue[]): string {
  let line = row.length > 0 ? encodeCopyValue(row[0]) : '';
  for (let i = 1; i < row.length; i += 1) line += '\t' + encodeCopyValue(row[i]);
  return line + '\n';
}

/**
 * Bulk-loads rows with COPY FROM STDIN: the fast path for demo and benchmark data. The binary format when every
 * column's type has a binary encoder (see copy-binary.ts), the text format otherwise (arrays, for one).
 * Rows are encoded as they are iterated and sent in large chunks; when the socket is full the loop waits for it, so
 * PostgreSQL ingests one chunk while the next is being built.
 */
export async function copyRows(client: ClientBase, table: string, columns: string[], rows: Iterable<CopyValue[]>): Promise<void> {
  await (await sendRows(client, table, columns, rows)).acknowledged;
}

/**
 * Like copyRows, but returns as soon as the rows are sent, before PostgreSQL has finished the COPY (its triggers, for
 * one): the caller builds its next rows meanwhile. `acknowledged` settles with the COPY's outcome; await it before
 * the client's next query.
 */
export async function sendRows(client: ClientBase, table: string, columns: string[], rows: Iterable<CopyValue[]>): Promise<{ acknowledged: Promise<void> }> {
  const encoders = await binaryColumnEncoders(client, table, columns);
  const stream = client.query(copyFrom(`COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN${encoders ? ' (FORMAT binary)' : ''}`));
  const acknowledged = finished(stream);
  // Whoever awaits `acknowledged` sees a failure; nobody awaiting it is not an unhandled rejection.
  acknowledged.catch(() => undefined);
  /** False when the COPY failed (the stream errored): stop writing and let `acknowledged` report the error. */
  const write = async (chunk: string | Buffer): Promise<boolean> => {
    if (stream.write(chunk)) return true;
    if (stream.errored) return false;
    await once(stream, 'drain');
    return true;
  };
  try {
    let written = true;
    if (encoders) {
      const binary = new BinaryRowEncoder(encoders);
      for (const row of rows) {
        const full = binary.add(row);
        if (full && !(written = await write(full))) break;
      }
      if (written && !stream.errored) stream.write(binary.end());
    } else {
      let chunk = '';
      for (const row of rows) {
        chunk += encodeCopyRow(row);
        if (chunk.length < COPY_CHUNK_SIZE) continue;
        if (!(written = await write(chunk))) break;
        chunk = '';
      }
      if (written && !stream.errored && chunk) stream.write(chunk);
    }
    if (!stream.errored) stream.end();
  } catch (error) {
    stream.destroy(error as Error);
  }
  return { acknowledged };
}

/**
 * COPYs on one client, each sent once the server has finished the one before, without the caller waiting for the
 * last one: the caller builds its next rows while the server finishes (and runs the triggers of) the COPY just sent.
 */
export interface CopyPipeline {
  /** Waits for the server to finish the previous COPY (its failure is thrown), then sends these rows (see sendRows). */
  send(table: string, columns: string[], rows: Iterable<CopyValue[]>): Promise<void>;
  /**
   * Waits until the server has finished every COPY sent (the first that failed is the error), then creates the
   * indexes deferred.
   */
  finish(): Promise<void>;
}

export interface CopyPipelineOptions {
  /**
   * Only for tables that are empty when first sent to: a table's indexes (its primary key too) are dropped before its first COPY
   * and created again once the server has finished that COPY (see deferIndexes), so that the triggers of the
   * COPYs after it find them. Tables that only triggers write keep theirs.
   */
  deferIndexes?: boolean;
}

export function copyPipeline(client: ClientBase, options: CopyPipelineOptions = {}): CopyPipeline {
  return startPipeline(client, options);
}

function startPipeline(client: ClientBase, options: CopyPipelineOptions): CopyPipeline & { settle(): Promise<void> } {
  const acknowledgements: Promise<void>[] = [];
  const indexesToCreate: (() => Promise<void>)[] = [];
  const loaded = new Set<string>();
  return {
    async send(table, columns, rows) {
      // One query at a time on a client: pg queues overlapping ones only with a deprecation warning.
      await acknowledgements.at(-1);
      for (const create of indexesToCreate.splice(0)) await create();
      if (options.deferIndexes && !loaded.has(table)) indexesToCreate.push(await deferIndexes(client, [table]));
      loaded.add(table);
      acknowledgements.push((await sendRows(client, table, columns, rows)).acknowledged);
    },
    /** Waits for every COPY sent; the first that failed is the error. */
    async settle() {
      const outcomes = await Promise.allSettled(acknowledgements);
      const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    },
    async finish() {
      await this.settle();
      for (const create of indexesToCreate.splice(0)) await create();
    },
  };
}

/**
 * Runs `build` with a pipeline of COPYs on the client and waits until the server has finished them all; when a COPY
 * failed, its error is the one thrown (not the aborted transaction that the queries after it ran into).
 */
export async function withCopyPipeline<T>(client: ClientBase, build: (copies: CopyPipeline) => Promise<T>, options: CopyPipelineOptions = {}): Promise<T> {
  const copies = startPipeline(client, options);
  let result: T;
  try {
    result = await build(copies);
  } catch (error) {
    await copies.settle();
    throw error;
  }
  await copies.finish();
  return result;
}

/**
 * Drops the indexes of `tables` (quoted, schema-qualified names) and returns the function that builds them again from
 * their own definitions. COPY into a table maintains each of its indexes row by row (a random UUID key lands on a
 * random page of its primary key); building an index once the rows are in sorts them once instead, several times
 * faster for a bulk load into empty tables. Primary keys and unique constraints are dropped and added again the same
 * way, so their uniqueness is checked when they are added; those a foreign key relies on stay, as do the indexes a
 * foreign key relies on. Call it inside the load's transaction: if the load fails, the rollback restores everything.
 */
export async function deferIndexes(client: ClientBase, tables: readonly string[]): Promise<() => Promise<void>> {
  if (tables.length === 0) return async () => undefined;
  const { rows: constraints } = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT k.conrelid::regclass::text AS table, quote_ident(k.conname) AS name, pg_get_constraintdef(k.oid) AS definition
       FROM pg_constraint k
      WHERE k.conrelid = ANY($1::regclass[]) AND k.contype IN ('p', 'u')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = k.conindid)
      ORDER BY 1, 2`,
    [tables],
  );
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE i.indrelid = ANY($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY c.relname`,
    [tables],
  );
  for (const { table, name } of constraints) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
  if (indexes.length > 0) await client.query(`DROP INDEX ${indexes.map((r) => r.name).join(', ')}`);
  return async () => {
    for (const { table, name, definition } of constraints) await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${name} ${definition}`);
    for (const { definition } of indexes) await client.query(definition);
  };
}
