/** Calendar dates as YYYY-MM-DD strings: they compare correctly as strings. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The input scalar arrives as a JS Date (graphql-scalars) or a string; both become YYYY-MM-DD. */
export function isoDay(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in China (UTC+8), where the communities are: a visit at 07:00 Beijing time counts on that day. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** First day of the calendar quarter containing a date (季度首日). */
export function quarterStart(date: string): string {
  const month = Number(date.slice(5, 7));
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return `${date.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

/** Last day of the calendar quarter containing a date (季度末日). */
export function quarterEnd(date: string): string {
  const start = quarterStart(date);
  const month = Number(start.slice(5, 7)) + 3;
  const next = month > 12 ? `${Number(start.slice(0, 4)) + 1}-01-01` : `${start.slice(0, 4)}-${String(month).padStart(2, '0')}-01`;
  return addDays(next, -1);
}
