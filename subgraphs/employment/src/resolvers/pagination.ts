import type { Page } from '../data/models';
import { badUserInput } from './errors';

export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw badUserInput('first', `must be between 1 and ${MAX_PAGE_SIZE}, got ${size}`);
  return size;
}

/** Position after which the next page starts: the sort date and the id, newest first. */
export interface Keyset {
  date: Date;
  id: string;
}

/** Cursors are opaque to clients: base64url of the sort key. */
export function encodeCursor(key: Keyset): string {
  return Buffer.from(`v1:${key.date.toISOString().slice(0, 10)}|${key.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): Keyset | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const match = /^v1:(\d{4}-\d{2}-\d{2})\|([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const date = match ? new Date(`${match[1]}T00:00:00Z`) : undefined;
  if (!match || !date || Number.isNaN(date.getTime())) throw badUserInput('after', 'is not a cursor returned by this API');
  return { date, id: match[2]! };
}

/** The Prisma `where` for rows after the keyset, ordered by `field` then id, both descending. */
export function after(field: string, key: Keyset | undefined): Record<string, unknown> {
  return key ? { OR: [{ [field]: { lt: key.date } }, { [field]: key.date, id: { lt: key.id } }] } : {};
}

export const newestFirst = (field: string) => [{ [field]: 'desc' as const }, { id: 'desc' as const }];

/**
 * One page newest first: `fetch` gets the extra keyset condition and how many rows to take (one more than the
 * page, to know whether another follows).
 */
export async function paginate<T extends { id: string }>(
  args: { first?: number | null; after?: string | null },
  dateOf: (row: T) => Date,
  fetch: (keyset: Keyset | undefined, take: number) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Page<T>> {
  const take = pageSize(args.first);
  const keyset = decodeCursor(args.after);
  const rows = await fetch(keyset, take + 1);
  const page = rows.slice(0, take);
  const edges = page.map((node) => ({ node, cursor: encodeCursor({ date: dateOf(node), id: node.id }) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > take, hasPreviousPage: keyset !== undefined, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: count,
  };
}
