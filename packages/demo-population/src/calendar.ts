/**
 * The calendar arithmetic the demo generators run millions of times, with the results of @hub/scalars (addDays,
 * daysBetween, ageOn) and of `Date` (dateBetween's parsing and printing), but remembered: the demo's dates span a
 * few hundred years, so each day's text is parsed and printed once instead of through a `Date` on every call.
 * Loading 100,000 households spent about a fifth of its JavaScript time in `Date` parsing and printing.
 * Every cached value is exactly what the uncached expression gives, for any input.
 */

const DAY_MS = 86_400_000;

/** `Date.parse(text)` by text. */
const parsed = new Map<string, number>();
/** `new Date(`${day}T00:00:00Z`).getTime()` by day, as @hub/scalars' dateValue computes it. */
const midnights = new Map<string, number>();
/** `new Date(n * DAY_MS).toISOString().slice(0, 10)` by day number n (days since 1970-01-01). */
const printed = new Map<number, string>();

/** Date.parse, remembered. */
export function parseDate(text: string): number {
  let ms = parsed.get(text);
  if (ms === undefined) {
    ms = Date.parse(text);
    parsed.set(text, ms);
  }
  return ms;
}

function midnightOf(day: string): number {
  let ms = midnights.get(day);
  if (ms === undefined) {
    ms = new Date(`${day}T00:00:00Z`).getTime();
    midnights.set(day, ms);
  }
  return ms;
}

/** `new Date(ms).toISOString().slice(0, 10)`: the UTC day of an instant, printed once per day. */
export function isoDayOf(ms: number): string {
  // An invalid instant throws as Date does.
  if (!Number.isFinite(ms)) return new Date(ms).toISOString().slice(0, 10);
  const day = Math.floor(ms / DAY_MS);
  let text = printed.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    printed.set(day, text);
  }
  return text;
}

/** @hub/scalars' addDays. */
export function addDays(day: string, days: number): string {
  return isoDayOf(midnightOf(day) + days * DAY_MS);
}

/** @hub/scalars' daysBetween. */
export function daysBetween(from: string, to: string): number {
  return Math.round((midnightOf(to) - midnightOf(from)) / DAY_MS);
}

/** @hub/scalars' ageOn (周岁 on a day; a 29 February birthday counts on 1 March in common years). */
export function ageOn(birthDate: string, day: string): number {
  const age = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? age : age - 1;
}
