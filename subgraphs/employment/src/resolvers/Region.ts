import type { EmploymentStatisticsResolvers, EmploymentTargetProgressResolvers, RegionResolvers } from '../generated/resolvers-types';
import { completionRate, INDICATORS, indicatorInfo, isMoneyIndicator } from '../domain/targets';
import type { RegionStatistics } from '../data/statistics';
import { statisticsPrefixes } from './access';
import { requireYear } from './errors';

/** Adds up the figures of disjoint subtrees: every statistic is a count. */
function sumStatistics(parts: readonly RegionStatistics[]): RegionStatistics {
  const [first, ...rest] = parts;
  const total = { ...first! };
  for (const part of rest) for (const key of Object.keys(total) as (keyof RegionStatistics)[]) total[key] += part[key];
  return total;
}

export const Region: RegionResolvers = {
  // A region wholly outside the caller's jurisdiction reads as unknown; a wider one is narrowed by its fields.
  __resolveReference: ({ code }, { caller }) => (statisticsPrefixes(caller, code).length > 0 ? { code } : null),
  // Aggregated over the caller's part of the subtree only (visiblePrefixes): a community's grid worker asking about
  // the district gets the figures of the community.
  employmentStatistics: async (region, _args, { caller, loaders }) => {
    const prefixes = statisticsPrefixes(caller, region.code);
    return prefixes.length > 0 ? sumStatistics(await loaders.regionStatistics.loadMany(prefixes).then(rethrow)) : null;
  },
  employmentTargets: async (region, { year }, { caller, loaders }) => {
    requireYear('year', year);
    const prefixes = statisticsPrefixes(caller, region.code);
    if (prefixes.length === 0) return null;
    const keys = prefixes.map((prefix) => `${prefix}|${year}`);
    const [targets, actuals] = await Promise.all([loaders.targetsByRegionYear.loadMany(keys).then(rethrow), loaders.targetActuals.loadMany(keys).then(rethrow)]);
    return INDICATORS.map(({ indicator }) => {
      const set = targets.map((t) => t.get(indicator)).filter((t): t is bigint => t !== undefined);
      return {
        indicator,
        year,
        target: set.length > 0 ? set.reduce((sum, t) => sum + t, 0n) : null,
        actual: actuals.reduce((sum, a) => sum + a[indicator], 0n),
      };
    });
  },
};

/** DataLoader.loadMany answers errors in place: a failed statement fails the field. */
function rethrow<T>(values: (T | Error)[]): T[] {
  for (const value of values) if (value instanceof Error) throw value;
  return values as T[];
}

const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part * 1000) / whole) / 10 : null);

export const EmploymentStatistics: EmploymentStatisticsResolvers = {
  selfManagementCoverageRate: (s) => percent(s.retireesInGroups, s.retirees),
  pensionCertificationRate: (s) => percent(s.retireesCertified, s.retirees),
  registeredUnemploymentRate: (s) => {
    // Labour force = employed + flexibly employed + registered unemployed (登记失业率口径).
    return percent(s.registeredUnemployed, s.employed + s.flexiblyEmployed + s.registeredUnemployed);
  },
};

export const EmploymentTargetProgress: EmploymentTargetProgressResolvers = {
  item: (p) => indicatorInfo(p.indicator).item,
  name: (p) => indicatorInfo(p.indicator).name,
  unit: (p) => indicatorInfo(p.indicator).unit,
  targetCount: (p) => (isMoneyIndicator(p.indicator) || p.target === null ? null : Number(p.target)),
  actualCount: (p) => (isMoneyIndicator(p.indicator) ? null : Number(p.actual)),
  targetAmount: (p) => (isMoneyIndicator(p.indicator) ? p.target : null),
  actualAmount: (p) => (isMoneyIndicator(p.indicator) ? p.actual : null),
  completionRate: (p) => completionRate(p.actual, p.target),
};
