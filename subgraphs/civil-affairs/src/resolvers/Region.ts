import { regionSubtreePrefix, requireVisiblePrefixes, visiblePrefixes } from '@hub/access';
import type { RegionResolvers } from '../generated/resolvers-types';
import { isIsoDate } from '../domain/dates';
import { isoArg } from './dates';
import { badUserInput } from './errors';

/** Drops prefixes inside another one of the list, so that no record is counted twice. */
function outermost(prefixes: string[]): string[] {
  return prefixes.filter((p, i) => !prefixes.some((q, j) => j !== i && p.startsWith(q) && (p !== q || j < i)));
}

export const Region: RegionResolvers = {
  // Community owns the region tree; a region wholly outside the caller's jurisdiction reads as unknown.
  __resolveReference: ({ code }, { caller }) => (visiblePrefixes(caller, code).length > 0 ? { code } : null),
  civilAffairsStatistics: (region, { asOf }, { caller, loaders, today }) => {
    // A code that cannot be a region has no figures.
    if (!regionSubtreePrefix(region.code)) return null;
    const day = asOf === null || asOf === undefined ? today : isoArg(asOf);
    if (!isIsoDate(day)) throw badUserInput('asOf', 'must be a date YYYY-MM-DD');
    // Figures over the region's subtree, narrowed to the caller's own subtrees when the region is wider.
    const prefixes = outermost(requireVisiblePrefixes(caller, region.code));
    return loaders.statisticsByRegion.load({ code: region.code, asOf: day, prefixes });
  },
};
