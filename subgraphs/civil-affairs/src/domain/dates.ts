/** Calendar arithmetic on ISO dates (YYYY-MM-DD): the shared calendar in @hub/scalars, under this subgraph's names. */
export {
  todayInChina as todayIso,
  isIsoDate,
  dateValue as toDate,
  addDays,
  daysBetween,
  addMonths,
  ageOn,
} from "@hub/scalars";
