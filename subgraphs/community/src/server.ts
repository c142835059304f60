import path from 'node:path';
import { databaseUrlFor, portFor } from '@hub/database';
import { writeAuditRecord } from '@hub/access';
import { startSubgraph, type RunningSubgraph } from '@hub/subgraph-runtime';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Context } from './context';
import { createDb, type CommunityDb } from './data/db';
import { createLoaders } from './data/loaders';
import { resolvers } from './resolvers';
import { todayInChina } from './domain/dates';

export const SCHEMA_FILE = path.resolve(__dirname, '../../../schema/community.graphql');

export interface StartOptions {
  port?: number;
  databaseUrl?: string;
  /** The day "today" means (YYYY-MM-DD), for tests at fixed dates; China's current date when omitted. */
  today?: () => string;
}

export async function start(options: StartOptions = {}): Promise<RunningSubgraph & { db: CommunityDb }> {
  const databaseUrl = options.databaseUrl ?? databaseUrlFor('community');
  if (!databaseUrl) throw new Error('community: set COMMUNITY_DATABASE_URL or DATABASE_URL');
  const db = createDb(databaseUrl);
  const running = await startSubgraph<Context>({
    name: 'community',
    schemaFile: SCHEMA_FILE,
    resolvers: resolvers as GraphQLResolverMap<Context>,
    port: options.port ?? portFor('community'),
    context: (access) => ({ ...access, db, loaders: createLoaders(db, (options.today ?? todayInChina)()) }),
    writeAudit: (record) => writeAuditRecord(db.pool, 'community', record),
    poolStats: db.poolStats,
    onStop: db.close,
  });
  return { ...running, db };
}

if (require.main === module) {
  start().then(
    (running) => console.log(`community subgraph ready at ${running.url}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
