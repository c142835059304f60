import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { MoneyScalar } from './money';

export { MoneyScalar, fenToYuanString, yuanStringToFen } from './money';

/** Resolvers for the scalars every subgraph declares: Money, Date (YYYY-MM-DD) and DateTime (ISO 8601, UTC). */
export const scalarResolvers = {
  Money: MoneyScalar,
  Date: DateResolver,
  DateTime: DateTimeResolver,
};

export { isIsoDate, toIsoDate, dateValue, todayInChina, addDays, daysBetween, addMonths, ageOn } from './calendar';
