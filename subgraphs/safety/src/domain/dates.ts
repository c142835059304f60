/** Calendar arithmetic on ISO dates (YYYY-MM-DD): the shared calendar (@hub/scalars), plus whole years. */

export {
  todayInChina as todayIso,
  isIsoDate,
  dateValue as toDate,
  daysBetween,
  ageOn,
} from "@hub/scalars";

/** The same day a number of years away; 29 February becomes 28 February in a common year. */
export function addYears(iso: string, years: number): string {
  const year = Number(iso.slice(0, 4)) + years;
  const [month, day] = [Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${iso.slice(5, 7)}-${String(Math.min(day, last)).padStart(2, "0")}`;
}
