// Jurisdiction in the safety subgraph, from its own region columns (injury_record, hazard, high_risk_member
// and programme all store a region code): what a caller may see, count and change.
import { inJurisdiction, prismaRegionWhere, visiblePrefixes, type Caller } from '@hub/access';

/** Prefixes none of which lies inside another, so that counting over them counts every row once. */
export function disjointPrefixes(prefixes: readonly string[]): string[] {
  const unique = [...new Set(prefixes)].sort((a, b) => a.length - b.length || a.localeCompare(b));
  return unique.filter((prefix, i) => !unique.slice(0, i).some((outer) => prefix.startsWith(outer)));
}

/** The parts of a region's subtree the caller may count: the region itself, or the caller's roots inside it; empty when wholly outside. */
export function statisticsPrefixes(caller: Caller, regionCode: string): string[] {
  return disjointPrefixes(visiblePrefixes(caller, regionCode));
}

/** Prisma `where` keeping rows whose `regionCode` lies in the caller's jurisdiction (nothing for an empty one). */
export function jurisdictionWhere(caller: Caller): { OR: { regionCode: { startsWith: string } }[] } {
  return prismaRegionWhere(disjointPrefixes(caller.jurisdiction), 'regionCode');
}

/**
 * A programme is visible when its region and the jurisdiction overlap: it lies inside the jurisdiction,
 * or it is the programme of a town that contains the caller's community (the grid worker takes part in it).
 */
export function programmeVisible(caller: Caller, programmeRegionCode: string): boolean {
  return inJurisdiction(caller, programmeRegionCode) || caller.jurisdiction.some((root) => root.startsWith(programmeRegionCode));
}

/** Changing a programme or its records needs the programme's whole region inside the jurisdiction. */
export function programmeWritable(caller: Caller, programmeRegionCode: string): boolean {
  return inJurisdiction(caller, programmeRegionCode);
}

/** Prisma `where` of the programmes visible to the caller (see programmeVisible). */
export function visibleProgrammesWhere(caller: Caller): { OR: ({ regionCode: { startsWith: string } } | { regionCode: { in: string[] } })[] } {
  const roots = disjointPrefixes(caller.jurisdiction);
  // Region codes that contain a root: its proper prefixes at the levels a programme can have.
  const containing = [...new Set(roots.flatMap((root) => [6, 9].filter((n) => n < root.length).map((n) => root.slice(0, n))))];
  return { OR: [...jurisdictionWhere(caller).OR, ...(containing.length > 0 ? [{ regionCode: { in: containing } }] : [])] };
}
