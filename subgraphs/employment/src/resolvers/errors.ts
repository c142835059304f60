import { GraphQLError } from 'graphql';
import { regionLevel } from '@hub/identifiers';

/** Bad input to a query argument: a GraphQL error naming the field (extensions.code BAD_USER_INPUT). */
export function badUserInput(field: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', field, ...extra } });
}

export function requireRegionCode(field: string, code: string): string {
  if (!regionLevel(code)) throw badUserInput(field, `"${code}" is not a statistical division code of 6, 9 or 12 digits`);
  return code;
}

export function requireYear(field: string, year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badUserInput(field, `must be a year from 2000 to 2100, got ${year}`);
  return year;
}
