/** `@db.Date` columns take a JS Date at UTC midnight. */
export function dbDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}
