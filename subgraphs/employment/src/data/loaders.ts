import DataLoader from 'dataloader';
import type { EmploymentDb } from './db';
import type { EpisodeRow, LabourForceMemberRow, StatusPeriodRow } from './models';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else cannot name a record, so it is unknown (and must not reach a uuid column). */
export const isUuid = (id: string): boolean => UUID.test(id);

export function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

export function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return keys.map((key) => map.get(key)!);
}

const uuids = (ids: readonly string[]): string[] => ids.filter(isUuid);

/** One set per request: every entity reference and relation is batched into one statement per kind. */
export function createLoaders({ prisma }: EmploymentDb) {
  return {
    memberByPersonId: new DataLoader<string, LabourForceMemberRow | null>(async (ids) =>
      byKey(ids, await prisma.labourForceMember.findMany({ where: { personId: { in: uuids(ids) } } }), (m) => m.personId),
    ),
    membersByHouseholdId: new DataLoader<string, LabourForceMemberRow[]>(async (ids) =>
      groupByKey(ids, await prisma.labourForceMember.findMany({ where: { householdId: { in: uuids(ids) } } }), (m) => m.householdId),
    ),
    /** A person's status periods, earliest first. */
    statusPeriodsByPersonId: new DataLoader<string, StatusPeriodRow[]>(async (ids) =>
      groupByKey(
        ids,
        await prisma.employmentStatusPeriod.findMany({ where: { personId: { in: uuids(ids) } }, orderBy: [{ startDate: 'asc' }, { id: 'asc' }] }),
        (p) => p.personId,
      ),
    ),
    /** A household's zero-employment episodes, earliest first. */
    episodesByHouseholdId: new DataLoader<string, EpisodeRow[]>(async (ids) =>
      groupByKey(
        ids,
        await prisma.zeroEmploymentEpisode.findMany({ where: { householdId: { in: uuids(ids) } }, orderBy: [{ aroseOn: 'asc' }, { id: 'asc' }] }),
        (e) => e.householdId,
      ),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
