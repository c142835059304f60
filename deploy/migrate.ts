/**
 * Applies one subgraph's pending migrations to its database (<PREFIX>_DATABASE_URL or DATABASE_URL) and exits.
 * Run as each subgraph pod's init container: applyMigrations holds an advisory lock per schema, so replicas
 * starting together wait for each other, and a committed migration that was edited stops the rollout.
 *   node --import tsx deploy/migrate.ts <community|civil-affairs|employment|safety>
 */
import path from 'node:path';
import { applyMigrations, databaseUrlFor, SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from '@hub/database';

async function main(): Promise<void> {
  const name = process.argv[2] as SubgraphName;
  if (!SUBGRAPH_NAMES.includes(name)) throw new Error(`usage: deploy/migrate.ts <${SUBGRAPH_NAMES.join('|')}>`);
  const connectionString = databaseUrlFor(name);
  if (!connectionString) throw new Error(`${name}: set ${SUBGRAPHS[name].envPrefix}_DATABASE_URL`);
  const applied = await applyMigrations({ connectionString, schema: SUBGRAPHS[name].schema, migrationsDir: path.resolve(__dirname, '..', 'prisma', name, 'migrations') });
  console.log(JSON.stringify({ level: 'info', service: name, msg: applied.length ? 'migrations applied' : 'schema up to date', applied }));
}

main().catch((error: Error) => {
  console.error(JSON.stringify({ level: 'error', msg: 'migration failed', error: error.message }));
  process.exit(1);
});
