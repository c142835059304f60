import { regionLevel } from '@hub/identifiers';
import type { RegionResolvers } from '../generated/resolvers-types';
import { isIsoDate } from '../domain/dates';
import { isoArg } from './dates';
import { badUserInput } from './errors';

export const Region: RegionResolvers = {
  __resolveReference: ({ code }) => ({ code }),
  civilAffairsStatistics: (region, { asOf }, { loaders, today }) => {
    // Community owns the region tree; a code that cannot be a region has no figures.
    if (!regionLevel(region.code)) return null;
    const day = asOf === null || asOf === undefined ? today : isoArg(asOf);
    if (!isIsoDate(day)) throw badUserInput('asOf', 'must be a date YYYY-MM-DD');
    return loaders.statisticsByRegion.load({ code: region.code, asOf: day });
  },
};
