import path from 'node:path';
import { Client } from 'pg';
import { AUDIT_TABLE } from '@hub/access';
import { applyMigrations, suspendStatisticsSummary, SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from '@hub/database';
import { generatePopulation, type DemoPopulation } from '@hub/demo-population';
import type { RunningSubgraph } from '@hub/subgraph-runtime';
import { REPO_ROOT } from './settings';

/** What every subgraph exports: src/server.ts `start` and src/data/demo.ts `loadDemoData`. */
export interface SubgraphModule {
  /** `subgraphUrls`: where the other subgraphs answer, for the few reads a subgraph makes through the graph at write time. */
  start: (options: { port?: number; databaseUrl?: string; subgraphUrls?: Partial<Record<SubgraphName, string>> }) => Promise<RunningSubgraph & { db: { statements: { count: number } } }>;
  loadDemoData: (client: Client, population: DemoPopulation) => Promise<Record<string, number>>;
}

export function subgraphModule(name: SubgraphName): Pick<SubgraphModule, 'start'> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(REPO_ROOT, 'subgraphs', name, 'src', 'server')) as Pick<SubgraphModule, 'start'>;
}

/** Only the demo loader: loading data does not need the server's modules. */
export function subgraphDemo(name: SubgraphName): Pick<SubgraphModule, 'loadDemoData'> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(REPO_ROOT, 'subgraphs', name, 'src', 'data', 'demo')) as Pick<SubgraphModule, 'loadDemoData'>;
}

export type DatabaseUrls = Record<SubgraphName, string>;

export async function migrateAll(urls: DatabaseUrls, names: SubgraphName[] = SUBGRAPH_NAMES): Promise<Record<string, string[]>> {
  const applied: Record<string, string[]> = {};
  for (const name of names) {
    applied[name] = await applyMigrations({
      connectionString: urls[name],
      schema: SUBGRAPHS[name].schema,
      migrationsDir: path.join(REPO_ROOT, 'prisma', name, 'migrations'),
    });
  }
  return applied;
}

/**
 * A subgraph's data tables, quoted for SQL: its migrations table and its append-only audit trail aside (the trail
 * is not demo data, and its triggers refuse TRUNCATE).
 */
export async function dataTables(client: Client, schema: string): Promise<string[]> {
  const { rows } = await client.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> '_migrations' AND table_name <> $2",
    [schema, AUDIT_TABLE],
  );
  return rows.map((r) => `"${schema}"."${r.table_name}"`);
}

/** The first of these tables that holds a row, or null when all are empty. */
async function firstFilledTable(client: Client, tables: readonly string[]): Promise<string | null> {
  for (const table of tables) {
    const found = await client.query(`SELECT 1 FROM ${table} LIMIT 1`);
    if (found.rowCount) return table;
  }
  return null;
}

/**
 * Inside the load's transaction: locks the schema's data tables, makes sure they are still empty (a row written since
 * the check before the load is never lost: the load stops) and truncates them. Tables truncated in the loading
 * transaction get new files, so on a server with `wal_level = minimal` (the embedded one) their COPYs and index
 * builds write no WAL, and the rollback of a failed load simply drops the new files.
 */
