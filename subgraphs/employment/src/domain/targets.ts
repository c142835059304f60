/** The seed's 16 labour-protection indicators (劳动保障重点工作目标任务): item number, unit and name. */

export type TargetIndicator =
  | 'NEW_URBAN_EMPLOYMENT'
  | 'REEMPLOYMENT_OF_REGISTERED_UNEMPLOYED'
  | 'DIFFICULT_PERSONS_PLACED'
  | 'REAL_NAME_REGISTRATION'
  | 'SKILLS_TRAINING'
  | 'ENTERPRISE_SKILL_UPGRADE_TRAINING'
  | 'RESIDENT_PENSION_ENROLMENT'
  | 'RESIDENT_MEDICAL_ENROLMENT'
  | 'PUBLICITY_ARTICLES'
  | 'SYB_TRAINING'
  | 'MICRO_LOAN_AMOUNT'
  | 'ENTREPRENEURSHIP_TRAINING_BASES'
  | 'PRACTICAL_TRAINEES'
  | 'INFORMAL_ORGANISATIONS'
  | 'INFORMAL_EMPLOYMENT_ABSORBED'
  | 'INCUBATED_ENTERPRISES'
  | 'INCUBATED_ENTERPRISE_JOBS'
  | 'INCUBATED_ENTERPRISE_TAX'
  | 'DEMONSTRATION_SITES'
  | 'ENTREPRENEURSHIP_BASE_AREA'
  | 'DEMONSTRATION_SITE_JOBS';

export type TargetUnit = 'PERSONS' | 'HOUSEHOLDS' | 'ARTICLES' | 'SITES' | 'SQUARE_METRES' | 'YUAN';

export interface IndicatorInfo {
  indicator: TargetIndicator;
  item: number;
  unit: TargetUnit;
  name: string;
}

export const INDICATORS: readonly IndicatorInfo[] = [
  { indicator: 'NEW_URBAN_EMPLOYMENT', item: 1, unit: 'PERSONS', name: '城镇新增就业人数' },
  { indicator: 'REEMPLOYMENT_OF_REGISTERED_UNEMPLOYED', item: 2, unit: 'PERSONS', name: '登记失业人员再就业人数' },
  { indicator: 'DIFFICULT_PERSONS_PLACED', item: 3, unit: 'PERSONS', name: '安置就业困难人员数' },
  { indicator: 'REAL_NAME_REGISTRATION', item: 4, unit: 'PERSONS', name: '录入就业实名制' },
  { indicator: 'SKILLS_TRAINING', item: 5, unit: 'PERSONS', name: '就业技能培训' },
  { indicator: 'ENTERPRISE_SKILL_UPGRADE_TRAINING', item: 6, unit: 'PERSONS', name: '企业技能提升培训' },
  { indicator: 'RESIDENT_PENSION_ENROLMENT', item: 7, unit: 'PERSONS', name: '居民养老参保' },
  { indicator: 'RESIDENT_MEDICAL_ENROLMENT', item: 8, unit: 'PERSONS', name: '居民医保参保' },
  { indicator: 'PUBLICITY_ARTICLES', item: 9, unit: 'ARTICLES', name: '宣传报道' },
  { indicator: 'SYB_TRAINING', item: 10, unit: 'PERSONS', name: 'SYB培训' },
  { indicator: 'MICRO_LOAN_AMOUNT', item: 11, unit: 'YUAN', name: '发放小额贷款' },
  { indicator: 'ENTREPRENEURSHIP_TRAINING_BASES', item: 12, unit: 'SITES', name: '建立创业实训基地' },
  { indicator: 'PRACTICAL_TRAINEES', item: 13, unit: 'PERSONS', name: '申报实训人数' },
  { indicator: 'INFORMAL_ORGANISATIONS', item: 14, unit: 'HOUSEHOLDS', name: '新增办理非正规就业组织' },
  { indicator: 'INFORMAL_EMPLOYMENT_ABSORBED', item: 14, unit: 'PERSONS', name: '非正规就业组织吸纳人数' },
  { indicator: 'INCUBATED_ENTERPRISES', item: 15, unit: 'HOUSEHOLDS', name: '新增孵化成功企业' },
  { indicator: 'INCUBATED_ENTERPRISE_JOBS', item: 15, unit: 'PERSONS', name: '孵化成功企业带动就业' },
  { indicator: 'INCUBATED_ENTERPRISE_TAX', item: 15, unit: 'YUAN', name: '孵化成功企业年纳税额' },
  { indicator: 'DEMONSTRATION_SITES', item: 16, unit: 'SITES', name: '申报创业示范点' },
  { indicator: 'ENTREPRENEURSHIP_BASE_AREA', item: 16, unit: 'SQUARE_METRES', name: '申报新增创业基地面积' },
  { indicator: 'DEMONSTRATION_SITE_JOBS', item: 16, unit: 'PERSONS', name: '申报创业示范点带动就业' },
];

export const indicatorInfo = (indicator: TargetIndicator): IndicatorInfo => INDICATORS.find((i) => i.indicator === indicator)!;

export const isMoneyIndicator = (indicator: TargetIndicator): boolean => indicatorInfo(indicator).unit === 'YUAN';

/** Completion rate in per cent with one decimal (完成率); null without a positive target. Exact on bigints. */
export function completionRate(actual: bigint, target: bigint | null): number | null {
  if (target === null || target <= 0n) return null;
  // Round half up at one decimal: per-mille, then divide.
  const perMille = (actual * 2000n + target) / (2n * target);
  return Number(perMille) / 10;
}

/**
 * A region's target per indicator: its own when set; otherwise the sum over the highest regions below it that have
 * one (a district without its own target adds up its subdistricts', never a subdistrict and its communities twice).
 */
export function rollUpTargets(regionCode: string, rows: readonly { regionCode: string; indicator: string; target: bigint }[]): Map<string, bigint> {
  const result = new Map<string, bigint>();
  const indicators = new Set(rows.map((r) => r.indicator));
  for (const indicator of indicators) {
    const set = rows.filter((r) => r.indicator === indicator && r.regionCode.startsWith(regionCode));
    if (set.length === 0) continue;
    const own = set.find((r) => r.regionCode === regionCode);
    if (own) {
      result.set(indicator, own.target);
      continue;
    }
    const highest = set.filter((r) => !set.some((other) => other !== r && r.regionCode.startsWith(other.regionCode)));
    result.set(indicator, highest.reduce((sum, r) => sum + r.target, 0n));
  }
  return result;
}
