import path from 'node:path';
import { databaseUrlFor, portFor } from '@hub/database';
import { writeAuditRecord } from '@hub/access';
import { startSubgraph, type RunningSubgraph } from '@hub/subgraph-runtime';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Context } from './context';
import { createDb, type SafetyDb } from './data/db';
import { createLoaders } from './data/loaders';
import { resolvers } from './resolvers';

export const SCHEMA_FILE = path.resolve(__dirname, '../../../schema/safety.graphql');

export interface StartOptions {
  port?: number;
  databaseUrl?: string;
}

export async function start(options: StartOptions = {}): Promise<RunningSubgraph & { db: SafetyDb }> {
  const databaseUrl = options.databaseUrl ?? databaseUrlFor('safety');
  if (!databaseUrl) throw new Error('safety: set SAFETY_DATABASE_URL or DATABASE_URL');
  const db = createDb(databaseUrl);
  const running = await startSubgraph<Context>({
    name: 'safety',
    schemaFile: SCHEMA_FILE,
    resolvers: resolvers as GraphQLResolverMap<Context>,
    port: options.port ?? portFor('safety'),
    context: (access) => ({ ...access, db, loaders: createLoaders(db, access.caller) }),
    writeAudit: (record) => writeAuditRecord(db.pool, 'safety', record),
    poolStats: db.poolStats,
    onStop: db.close,
  });
  return { ...running, db };
}

if (require.main === module) {
  start().then(
    (running) => console.log(`safety subgraph ready at ${running.url}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
