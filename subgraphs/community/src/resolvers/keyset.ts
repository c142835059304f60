import type { Page } from '../data/models';
import { dbDate } from '../data/dates';
import { isIsoDate } from '../domain/dates';
import { badUserInput } from './errors';
import { decodeCursor, encodeCursor } from './pagination';
import { isUuid } from './Query';

/** Position after which a newest-first page continues: a date and the id that breaks ties. */
export interface Keyset {
  date: Date;
  id: string;
}

export function decodeKeyset(after: string | null | undefined): Keyset | undefined {
  const key = decodeCursor(after);
  if (key === undefined) return undefined;
  const [date, id] = key.split('|');
  if (!date || !id || !isIsoDate(date) || !isUuid(id)) throw badUserInput('after', 'is not a cursor returned by this API');
  return { date: dbDate(date), id };
}

/** Prisma condition for rows strictly after the keyset in (date desc, id desc) order. */
export function afterKeyset<F extends string>(field: F, keyset: Keyset | undefined): object {
  if (!keyset) return {};
  return { OR: [{ [field]: { lt: keyset.date } }, { [field]: keyset.date, id: { lt: keyset.id } }] };
}

/** Builds a page from `take + 1` rows fetched newest first. */
export function toPage<T extends { id: string }>(rows: T[], take: number, after: Keyset | undefined, dateOf: (row: T) => Date, count: () => Promise<number>): Page<T> {
  const nodes = rows.slice(0, take);
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(`${dateOf(node).toISOString().slice(0, 10)}|${node.id}`) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > take, hasPreviousPage: after !== undefined, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    count,
  };
}
