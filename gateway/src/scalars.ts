import { yuanStringToFen } from '@hub/scalars';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { GraphQLError, Kind, type GraphQLSchema, type ValueNode } from 'graphql';

/**
 * The supergraph's custom scalars reach the gateway without their parsing, so a malformed value would only be
 * noticed by a subgraph, after planning. These checks make the gateway refuse it up front, as the subgraphs do
 * (HTTP 400, BAD_USER_INPUT); valid values are forwarded exactly as the client sent them.
 */
const CHECKS: Record<string, (value: string) => void> = {
  Money: (value) => void yuanStringToFen(value),
  Date: (value) => void DateResolver.parseValue(value),
  DateTime: (value) => void DateTimeResolver.parseValue(value),
};

function checked(name: string, value: unknown): string {
  if (typeof value !== 'string') throw new GraphQLError(`${name} must be given as a string.`);
  try {
    CHECKS[name]!(value);
  } catch (error) {
    throw new GraphQLError(`${name} cannot represent "${value}": ${(error as Error).message}`);
  }
  return value;
}

export function checkCustomScalarInputs(schema: GraphQLSchema): void {
  for (const name of Object.keys(CHECKS)) {
    const type = schema.getType(name);
    if (!type || !('parseLiteral' in type)) continue;
    type.parseValue = (value: unknown) => checked(name, value);
    type.parseLiteral = (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be given as a string.`, { nodes: ast });
      return checked(name, ast.value);
    };
  }
}
