import { badUserInput } from './errors';

export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw badUserInput('first', `must be between 1 and ${MAX_PAGE_SIZE}, got ${size}`);
  return size;
}

/** Cursors are opaque to clients: base64url of the sort key. */
export function encodeCursor(key: string): string {
  return Buffer.from(`v1:${key}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('v1:')) throw badUserInput('after', 'is not a cursor returned by this API');
  return text.slice(3);
}
