/**
 * Calendar dates as YYYY-MM-DD strings, in UTC so that no time zone shifts a day; such strings also compare
 * correctly as strings. Every subgraph does its date rules with these.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a string is a real calendar date YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return (
    !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
  );
}

/** The YYYY-MM-DD of a JS Date at UTC midnight, as Prisma returns `@db.Date` columns. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A JS Date at UTC midnight, as Prisma takes `@db.Date` values. */
export function dateValue(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** Today in China (UTC+8), where the programmes' offices work: 07:00 Beijing time counts on that day. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(dateValue(day).getTime() + days * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(
    (dateValue(to).getTime() - dateValue(from).getTime()) / DAY_MS,
  );
}

/** The same day some months away, clamped to the month's last day (31 March + 1 month → 30 April; 29 February + 12 → 28 February). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** Age in whole years (周岁) on a day; a 29 February birthday counts on 1 March in common years. */
export function ageOn(birthDate: string, day: string): number {
  const age = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? age : age - 1;
}
