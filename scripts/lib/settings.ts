import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Where the embedded PostgreSQL keeps its data. Run as root, the server runs as the `postgres` user,
 * which must be able to reach the directory: when the checkout is not reachable by other users,
 * the data goes under the system temp directory instead (keyed by checkout path, so it persists).
 */
export function embeddedDataDir(name = 'postgres'): string {
  if (process.env.HUB_PG_DATA) return path.resolve(process.env.HUB_PG_DATA);
  const preferred = path.join(REPO_ROOT, '.data', name);
  if (process.getuid?.() !== 0 || reachableByOthers(REPO_ROOT)) return preferred;
  const key = createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 10);
  return path.join(os.tmpdir(), `household-hub-${key}`, name);
}

/** Every ancestor must be searchable (o+x) for a non-root user to reach the directory. */
function reachableByOthers(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if ((statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

export function embeddedPostgresSettings(): { dataDir: string; port: number } {
  return { dataDir: embeddedDataDir(), port: Number(process.env.HUB_PG_PORT ?? 54329) };
}
