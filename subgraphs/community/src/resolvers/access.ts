// Jurisdiction in the community subgraph: every record is judged by the region code community stores with it
// (a household's and a record's own column; a person's from where community places them, see data/personRegion.ts).
import { inJurisdiction, prismaRegionWhere, requireVisiblePrefixes, visiblePrefixes, type Caller } from '@hub/access';
import type { Context } from '../context';
import type { PersonRow, RegionRow } from '../data/models';
import { subtreeRoots } from '../data/statistics';
import { requireRegionCode } from './errors';

type Access = Pick<Context, 'caller' | 'loaders'>;

/**
 * The subtrees a list query over `regionCode` covers for this caller: a malformed code is BAD_USER_INPUT, a region
 * wholly outside the jurisdiction FORBIDDEN, a wider one narrowed to the caller's own regions (disjoint, so counts add up).
 */
export function listPrefixes(caller: Caller, field: string, regionCode: string): string[] {
  requireRegionCode(field, regionCode);
  return subtreeRoots(requireVisiblePrefixes(caller, regionCode));
}

/** Prisma condition: the record's `regionCode` lies under one of the prefixes. */
export const regionWhere = (prefixes: readonly string[]) => prismaRegionWhere(prefixes, 'regionCode');

/** The disjoint subtrees a region's statistics aggregate over for this caller; empty for a region wholly outside. */
export const statisticsPrefixes = (caller: Caller, regionCode: string): string[] => subtreeRoots(visiblePrefixes(caller, regionCode));

/**
 * A region the caller may see: one inside the jurisdiction, or one above it (a grid worker's subdistrict and district,
 * whose names and statistics narrowed to the caller's subtree are shown). Others read as unknown.
 */
export function visibleRegion(caller: Caller, region: RegionRow | null | undefined): RegionRow | null {
  return region && visiblePrefixes(caller, region.code).length > 0 ? region : null;
}

/** The record when its stored region code lies inside the caller's jurisdiction, else null (reads as unknown). */
export function visibleRecord<T extends { regionCode: string }>(caller: Caller, record: T | null | undefined): T | null {
  return record && inJurisdiction(caller, record.regionCode) ? record : null;
}

/** Keeps the records inside the caller's jurisdiction, in order. */
export function visibleRecords<T extends { regionCode: string }>(caller: Caller, records: readonly T[]): T[] {
  return records.filter((record) => inJurisdiction(caller, record.regionCode));
}

/** Whether community places the person inside the caller's jurisdiction (one batched statement per request). */
export async function personInJurisdiction({ caller, loaders }: Access, personId: string): Promise<boolean> {
  return inJurisdiction(caller, await loaders.personRegionById.load(personId));
}

/** The person when community places them inside the caller's jurisdiction, else null (an entry point's answer). */
export async function visiblePerson(access: Access, person: PersonRow | null | undefined): Promise<PersonRow | null> {
  return person && (await personInJurisdiction(access, person.id)) ? person : null;
}
