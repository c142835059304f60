import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | bigint | boolean | Date | null | undefined;

function encode(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  const text = String(value);
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Bulk-loads rows with COPY FROM STDIN (text format): the fast path for demo and benchmark data. */
export async function copyRows(client: ClientBase, table: string, columns: string[], rows: Iterable<CopyValue[]>): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`));
  function* lines(): Generator<string> {
    let batch = '';
    for (const row of rows) {
      batch += row.map(encode).join('\t') + '\n';
      if (batch.length > 1 << 16) {
        yield batch;
        batch = '';
      }
    }
    if (batch) yield batch;
  }
  await pipeline(Readable.from(lines()), stream);
}
