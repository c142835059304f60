/**
 * npm run migration:new -- <subgraph> <name>
 * Writes prisma/<subgraph>/migrations/<stamp>_<name>/migration.sql with the SQL that takes the schema
 * as it stood when the subgraph's migrations last changed (from git) to prisma/<subgraph>/schema.prisma now.
 * `prisma migrate diff` runs through the pg driver adapter, so it needs a reachable PostgreSQL: DATABASE_URL,
 * or the hub's embedded server, started here when DATABASE_URL is unset.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SUBGRAPHS, type SubgraphName } from '@hub/database';
import { embeddedPostgresSettings } from './lib/settings';

const EMPTY = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n';

async function main(): Promise<void> {
  const [subgraph, name] = process.argv.slice(2);
  if (!subgraph || !(subgraph in SUBGRAPHS) || !name || !/^[a-z0-9_]+$/.test(name)) {
    console.error(`usage: npm run migration:new -- <${Object.keys(SUBGRAPHS).join('|')}> <snake_case_name>`);
    process.exit(2);
  }
  const dir = path.join('prisma', subgraph as SubgraphName);
  const migrations = path.join(dir, 'migrations');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'hub-migration-'));
  const previous = path.join(tmp, 'previous.prisma');
  let old = EMPTY;
  if (existsSync(migrations)) {
    const commit = execFileSync('git', ['log', '-1', '--format=%H', '--', migrations], { encoding: 'utf8' }).trim();
    if (commit) old = execFileSync('git', ['show', `${commit}:${dir}/schema.prisma`], { encoding: 'utf8' });
  }
  writeFileSync(previous, old);

  let stop: (() => Promise<void>) | undefined;
  if (!process.env.DATABASE_URL) {
    const { startEmbeddedPostgres } = await import('@hub/database/src/embedded-postgres.mjs');
    const server = await startEmbeddedPostgres(embeddedPostgresSettings());
    process.env.DATABASE_URL = server.url;
    stop = server.stop;
  }
  try {
    const sql = execFileSync(
      'npx',
      ['prisma', 'migrate', 'diff', '--from-schema-datamodel', previous, '--to-schema-datamodel', path.join(dir, 'schema.prisma'), '--script'],
      { encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (!sql.trim() || /empty migration/i.test(sql)) {
      console.log('schema unchanged: no migration written');
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const target = path.join(migrations, `${stamp}_${name}`);
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(target, 'migration.sql'), sql);
    console.log(`wrote ${target}/migration.sql — review it (add partial indexes or constraints Prisma cannot express) before it is applied anywhere`);
  } finally {
    await stop?.();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
