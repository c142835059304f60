import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';

export interface MigrationOptions {
  connectionString: string;
  /** The subgraph's own PostgreSQL schema; its migrations table lives there too. */
  schema: string;
  /** Prisma's folder format: `<dir>/<stamp>_<name>/migration.sql`. */
  migrationsDir: string;
  /** Oldest server accepted, as server_version_num (default MINIMUM_SERVER_VERSION). */
  minimumServerVersion?: number;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new MigrationError(`invalid schema name "${name}"`);
  return `"${name}"`;
}

export function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** A stable 64-bit advisory-lock key per schema, so different subgraphs migrate in parallel. */
function lockKey(schema: string): string {
  return BigInt.asIntN(64, BigInt('0x' + checksum(`household-hub:migrations:${schema}`).slice(0, 16))).toString();
}

export async function listMigrations(migrationsDir: string): Promise<{ name: string; sql: string }[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(names.map(async (name) => ({ name, sql: await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8') })));
}

/** server_version_num of PostgreSQL 17.0. */
export const MINIMUM_SERVER_VERSION = 170000;

/**
 * Applies pending migrations in order, each in its own transaction, under an advisory lock so that
 * concurrent starters apply each migration once. An applied migration whose file changed stops the
 * run: migrations are immutable once applied.
 */
export async function applyMigrations({ connectionString, schema, migrationsDir, minimumServerVersion = MINIMUM_SERVER_VERSION }: MigrationOptions): Promise<string[]> {
  const migrations = await listMigrations(migrationsDir);
  const ns = quoteIdent(schema);
  const client = new Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  try {
    // The statistics summaries' rebuild uses MERGE … WHEN NOT MATCHED BY SOURCE (PostgreSQL 17): refuse older servers
    // before anything is written, instead of failing at the first rebuild.
    const { rows: version } = await client.query<{ number: number; text: string }>("SELECT current_setting('server_version_num')::int AS number, current_setting('server_version') AS text");
    if (version[0]!.number < minimumServerVersion) {
      throw new MigrationError(`PostgreSQL ${version[0]!.text} is too old: the hub needs server_version_num ${minimumServerVersion} or later (PostgreSQL 17); nothing was migrated`);
    }
    await client.query('SELECT pg_advisory_lock($1::bigint)', [lockKey(schema)]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${ns}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${ns}."_migrations" (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM ${ns}."_migrations"`);
    const recorded = new Map(rows.map((r) => [r.name, r.checksum]));
    const known = new Set(migrations.map((m) => m.name));
    const unknown = [...recorded.keys()].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new MigrationError(
        `schema "${schema}" has migrations this code does not know (${unknown.join(', ')}); it was migrated by a newer version of the hub`,
      );
    }
    for (const migration of migrations) {
      const sum = checksum(migration.sql);
      const previous = recorded.get(migration.name);
      if (previous !== undefined) {
        if (previous !== sum) {
          throw new MigrationError(
            `migration ${schema}/${migration.name} was edited after it was applied (recorded checksum ${previous.slice(0, 12)}…, file ${sum.slice(0, 12)}…). ` +
              'Applied migrations are immutable: restore the file and add a new migration for the change.',
          );
        }
        continue;
      }
      try {
        await client.query('BEGIN');
        await client.query(migration.sql);
        await client.query(`INSERT INTO ${ns}."_migrations" (name, checksum) VALUES ($1, $2)`, [migration.name, sum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new MigrationError(`migration ${schema}/${migration.name} failed and was rolled back: ${(error as Error).message}`);
      }
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [lockKey(schema)]).catch(() => undefined);
    await client.end();
  }
}
