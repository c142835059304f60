import DataLoader from 'dataloader';
import type { CivilAffairsDb } from './db';
import type { DeathRow, DisabilityRow, EnrolmentRow } from './models';

export function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

export function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K | null): V[][] {
  const map = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== null) map.get(key)?.push(row);
  }
  return keys.map((key) => map.get(key)!);
}

const NEWEST_FIRST = [{ startDate: 'desc' as const }, { id: 'asc' as const }];

/** One set per request: every entity reference and relation is batched into one statement per kind. */
export function createLoaders({ prisma }: CivilAffairsDb) {
  return {
    enrolmentById: new DataLoader<string, EnrolmentRow | null>(async (ids) =>
      byKey(ids, await prisma.enrolment.findMany({ where: { id: { in: [...ids] } } }), (e) => e.id),
    ),
    enrolmentsByHouseholdId: new DataLoader<string, EnrolmentRow[]>(async (ids) =>
      groupByKey(ids, await prisma.enrolment.findMany({ where: { householdId: { in: [...ids] } }, orderBy: NEWEST_FIRST }), (e) => e.householdId),
    ),
    enrolmentsByPersonId: new DataLoader<string, EnrolmentRow[]>(async (ids) =>
      groupByKey(ids, await prisma.enrolment.findMany({ where: { personId: { in: [...ids] } }, orderBy: NEWEST_FIRST }), (e) => e.personId),
    ),
    disabilityByPersonId: new DataLoader<string, DisabilityRow | null>(async (ids) =>
      byKey(ids, await prisma.disabilityRecord.findMany({ where: { personId: { in: [...ids] } } }), (d) => d.personId),
    ),
    deathByPersonId: new DataLoader<string, DeathRow | null>(async (ids) =>
      byKey(ids, await prisma.deathRecord.findMany({ where: { personId: { in: [...ids] } } }), (d) => d.personId),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
