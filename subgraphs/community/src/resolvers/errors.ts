import { regionLevel } from '@hub/identifiers';
import { GraphQLError } from 'graphql';

/** Bad input to a query argument: a GraphQL error naming the field (extensions.code BAD_USER_INPUT). */
export function badUserInput(field: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', field, ...extra } });
}

/** A statistical division code of 6, 9 or 12 digits, or BAD_USER_INPUT naming the argument. */
export function requireRegionCode(field: string, code: string): string {
  if (!regionLevel(code)) throw badUserInput(field, `"${code}" is not a statistical division code of 6, 9 or 12 digits`);
  return code;
}
