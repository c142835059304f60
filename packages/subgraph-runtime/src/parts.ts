import type { BaseContext } from '@apollo/server';
import { writeAuditRecord } from '@hub/access';
import { databaseUrlFor, portFor, SUBGRAPHS, type SubgraphDb, type SubgraphName } from '@hub/database';
import { startSubgraph, type RequestAccess, type RunningSubgraph, type SubgraphOptions } from './index';

/**
 * One of the hub's subgraphs before it listens: its schema, resolvers, per-request context and database.
 * `serveSubgraph` serves it alone; the benchmark's monolith serves several in one process.
 */
export interface SubgraphParts<TContext extends BaseContext & RequestAccess, TDb extends SubgraphDb<{ $disconnect: () => Promise<void> }>>
  extends Pick<SubgraphOptions<TContext>, 'schemaFile' | 'resolvers' | 'context'> {
  name: SubgraphName;
  db: TDb;
}

/** The database a subgraph uses: the given URL, else <PREFIX>_DATABASE_URL, else DATABASE_URL. */
export function subgraphDatabaseUrl(name: SubgraphName, given?: string): string {
  const url = given ?? databaseUrlFor(name);
  if (!url) throw new Error(`${name}: set ${SUBGRAPHS[name].envPrefix}_DATABASE_URL or DATABASE_URL`);
  return url;
}

/** Serves one subgraph on its port (<PREFIX>_PORT or its default; 0 for any free port); audit rows go to its own schema. */
export async function serveSubgraph<TContext extends BaseContext & RequestAccess, TDb extends SubgraphDb<{ $disconnect: () => Promise<void> }>>(
  parts: SubgraphParts<TContext, TDb>,
  port?: number,
): Promise<RunningSubgraph & { db: TDb }> {
  const { db, name } = parts;
  const running = await startSubgraph<TContext>({
    ...parts,
    port: port ?? portFor(name),
    writeAudit: (record) => writeAuditRecord(db.pool, SUBGRAPHS[name].schema, record),
    poolStats: db.poolStats,
    onStop: db.close,
  });
  return { ...running, db };
}

/** `node subgraphs/<name>/src/server.ts`: start, say where, or exit 1 with the reason. */
export function startWhenRunDirectly(module: NodeJS.Module, start: () => Promise<RunningSubgraph>): void {
  if (require.main !== module) return;
  start().then(
    (running) => console.log(`${running.name} subgraph ready at ${running.url}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
