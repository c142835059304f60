import type { GridResolvers, RegionResolvers } from '../generated/resolvers-types';
import { inJurisdiction } from '@hub/access';
import { addStatistics } from '../data/statistics';
import type { CommunityStatisticsRow } from '../data/models';
import { statisticsPrefixes, visibleRecord, visibleRegion } from './access';
import { badUserInput } from './errors';

/** Loads one figure per prefix and keeps the answers that are not errors (a loader error is rethrown). */
async function perPrefix<T>(load: (keys: string[]) => Promise<(T | Error)[]>, keys: string[]): Promise<T[]> {
  const results = await load(keys);
  for (const result of results) if (result instanceof Error) throw result;
  return results as T[];
}

export const Region: RegionResolvers = {
  __resolveReference: async ({ code }, { caller, loaders }) => visibleRegion(caller, await loaders.regionByCode.load(code)),
  parent: async (region, _args, { caller, loaders }) => (region.parentCode ? visibleRegion(caller, await loaders.regionByCode.load(region.parentCode)) : null),
  children: async (region, _args, { caller, loaders }) => (await loaders.childrenByRegionCode.load(region.code)).filter((child) => visibleRegion(caller, child) !== null),
  grids: (region, _args, { caller, loaders }) => (region.level === 'COMMUNITY' && inJurisdiction(caller, region.code) ? loaders.gridsByRegionCode.load(region.code) : []),
  // Counts cover only the parts of the subtree inside the caller's jurisdiction.
  population: async (region, _args, { caller, loaders }) => {
    const counts = await perPrefix((keys) => loaders.regionCounts.loadMany(keys), statisticsPrefixes(caller, region.code));
    return counts.reduce((total, c) => total + c.population, 0);
  },
  householdCount: async (region, _args, { caller, loaders }) => {
    const counts = await perPrefix((keys) => loaders.regionCounts.loadMany(keys), statisticsPrefixes(caller, region.code));
    return counts.reduce((total, c) => total + c.householdCount, 0);
  },
  communityStatistics: async (region, { year }, { caller, loaders }) => {
    if (year !== null && year !== undefined && (!Number.isInteger(year) || year < 1949 || year > 2100)) throw badUserInput('year', `must be a calendar year, got ${year}`);
    const keys = statisticsPrefixes(caller, region.code).map((prefix) => `${prefix}:${year ?? ''}`);
    return addStatistics(await perPrefix<CommunityStatisticsRow>((k) => loaders.statistics.loadMany(k), keys));
  },
  governanceOrganisations: (region, _args, { caller, loaders }) => (region.level === 'COMMUNITY' && inJurisdiction(caller, region.code) ? loaders.organisationsByRegionCode.load(region.code) : []),
  cadres: (region, _args, { caller, loaders }) => (region.level === 'COMMUNITY' && inJurisdiction(caller, region.code) ? loaders.servingCadresByRegionCode.load(region.code) : []),
  volunteers: (region, _args, { caller, loaders }) => (region.level === 'COMMUNITY' && inJurisdiction(caller, region.code) ? loaders.activeVolunteersByRegionCode.load(region.code) : []),
  workAdmissions: async (region, { status }, { caller, loaders }) => {
    if (region.level !== 'COMMUNITY' || !inJurisdiction(caller, region.code)) return [];
    const rows = await loaders.workAdmissionsByRegionCode.load(region.code);
    return status ? rows.filter((w) => w.status === status) : rows;
  },
};

export const Grid: GridResolvers = {
  __resolveReference: async ({ id }, { caller, loaders }) => visibleRecord(caller, await loaders.gridById.load(id)),
  region: async (grid, _args, { loaders }) => (await loaders.regionByCode.load(grid.regionCode))!,
};
