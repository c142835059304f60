/** Whether an indicator improves by going down (injuries, hazards) or up (coverage, trained residents). */
export type IndicatorDirection = 'LOWER_IS_BETTER' | 'HIGHER_IS_BETTER';

export interface IndicatorValues {
  baseline: number;
  target: number;
  actual: number | null;
  direction: IndicatorDirection;
}

/** Whether the target is reached (达标); null before any actual value is measured. */
export function indicatorAchieved({ target, actual, direction }: IndicatorValues): boolean | null {
  if (actual === null) return null;
  return direction === 'LOWER_IS_BETTER' ? actual <= target : actual >= target;
}

/**
 * How much of the way from baseline to target the actual value has come, 0–1 and capped at 1;
 * null before measurement or when baseline equals target. A move the wrong way counts as 0.
 */
export function indicatorProgress({ baseline, target, actual }: IndicatorValues): number | null {
  if (actual === null || baseline === target) return null;
  const progress = (actual - baseline) / (target - baseline);
  return Math.round(Math.min(1, Math.max(0, progress)) * 10_000) / 10_000;
}

/** A target must be a move from the baseline in the indicator's direction. */
export function targetMatchesDirection({ baseline, target, direction }: Omit<IndicatorValues, 'actual'>): boolean {
  return direction === 'LOWER_IS_BETTER' ? target < baseline : target > baseline;
}
