import type { InjuryDimension } from './injuryStatistics';

/** Chinese labels of the report card's categories, in the card's order: dashboards list groups this way. */
export const DIMENSION_LABELS: Record<InjuryDimension, readonly (readonly [string, string])[]> = {
  AGE_BAND: [
    ['AGE_0_4', '0–4岁'],
    ['AGE_5_14', '5–14岁'],
    ['AGE_15_24', '15–24岁'],
    ['AGE_25_44', '25–44岁'],
    ['AGE_45_64', '45–64岁'],
    ['AGE_65_PLUS', '65岁及以上'],
  ],
  SEX: [
    ['MALE', '男'],
    ['FEMALE', '女'],
  ],
  INTENT: [
    ['UNINTENTIONAL', '非故意'],
    ['SELF_HARM', '自残/自杀'],
    ['ASSAULT', '故意/暴力'],
    ['UNKNOWN', '不清楚'],
  ],
  CAUSE: [
    ['TRAFFIC', '车祸'],
    ['FALL', '跌倒/坠落'],
    ['BLUNT_FORCE', '钝器伤'],
    ['CUT_PIERCE', '刀/锐器伤'],
    ['BURN', '烧烫伤'],
    ['DROWNING', '溺水'],
    ['POISONING', '中毒'],
    ['SUFFOCATION', '窒息'],
    ['ANIMAL', '动物伤'],
    ['OTHER', '其他'],
  ],
  PLACE: [
    ['HOME', '家中'],
    ['PUBLIC_RESIDENTIAL', '公共居住场所'],
    ['SCHOOL_PUBLIC', '学校与公共场所'],
    ['ROAD', '公路/街道'],
    ['SPORTS_VENUE', '体育和运动场所'],
    ['INDUSTRIAL_CONSTRUCTION', '工业和建筑场所'],
    ['FARM', '农场/农田'],
    ['OTHER', '其他'],
  ],
  ACTIVITY: [
    ['WORK', '有偿工作'],
    ['HOUSEWORK', '家务'],
    ['STUDY', '学习'],
    ['SPORTS', '体育活动'],
    ['LEISURE', '休闲活动'],
    ['VITAL_ACTIVITY', '生命活动'],
    ['TRAVEL', '驾乘交通工具'],
    ['WALKING', '步行'],
    ['OTHER', '其他'],
    ['UNKNOWN', '不清楚'],
  ],
  SEVERITY: [
    ['MILD', '轻度'],
    ['MODERATE', '中度'],
    ['SEVERE', '重度'],
  ],
};

/** The keys of a dimension in order; the single key TOTAL when not grouped. */
export function dimensionKeys(dimension: InjuryDimension | null): string[] {
  return dimension ? DIMENSION_LABELS[dimension].map(([key]) => key) : ['TOTAL'];
}

export function dimensionLabel(dimension: InjuryDimension | null, key: string): string {
  if (!dimension) return '合计';
  return DIMENSION_LABELS[dimension].find(([k]) => k === key)?.[1] ?? key;
}

/** Which category a body kind belongs to (机构类别). */
export function workingGroupCategory(kind: string): 'COMMITTEE' | 'OFFICE' | 'NON_SPECIALIST' | 'PROJECT' | 'VILLAGE' {
  switch (kind) {
    case 'PROMOTION_COMMITTEE':
      return 'COMMITTEE';
    case 'COMMITTEE_OFFICE':
      return 'OFFICE';
    case 'PUBLICITY':
    case 'SUPERVISION':
    case 'INJURY_SURVEILLANCE':
      return 'NON_SPECIALIST';
    case 'VILLAGE_GROUP':
      return 'VILLAGE';
    default:
      return 'PROJECT';
  }
}
