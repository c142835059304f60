import DataLoader from 'dataloader';
import type { CommunityDb } from './db';
import type { GridRow, HouseholdRow, MembershipRow, PersonRow, RegionRow } from './models';

/** Region counts over a subtree. */
export interface RegionCounts {
  population: number;
  householdCount: number;
}

const RELATION_ORDER = ['HEAD', 'SPOUSE', 'PARENT', 'CHILD', 'GRANDCHILD', 'SIBLING', 'OTHER'];

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return keys.map((key) => map.get(key)!);
}

/** One set per request: every entity reference and relation is batched into one statement per kind. */
export function createLoaders({ prisma }: CommunityDb) {
  return {
    regionByCode: new DataLoader<string, RegionRow | null>(async (codes) =>
      byKey(codes, await prisma.region.findMany({ where: { code: { in: [...codes] } } }), (r) => r.code),
    ),
    childrenByRegionCode: new DataLoader<string, RegionRow[]>(async (codes) =>
      groupByKey(codes, await prisma.region.findMany({ where: { parentCode: { in: [...codes] } }, orderBy: { code: 'asc' } }), (r) => r.parentCode!),
    ),
    gridById: new DataLoader<string, GridRow | null>(async (ids) =>
      byKey(ids, await prisma.grid.findMany({ where: { id: { in: [...ids] } } }), (g) => g.id),
    ),
    gridsByRegionCode: new DataLoader<string, GridRow[]>(async (codes) =>
      groupByKey(codes, await prisma.grid.findMany({ where: { regionCode: { in: [...codes] } }, orderBy: { name: 'asc' } }), (g) => g.regionCode),
    ),
    householdById: new DataLoader<string, HouseholdRow | null>(async (ids) =>
      byKey(ids, await prisma.household.findMany({ where: { id: { in: [...ids] } } }), (h) => h.id),
    ),
    personById: new DataLoader<string, PersonRow | null>(async (ids) =>
      byKey(ids, await prisma.person.findMany({ where: { id: { in: [...ids] } } }), (p) => p.id),
    ),
    personByIdNumber: new DataLoader<string, PersonRow | null>(async (numbers) =>
      byKey(numbers, await prisma.person.findMany({ where: { idNumber: { in: [...numbers] } } }), (p) => p.idNumber),
    ),
    currentMembersByHouseholdId: new DataLoader<string, MembershipRow[]>(async (ids) => {
      const rows = await prisma.householdMembership.findMany({ where: { householdId: { in: [...ids] }, endDate: null } });
      rows.sort((a, b) => RELATION_ORDER.indexOf(a.relation) - RELATION_ORDER.indexOf(b.relation) || a.startDate.getTime() - b.startDate.getTime());
      return groupByKey(ids, rows, (m) => m.householdId);
    }),
    currentMembershipByPersonId: new DataLoader<string, MembershipRow | null>(async (ids) =>
      byKey(ids, await prisma.householdMembership.findMany({ where: { personId: { in: [...ids] }, endDate: null } }), (m) => m.personId),
    ),
    regionCounts: new DataLoader<string, RegionCounts>(async (codes) => {
      // One statement for every region asked: households and current members under each code prefix.
      const rows = await prisma.$queryRaw<{ code: string; households: bigint; population: bigint }[]>`
        SELECT r.code,
               (SELECT count(*) FROM "community"."household" h WHERE h.region_code LIKE r.code || '%') AS households,
               (SELECT count(*) FROM "community"."household_membership" m
                  JOIN "community"."household" h ON h.id = m.household_id
                 WHERE m.end_date IS NULL AND h.region_code LIKE r.code || '%') AS population
          FROM unnest(${[...codes]}::text[]) AS r(code)`;
      const map = new Map(rows.map((r) => [r.code, { population: Number(r.population), householdCount: Number(r.households) }]));
      return codes.map((code) => map.get(code) ?? { population: 0, householdCount: 0 });
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
