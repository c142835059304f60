import type { GridResolvers, RegionResolvers } from '../generated/resolvers-types';
import { maskPhone } from '@hub/identifiers';

export const Region: RegionResolvers = {
  __resolveReference: ({ code }, { loaders }) => loaders.regionByCode.load(code),
  parent: (region, _args, { loaders }) => (region.parentCode ? loaders.regionByCode.load(region.parentCode) : null),
  children: (region, _args, { loaders }) => loaders.childrenByRegionCode.load(region.code),
  grids: (region, _args, { loaders }) => (region.level === 'COMMUNITY' ? loaders.gridsByRegionCode.load(region.code) : []),
  population: async (region, _args, { loaders }) => (await loaders.regionCounts.load(region.code)).population,
  householdCount: async (region, _args, { loaders }) => (await loaders.regionCounts.load(region.code)).householdCount,
};

export const Grid: GridResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.gridById.load(id),
  region: async (grid, _args, { loaders }) => (await loaders.regionByCode.load(grid.regionCode))!,
  workerPhone: (grid) => maskPhone(grid.workerPhone),
};
