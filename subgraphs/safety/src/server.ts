import path from 'node:path';
import { serveSubgraph, startWhenRunDirectly, subgraphDatabaseUrl, type SubgraphParts } from '@hub/subgraph-runtime';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Context } from './context';
import { createDb, type SafetyDb } from './data/db';
import { createLoaders } from './data/loaders';
import { resolvers } from './resolvers';

export const SCHEMA_FILE = path.resolve(__dirname, '../../../schema/safety.graphql');

export interface PartsOptions {
  databaseUrl?: string;
}

export interface StartOptions extends PartsOptions {
  port?: number;
}

export function parts(options: PartsOptions = {}): SubgraphParts<Context, SafetyDb> {
  const db = createDb(subgraphDatabaseUrl('safety', options.databaseUrl));
  return {
    name: 'safety',
    schemaFile: SCHEMA_FILE,
    resolvers: resolvers as GraphQLResolverMap<Context>,
    db,
    context: (access) => ({ ...access, db, loaders: access.perExecution('loaders', () => createLoaders(db, access.caller)) }),
  };
}

export const start = (options: StartOptions = {}) => serveSubgraph(parts(options), options.port);

startWhenRunDirectly(module, start);
