/** Calendar arithmetic on YYYY-MM-DD strings: the shared calendar (@hub/scalars), plus birthdays. */

export {
  ageOn,
  addDays,
  daysBetween,
  isIsoDate,
  dateValue,
} from "@hub/scalars";

/** The day someone born on `birthDate` turns `years` old. */
export function birthdayAt(birthDate: string, years: number): string {
  const year = Number(birthDate.slice(0, 4)) + years;
  const monthDay = birthDate.slice(5);
  // 29 February in a common year: the birthday counts on 1 March, as ageOn does.
  if (
    monthDay === "02-29" &&
    !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))
  )
    return `${year}-03-01`;
  return `${String(year).padStart(4, "0")}-${monthDay}`;
}

/** Today in UTC as YYYY-MM-DD. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
