// One embedded PostgreSQL for the whole test run (fresh data directory); tests create their own databases on it.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { startEmbeddedPostgres } from '../packages/database/src/embedded-postgres.mjs';

export default async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) return; // an external server was given
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-test-pg-'));
  fs.chmodSync(dataDir, 0o755);
  const port = Number(process.env.TEST_PG_PORT ?? 55432 + (process.pid % 500));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'data'), port, persistent: false });
  process.env.TEST_DATABASE_URL = server.url;
  globalThis.__HUB_TEST_PG__ = { server, dataDir };
}
