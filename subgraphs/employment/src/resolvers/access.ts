// Jurisdiction in the employment subgraph: every record is judged by the region code this subgraph stores with it
// (a person's and a household's by their labour-force record), never by another subgraph's copy.
import { inJurisdiction, regionSubtreePrefix, requireVisiblePrefixes, visiblePrefixes, type Caller } from '@hub/access';
import type { Context } from '../context';
import type { LabourForceMemberRow } from '../data/models';
import { requireRegionCode } from './errors';

/** Prefixes with those inside another one dropped: the subtrees left are disjoint, so their counts add up. */
export function disjointPrefixes(prefixes: readonly string[]): string[] {
  const unique = [...new Set(prefixes)].sort();
  return unique.filter((prefix) => !unique.some((other) => other !== prefix && prefix.startsWith(other)));
}

/**
 * The subtrees a list query over `regionCode` covers for this caller: a malformed code is BAD_USER_INPUT, a region
 * wholly outside the jurisdiction FORBIDDEN, a wider one narrowed to the caller's own regions.
 */
export function listPrefixes(caller: Caller, field: string, regionCode: string): string[] {
  requireRegionCode(field, regionCode);
  return disjointPrefixes(requireVisiblePrefixes(caller, regionCode));
}

/** The subtrees a region's statistics aggregate over for this caller; empty for no region or one wholly outside. */
export function statisticsPrefixes(caller: Caller, regionCode: string): string[] {
  return regionSubtreePrefix(regionCode) === null ? [] : disjointPrefixes(visiblePrefixes(caller, regionCode));
}

/** Whether a record with this stored region code lies inside the caller's jurisdiction. */
export const visibleRegion = (caller: Caller, regionCode: string | null | undefined): boolean => inJurisdiction(caller, regionCode);

/**
 * The person's labour-force record when the caller may see it. A person the labour office does not record has no
 * region here and no employment records either, so it reads as unknown too (null), as one outside the jurisdiction.
 */
export async function visibleMember({ caller, loaders }: Pick<Context, 'caller' | 'loaders'>, personId: string): Promise<LabourForceMemberRow | null> {
  const member = await loaders.memberByPersonId.load(personId);
  return member && inJurisdiction(caller, member.regionCode) ? member : null;
}

/** Whether the caller may see the household: its members' labour-force records all carry the household's region. */
export async function visibleHousehold({ caller, loaders }: Pick<Context, 'caller' | 'loaders'>, householdId: string): Promise<boolean> {
  const members = await loaders.membersByHouseholdId.load(householdId);
  return members.length > 0 && members.every((member) => inJurisdiction(caller, member.regionCode));
}
