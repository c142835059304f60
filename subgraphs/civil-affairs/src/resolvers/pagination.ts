import { badUserInput } from './errors';

export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw badUserInput('first', `must be between 1 and ${MAX_PAGE_SIZE}, got ${size}`);
  return size;
}

/** Cursors are opaque to clients: base64url of the sort key (month and id). */
export function encodeCursor(period: string, id: string): string {
  return Buffer.from(`v1:${period}:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): { period: string; id: string } | null {
  if (cursor === null || cursor === undefined) return null;
  const match = /^v1:(\d{4}-\d{2}):([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badUserInput('after', 'is not a cursor returned by this API');
  return { period: match[1]!, id: match[2]! };
}
