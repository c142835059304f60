import type { GridResolvers, RegionResolvers } from '../generated/resolvers-types';
import { maskPhone } from '@hub/identifiers';
import { badUserInput } from './errors';

export const Region: RegionResolvers = {
  __resolveReference: ({ code }, { loaders }) => loaders.regionByCode.load(code),
  parent: (region, _args, { loaders }) => (region.parentCode ? loaders.regionByCode.load(region.parentCode) : null),
  children: (region, _args, { loaders }) => loaders.childrenByRegionCode.load(region.code),
  grids: (region, _args, { loaders }) => (region.level === 'COMMUNITY' ? loaders.gridsByRegionCode.load(region.code) : []),
  population: async (region, _args, { loaders }) => (await loaders.regionCounts.load(region.code)).population,
  householdCount: async (region, _args, { loaders }) => (await loaders.regionCounts.load(region.code)).householdCount,
  communityStatistics: (region, { year }, { loaders }) => {
    if (year !== null && year !== undefined && (!Number.isInteger(year) || year < 1949 || year > 2100)) throw badUserInput('year', `must be a calendar year, got ${year}`);
    return loaders.statistics.load(`${region.code}:${year ?? ''}`);
  },
  governanceOrganisations: (region, _args, { loaders }) => (region.level === 'COMMUNITY' ? loaders.organisationsByRegionCode.load(region.code) : []),
  cadres: (region, _args, { loaders }) => (region.level === 'COMMUNITY' ? loaders.servingCadresByRegionCode.load(region.code) : []),
  volunteers: (region, _args, { loaders }) => (region.level === 'COMMUNITY' ? loaders.activeVolunteersByRegionCode.load(region.code) : []),
  workAdmissions: async (region, { status }, { loaders }) => {
    if (region.level !== 'COMMUNITY') return [];
    const rows = await loaders.workAdmissionsByRegionCode.load(region.code);
    return status ? rows.filter((w) => w.status === status) : rows;
  },
};

export const Grid: GridResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.gridById.load(id),
  region: async (grid, _args, { loaders }) => (await loaders.regionByCode.load(grid.regionCode))!,
  workerPhone: (grid) => maskPhone(grid.workerPhone),
};
