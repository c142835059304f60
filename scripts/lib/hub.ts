import path from 'node:path';
import { Client } from 'pg';
import { applyMigrations, SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from '@hub/database';
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

/** A subgraph's data tables (its migrations table aside), quoted for SQL. */
export async function dataTables(client: Client, schema: string): Promise<string[]> {
  const { rows } = await client.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> '_migrations'",
    [schema],
  );
  return rows.map((r) => `"${schema}"."${r.table_name}"`);
}

/** Whether every data table of a subgraph's schema is empty. */
async function schemaIsEmpty(client: Client, schema: string): Promise<boolean> {
  for (const table of await dataTables(client, schema)) {
    const found = await client.query(`SELECT 1 FROM ${table} LIMIT 1`);
    if (found.rowCount) return false;
  }
  return true;
}

export interface DemoLoadReport {
  persons: number;
  households: number;
  seconds: number;
  /** Row counts per subgraph; a subgraph that already held data is skipped. */
  loaded: Partial<Record<SubgraphName, Record<string, number>>>;
  /** Seconds spent generating the population, and loading each subgraph. */
  timings: Record<string, number>;
}

/**
 * Loads the deterministic demo data into every subgraph whose schema is empty, one transaction per subgraph,
 * so a failed load leaves nothing half written and the next start tries again.
 */
export async function loadDemoData(
  urls: DatabaseUrls,
  options: { households: number; seed?: number },
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
      if (await schemaIsEmpty(client, SUBGRAPHS[name].schema)) empty.push(name);
    } finally {
      await client.end();
    }
  }
  if (empty.length > 0) {
    const generating = process.hrtime.bigint();
    population = generatePopulation(options);
    timings.population = since(generating);
  }
  // The subgraphs load side by side: while PostgreSQL ingests one COPY stream, Node builds the next one's rows.
  const results = await Promise.allSettled(
    empty.map(async (name) => {
      const client = new Client({ connectionString: urls[name] });
      await client.connect();
      const loading = process.hrtime.bigint();
      try {
        await client.query('BEGIN');
        loaded[name] = await subgraphDemo(name).loadDemoData(client, population!);
        await client.query('COMMIT');
        await client.query(`ANALYZE ${(await dataTables(client, SUBGRAPHS[name].schema)).join(', ')}`);
        timings[name] = since(loading);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new Error(`loading ${name} demo data failed, nothing of it was kept: ${(error as Error).message}`);
      } finally {
        await client.end();
      }
    }),
  );
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
  return {
    persons: population?.persons.length ?? 0,
    households: population?.households.length ?? 0,
    seconds: since(started),
    loaded,
    timings,
  };
}
