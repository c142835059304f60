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
