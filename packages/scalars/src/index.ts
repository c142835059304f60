import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { MoneyScalar } from './money';

export { MoneyScalar, fenToYuanString, yuanStringToFen } from './money';

/** Resolvers for the scalars every subgraph declares: Money, Date (YYYY-MM-DD) and DateTime (ISO 8601, UTC). */
export const scalarResolvers = {
  Money: MoneyScalar,
  Date: DateResolver,
  DateTime: DateTimeResolver,
};

/** A JS Date at UTC midnight for a calendar date, as Prisma returns `@db.Date` columns. */
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
