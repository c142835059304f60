import { GraphQLError } from 'graphql';

/** Bad input to a query argument: a GraphQL error naming the field (extensions.code BAD_USER_INPUT). */
export function badUserInput(field: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', field, ...extra } });
}
