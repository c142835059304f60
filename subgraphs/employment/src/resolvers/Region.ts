import type { EmploymentStatisticsResolvers, EmploymentTargetProgressResolvers, RegionResolvers } from '../generated/resolvers-types';
import { regionLevel } from '@hub/identifiers';
import { completionRate, INDICATORS, indicatorInfo, isMoneyIndicator } from '../domain/targets';
import { requireYear } from './errors';

export const Region: RegionResolvers = {
  __resolveReference: ({ code }) => ({ code }),
  employmentStatistics: (region, _args, { loaders }) => (regionLevel(region.code) ? loaders.regionStatistics.load(region.code) : null),
  employmentTargets: async (region, { year }, { loaders }) => {
    requireYear('year', year);
    if (!regionLevel(region.code)) return null;
    const key = `${region.code}|${year}`;
    const [targets, actuals] = await Promise.all([loaders.targetsByRegionYear.load(key), loaders.targetActuals.load(key)]);
    return INDICATORS.map(({ indicator }) => ({ indicator, year, target: targets.get(indicator) ?? null, actual: actuals[indicator] }));
  },
};

export const EmploymentStatistics: EmploymentStatisticsResolvers = {
  registeredUnemploymentRate: (s) => {
    // Labour force = employed + flexibly employed + registered unemployed (登记失业率口径).
    const labourForce = s.employed + s.flexiblyEmployed + s.registeredUnemployed;
    return labourForce > 0 ? Math.round((s.registeredUnemployed * 1000) / labourForce) / 10 : null;
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
