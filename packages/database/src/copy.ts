import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

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

/** Characters gathered before they go to the socket: large enough that per-chunk costs vanish, small enough to interleave. */
const CHUNK_CHARACTERS = 1 << 18;

/**
 * Bulk-loads rows with COPY FROM STDIN (text format): the fast path for demo and benchmark data.
 * Rows are encoded as they are iterated and sent in large chunks; when the socket is full the loop waits for it, so
 * PostgreSQL ingests one chunk while the next is being built.
 */
export async function copyRows(client: ClientBase, table: string, columns: string[], rows: Iterable<CopyValue[]>): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
  const done = finished(stream);
  try {
    let chunk = '';
    for (const row of rows) {
      chunk += encodeCopyRow(row);
      if (chunk.length < CHUNK_CHARACTERS) continue;
      const accepted = stream.write(chunk);
      chunk = '';
      if (!accepted) {
        // A failed COPY errors the stream and never drains it: stop writing and let `done` report the error.
        if (stream.errored) break;
        await once(stream, 'drain');
      }
    }
    if (!stream.errored) {
      if (chunk) stream.write(chunk);
      stream.end();
    }
  } catch (error) {
    stream.destroy(error as Error);
  }
  await done;
}

/**
 * Drops the indexes of `tables` (quoted, schema-qualified names) that back no constraint, and returns the function
 * that creates them again from their own definitions. COPY into a table maintains each of its indexes row by row;
 * building an index once the rows are in sorts them once instead, several times faster for a bulk load into empty
 * tables. Primary keys, unique constraints and indexes a foreign key relies on stay. Call it inside the load's
 * transaction: if the load fails, the rollback restores the indexes with everything else.
 */
export async function deferSecondaryIndexes(client: ClientBase, tables: readonly string[]): Promise<() => Promise<void>> {
  if (tables.length === 0) return async () => undefined;
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE i.indrelid = ANY($1::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY c.relname`,
    [tables],
  );
  if (rows.length > 0) await client.query(`DROP INDEX ${rows.map((r) => r.name).join(', ')}`);
  return async () => {
    for (const { definition } of rows) await client.query(definition);
  };
}
