import DataLoader from 'dataloader';
import type { SafetyDb } from './db';
import type { InjuryRecordRow } from './models';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else cannot name a record here, so it is left out of the query. */
export const isUuid = (id: string): boolean => UUID.test(id);

export function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return keys.map((key) => map.get(key)!);
}

/** One set per request: every entity reference and relation is batched into one statement per kind. */
export function createLoaders({ prisma }: SafetyDb) {
  return {
    injuriesByPersonId: new DataLoader<string, InjuryRecordRow[]>(async (ids) =>
      groupByKey(
        ids,
        await prisma.injuryRecord.findMany({ where: { personId: { in: ids.filter(isUuid) } }, orderBy: [{ injuryDate: 'desc' }, { id: 'asc' }] }),
        (r) => r.personId!,
      ),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
