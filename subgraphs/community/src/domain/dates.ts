/** Calendar dates as YYYY-MM-DD strings (shared calendar in @hub/scalars), plus the quarters supervision counts in. */
import { addDays } from "@hub/scalars";

export { isIsoDate, addDays, todayInChina } from "@hub/scalars";

/** The input scalar arrives as a JS Date (graphql-scalars) or a string; both become YYYY-MM-DD. */
export function isoDay(value: Date | string): string {
  return typeof value === "string"
    ? value.slice(0, 10)
    : value.toISOString().slice(0, 10);
}

/** First day of the calendar quarter containing a date (季度首日). */
export function quarterStart(date: string): string {
  const month = Number(date.slice(5, 7));
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return `${date.slice(0, 4)}-${String(first).padStart(2, "0")}-01`;
}

/** Last day of the calendar quarter containing a date (季度末日). */
export function quarterEnd(date: string): string {
  const start = quarterStart(date);
  const month = Number(start.slice(5, 7)) + 3;
  const next =
    month > 12
      ? `${Number(start.slice(0, 4)) + 1}-01-01`
      : `${start.slice(0, 4)}-${String(month).padStart(2, "0")}-01`;
  return addDays(next, -1);
}
