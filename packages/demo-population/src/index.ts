export * from './population';
export { Random, deriveSeed } from './random';
export { lookup, type PopulationLookup } from './lookup';
export { addDays, ageOn, daysBetween, isoDayOf, parseDate } from './calendar';
