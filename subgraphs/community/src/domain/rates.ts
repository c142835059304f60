/** A share of a whole, rounded to four places; null when there is nothing to divide by. */
export function ratio(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 10_000) / 10_000;
}

/** Registration coverage (建档率): floating residents with an open registration among all floating residents. */
export function registrationCoverage(registered: number, floatingPopulation: number): number | null {
  return ratio(registered, floatingPopulation);
}

/** Mediation success rate (调解成功率): resolved disputes among those whose mediation has ended. */
export function mediationSuccessRate(counts: { RESOLVED: number; REFERRED: number; FAILED: number }): number | null {
  return ratio(counts.RESOLVED, counts.RESOLVED + counts.REFERRED + counts.FAILED);
}
