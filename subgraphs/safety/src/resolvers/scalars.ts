import { GraphQLScalarType } from 'graphql';
import { scalarResolvers, toIsoDate } from '@hub/scalars';

const library = scalarResolvers.Date;

/**
 * The shared Date scalar (graphql-scalars validates it), with inputs handed to resolvers as YYYY-MM-DD
 * strings: the domain rules compare ISO dates as text, and the generated types say `string`.
 */
export const DateScalar = new GraphQLScalarType({
  ...library.toConfig(),
  parseValue: (value) => toIsoDate(library.parseValue(value) as Date),
  parseLiteral: (ast, variables) => toIsoDate(library.parseLiteral(ast, variables) as Date),
});
