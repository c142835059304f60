import { badUserInput } from './errors';

export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw badUserInput('first', `must be between 1 and ${MAX_PAGE_SIZE}, got ${size}`);
  return size;
}

/** Cursors are opaque to clients: base64url of the sort key (a month or a day) and the id. */
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(`v1:${key}:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): { key: string; id: string } | null {
  if (cursor === null || cursor === undefined) return null;
  const match = /^v1:(\d{4}-\d{2}(?:-\d{2})?):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badUserInput('after', 'is not a cursor returned by this API');
  return { key: match[1]!, id: match[2]! };
}

export function pageInfo<T>(rows: T[], take: number, after: unknown, cursorOf: (row: T) => string) {
  const edges = rows.slice(0, take).map((node) => ({ node, cursor: cursorOf(node) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > take, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