async function claimEmptySchema(client: Client, schema: string): Promise<void> {
  const tables = await dataTables(client, schema);
  if (tables.length === 0) return;
  await client.query(`LOCK TABLE ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
  const filled = await firstFilledTable(client, tables);
  if (filled) throw new Error(`${filled} received rows while the demo data was being prepared; nothing was loaded`);
  await client.query(`TRUNCATE ${tables.join(', ')}`);
}

/** The order the loaders start in: the one whose rows take PostgreSQL longest to file first. */
const LOAD_ORDER: readonly SubgraphName[] = ['employment', 'community', 'civil-affairs', 'safety'];

export interface DemoLoadReport {
  persons: number;
  households: number;
  seconds: number;
  /** Row counts per subgraph; a subgraph that already held data is skipped. */
  loaded: Partial<Record<SubgraphName, Record<string, number>>>;
  /** Seconds spent generating the population, and loading each subgraph. */
  timings: Record<string, number>;
  /** With `profile`: where each subgraph's time went, and every COPY it ran. */
  profile?: Partial<Record<SubgraphName, SubgraphProfile>>;
}

export interface CopyTrace {
  table: string;
  rows: number;
  /** Wall seconds from the COPY's start to the server's acknowledgement. */
  seconds: number;
  /** Seconds of this process's CPU (user + system) in that time: encoding rows, and whatever else ran meanwhile. */
  cpuSeconds: number;
}

export interface SubgraphProfile {
  /** The loader's wall time, from BEGIN to its return. */
  loaderSeconds: number;
  /** Of it, inside COPY statements. */
  copySeconds: number;
  /** Of it, building the indexes and primary keys the loader deferred until its rows were in. */
  indexSeconds: number;
  /** Rebuilding the statistics summary from the loaded rows (its triggers are off during the load). */
  summarySeconds: number;
  commitSeconds: number;
  analyzeSeconds: number;
  copies: CopyTrace[];
}

/** Records every COPY the client runs (from its start to the server's acknowledgement) and every index or key it builds. */
function traceCopies(client: Client, copies: CopyTrace[], indexes: number[]): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const config = args[0] as { text?: unknown; submit?: unknown; rowCount?: number; on?: (event: string, listener: () => void) => void } | string | undefined;
    const started = process.hrtime.bigint();
    const result = query(...args);
    if (typeof config === 'string' && /^(CREATE (UNIQUE )?INDEX|ALTER TABLE \S+ ADD CONSTRAINT)/.test(config)) {
      void (result as Promise<unknown>).then(() => indexes.push(Number(process.hrtime.bigint() - started) / 1e9), () => undefined);
    } else if (config && typeof config === 'object' && typeof config.submit === 'function' && typeof config.text === 'string' && config.text.startsWith('COPY ')) {
      const cpu = process.cpuUsage();
      config.on?.('finish', () => {
        const used = process.cpuUsage(cpu);
        copies.push({
          table: (config.text as string).split(' ')[1]!,
          rows: config.rowCount ?? 0,
          seconds: Number(process.hrtime.bigint() - started) / 1e9,
          cpuSeconds: (used.user + used.system) / 1e6,
        });
      });
    }
    return result;
  };
}

/**
 * Loads the deterministic demo data into every subgraph whose schema is empty, one transaction per subgraph,
 * so a failed load leaves nothing half written and the next start tries again.
 */
export async function loadDemoData(
  urls: DatabaseUrls,
  options: { households: number; seed?: number; profile?: boolean },
  names: SubgraphName[] = SUBGRAPH_NAMES,
): Promise<DemoLoadReport> {
  const started = process.hrtime.bigint();
  let population: DemoPopulation | undefined;
  const loaded: DemoLoadReport['loaded'] = {};
  const timings: Record<string, number> = {};
  const since = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
  const empty: SubgraphName[] = [];
  for (const name of names) {
    const client = new Client({ connectionString: urls[name] });
    await client.connect();
    try {
      if ((await firstFilledTable(client, await dataTables(client, SUBGRAPHS[name].schema))) === null) empty.push(name);
    } finally {
      await client.end();
    }
  }
  if (empty.length > 0) {
    const generating = process.hrtime.bigint();
    population = generatePopulation(options);
    timings.population = since(generating);
  }
  const profile: DemoLoadReport['profile'] = options.profile ? {} : undefined;
  const loadOne = async (name: SubgraphName): Promise<void> => {
    const client = new Client({ connectionString: urls[name] });
    await client.connect();
    const copies: CopyTrace[] = [];
    const indexes: number[] = [];
    if (profile) traceCopies(client, copies, indexes);
    const loading = process.hrtime.bigint();
    try {
      await client.query('BEGIN');
      // The tables are empty: one rebuild of the statistics summary at the end beats its triggers on every COPY.
      const resumeSummary = await suspendStatisticsSummary(client, SUBGRAPHS[name].schema);
      await claimEmptySchema(client, SUBGRAPHS[name].schema);
      loaded[name] = await subgraphDemo(name).loadDemoData(client, population!);
      const summarising = process.hrtime.bigint();
      await resumeSummary();
      const summarySeconds = since(summarising);
      const loaderSeconds = since(loading) - summarySeconds;
      const committing = process.hrtime.bigint();
      await client.query('COMMIT');
      const commitSeconds = since(committing);
      const analyzing = process.hrtime.bigint();
      await client.query(`ANALYZE ${(await dataTables(client, SUBGRAPHS[name].schema)).join(', ')}`);
      timings[name] = since(loading);
      if (profile) {
        const copySeconds = copies.reduce((sum, copy) => sum + copy.seconds, 0);
        const indexSeconds = indexes.reduce((sum, seconds) => sum + seconds, 0);
        profile[name] = { loaderSeconds, copySeconds, indexSeconds, summarySeconds, commitSeconds, analyzeSeconds: since(analyzing), copies };
      }
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new Error(`loading ${name} demo data failed, nothing of it was kept: ${(error as Error).message}`);
    } finally {
      await client.end();
    }
  };
  // Employment first: its COPYs keep PostgreSQL busiest (its statistics triggers), so its rows should go out earliest.
  const ordered = [...empty].sort((a, b) => LOAD_ORDER.indexOf(a) - LOAD_ORDER.indexOf(b));
  if (profile) {
    // Profiling loads one subgraph at a time, so that each one's figures are its own.
    for (const name of ordered) await loadOne(name);
  } else {
    // The subgraphs load side by side: while PostgreSQL files one subgraph's rows, Node builds another's.
    const results = await Promise.allSettled(ordered.map(loadOne));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }
  return {
    persons: population?.persons.length ?? 0,
    households: population?.households.length ?? 0,
    seconds: since(started),
    loaded,
    timings,
    profile,
  };
}
