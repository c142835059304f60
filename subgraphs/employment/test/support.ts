/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are untyped JSON here. */
import { Client } from 'pg';
import { generatePopulation, type DemoPopulation } from '@hub/demo-population';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { loadDemoData } from '../src/data/demo';
import { start } from '../src/server';
import { gatewayHeaders } from '../../../test/support/access';

export interface TestSubgraph {
  database: TestDatabase;
  population: DemoPopulation;
  running: Awaited<ReturnType<typeof start>>;
  /**
   * POSTs an operation to the subgraph as the gateway would for `headers` (default: a caller with every scope over
   * every test region, with a purpose; see roleGatewayHeaders); fails the test on GraphQL errors.
   */
  gql: <T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<T>;
  /** Like gql, but answers the whole body, errors included. */
  raw: (
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ) => Promise<{ data?: any; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] }>;
  stop: () => Promise<void>;
}

/** A fresh database with employment's migrations and demo data for a small population, and the subgraph on a free port. */
export async function startTestSubgraph(prefix: string, households = 50, seed = 7): Promise<TestSubgraph> {
  const database = await createTestDatabase(prefix, ['employment']);
  const population = generatePopulation({ households, seed });
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await loadDemoData(client, population);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  const running = await start({ port: 0, databaseUrl: database.url });
  const raw: TestSubgraph['raw'] = async (query, variables, headers) => {
    const response = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(headers ?? (await gatewayHeaders('employment'))) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as never;
  };
  return {
    database,
    population,
    running,
    raw,
    gql: async (query, variables, headers) => {
      const body = await raw(query, variables, headers);
      if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
      return body.data;
    },
    stop: async () => {
      await running.stop();
      await database.drop();
    },
  };
}

/**
 * Every row of every employment table (keys included), to prove that a refused or replayed mutation wrote nothing.
 * Rows are ordered by the whole row: ordering by a first column that repeats (a summary's region code, a one-column
 * bookkeeping table) leaves ties in whatever order the plan of the moment returns them.
 */
export async function tableSnapshot(url: string): Promise<string> {
  const tables = await query<{ table_name: string }>(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'employment' AND table_name <> '_migrations' ORDER BY 1");
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await query(url, `SELECT * FROM employment."${table_name}" AS t ORDER BY t::text`);
    parts.push(`${table_name}:${JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
  }
  return parts.join('\n');
}
