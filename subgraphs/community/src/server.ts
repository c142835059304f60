import path from 'node:path';
import { serveSubgraph, startWhenRunDirectly, subgraphDatabaseUrl, type SubgraphParts } from '@hub/subgraph-runtime';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Context } from './context';
import { createDb, type CommunityDb } from './data/db';
import { createLoaders } from './data/loaders';
import { resolvers } from './resolvers';
import { todayInChina } from './domain/dates';

export const SCHEMA_FILE = path.resolve(__dirname, '../../../schema/community.graphql');

export interface PartsOptions {
  databaseUrl?: string;
  /** The day "today" means (YYYY-MM-DD), for tests at fixed dates; China's current date when omitted. */
  today?: () => string;
}

export interface StartOptions extends PartsOptions {
  port?: number;
}

export function parts(options: PartsOptions = {}): SubgraphParts<Context, CommunityDb> {
  const db = createDb(subgraphDatabaseUrl('community', options.databaseUrl));
  return {
    name: 'community',
    schemaFile: SCHEMA_FILE,
    resolvers: resolvers as GraphQLResolverMap<Context>,
    db,
    context: (access) => ({ ...access, db, loaders: access.perExecution('loaders', () => createLoaders(db, (options.today ?? todayInChina)())) }),
  };
}

export const start = (options: StartOptions = {}) => serveSubgraph(parts(options), options.port);

startWhenRunDirectly(module, start);
