import type { Page } from '../data/models';
import { badUserInput } from './errors';

export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw badUserInput('first', `must be between 1 and ${MAX_PAGE_SIZE}, got ${size}`);
  return size;
}

/** Cursors are opaque to clients: base64url of the position in the ordered result. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`v1:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): number {
  if (cursor === null || cursor === undefined) return 0;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = Number(text.slice(3));
  if (!text.startsWith('v1:') || !Number.isInteger(offset) || offset < 0) throw badUserInput('after', 'is not a cursor returned by this API');
  return offset + 1;
}

/** Runs a page query (asking for one row more to know whether another page follows) and builds the connection. */
export async function paginate<T>(
  args: { first?: number | null; after?: string | null },
  find: (skip: number, take: number) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<Page<T>> {
  const take = pageSize(args.first);
  const skip = decodeCursor(args.after);
  const rows = await find(skip, take + 1);
  const edges = rows.slice(0, take).map((node, i) => ({ node, cursor: encodeCursor(skip + i) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > take, hasPreviousPage: skip > 0, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    count,
  };
}
