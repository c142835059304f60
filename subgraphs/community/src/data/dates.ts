/** `@db.Date` columns take a JS Date at UTC midnight. */
export { dateValue as dbDate } from '@hub/scalars';
