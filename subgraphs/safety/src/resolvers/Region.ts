import { requireVisiblePrefixes, visiblePrefixes } from '@hub/access';
import { regionLevel } from '@hub/identifiers';
import type { InjuryStatisticsGroupResolvers, InjuryStatisticsResolvers, RegionResolvers } from '../generated/resolvers-types';
import type { InjuryStatisticsModel } from '../data/models';
import { indicatorCounts } from '../data/loaders';
import { programmeVisible } from '../data/jurisdiction';
import { todayIso } from '../domain/dates';
import { ratePer100k, summariseInjuries, type InjuryDimension } from '../domain/injuryStatistics';
import { dimensionKeys, dimensionLabel } from '../domain/labels';
import type { Loaders } from '../data/loaders';
import { badUserInput } from './errors';

/** Injury statistics of a region: counts from this subgraph, population from community (through @requires). */
export async function injuryStatistics(
  loaders: Loaders,
  region: { code: string; population?: number | null },
  from: string,
  to: string,
  groupBy: InjuryDimension | null,
): Promise<InjuryStatisticsModel> {
  const population = typeof region.population === 'number' ? region.population : null;
  const { rows, previous } = await loaders.injuryStatistics.load({ regionCode: region.code, from, to, groupBy });
  const summary = summariseInjuries({ from, to }, rows, previous, population, groupBy ? dimensionKeys(groupBy) : []);
  return { ...summary, groups: groupBy ? summary.groups : [], groupBy, population, deathRatePer100k: ratePer100k(summary.deaths, population) };
}

export const Region: RegionResolvers = {
  // A region is community's: it resolves here when it and the jurisdiction overlap (a wider region's figures are narrowed).
  __resolveReference: (reference, { caller }) => (visiblePrefixes(caller, reference.code).length > 0 ? reference : null),
  safetyProgramme: async (region, _args, { caller, loaders }) => {
    const programme = regionLevel(region.code) ? await loaders.programmeCoveringRegion.load(region.code) : null;
    return programme && programmeVisible(caller, programme.regionCode) ? programme : null;
  },
  injuryStatistics: (region, { from, to, groupBy }, { caller, loaders }) => {
    if (from > to) throw badUserInput('from', `the period starts (${from}) after it ends (${to})`);
    if (!regionLevel(region.code)) return null;
    // Counted only inside the jurisdiction (the loader narrows); a region wholly outside is FORBIDDEN.
    requireVisiblePrefixes(caller, region.code);
    return injuryStatistics(loaders, region, from, to, groupBy ?? null);
  },
  safetyStatistics: async (region, args, { caller, loaders }) => {
    const today = todayIso();
    const thisYear = Number(today.slice(0, 4));
    const year = args.year ?? thisYear;
    if (!Number.isInteger(year) || year < 2000 || year > thisYear) throw badUserInput('year', `must be a year from 2000 to ${thisYear}, got ${year}`);
    if (!regionLevel(region.code)) return null;
    requireVisiblePrefixes(caller, region.code);
    const until = year === thisYear ? today : `${year}-12-31`;
    const [injuries, dashboard, indicators] = await Promise.all([
      injuryStatistics(loaders, region, `${year}-01-01`, until, null),
      loaders.dashboard.load({ regionCode: region.code, year, until, today }),
      loaders.indicatorsByRegionCode.load(region.code),
    ]);
    const { achieved, measured } = indicatorCounts(indicators);
    return {
      year,
      injuries: injuries.total,
      injuriesPreviousYear: injuries.previousTotal,
      injuryChangeRate: injuries.changeRate,
      injuryRatePer100k: injuries.ratePer100k,
      hospitalised: injuries.hospitalised,
      deaths: injuries.deaths,
      indicatorsAchieved: achieved,
      indicatorsMeasured: measured,
      ...dashboard,
    };
  },
};

export const InjuryStatistics: InjuryStatisticsResolvers = {
  from: (stats) => stats.period.from,
  to: (stats) => stats.period.to,
  previousFrom: (stats) => stats.previousPeriod.from,
  previousTo: (stats) => stats.previousPeriod.to,
  groups: (stats) => stats.groups.map((group) => ({ ...group, dimension: stats.groupBy })),
};

export const InjuryStatisticsGroup: InjuryStatisticsGroupResolvers = {
  label: (group) => dimensionLabel(group.dimension, group.key),
};
