import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { applyMigrations, SUBGRAPHS, type SubgraphName } from '@hub/database';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run tests through jest (test/global-setup.mjs starts PostgreSQL)');
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface TestDatabase {
  url: string;
  name: string;
  drop: () => Promise<void>;
}

/** A fresh database on the test server, with the given subgraphs' migrations applied. */
export async function createTestDatabase(prefix: string, subgraphs: SubgraphName[] = []): Promise<TestDatabase> {
  const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl(), name);
  for (const subgraph of subgraphs) {
    await applyMigrations({ connectionString: url, schema: SUBGRAPHS[subgraph].schema, migrationsDir: path.join(REPO_ROOT, 'prisma', subgraph, 'migrations') });
  }
  return {
    url,
    name,
    drop: async () => {
      const client = new Client({ connectionString: serverUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs one SQL statement on a database and returns its rows. */
export async function query<T extends Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
