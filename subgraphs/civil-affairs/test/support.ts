import { Client } from 'pg';
import { Random, type DemoPopulation } from '@hub/demo-population';
import { loadDemoData, loadStandards } from '../src/data/demo';
import { gatewayHeaders } from '../../../test/support/access';

export interface GraphQLAnswer<T> {
  data: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * POSTs one GraphQL operation to the subgraph and returns its JSON answer; as the gateway would for a caller
 * with every scope over every test region (and a purpose) unless `headers` name another caller (see
 * gatewayHeaders / roleGatewayHeaders in test/support/access.ts).
 */
export async function gql<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}, headers?: Record<string, string>): Promise<GraphQLAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(headers ?? (await gatewayHeaders('civil-affairs'))) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLAnswer<T>;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const loadDemo = (url: string, population: DemoPopulation): Promise<Record<string, number>> => withClient(url, (client) => loadDemoData(client, population));

export const loadSeedStandards = (url: string): Promise<number> => withClient(url, (client) => loadStandards(client, new Random(1)));

/**
 * Row counts of every civil-affairs data table, to show that a refused mutation wrote nothing. The audit
 * trail (access_audit) is left out: reading a mutation's answer with a purpose appends to it by design; so is the
 * region statistics summary (region_statistics*), which triggers derive from the data tables.
 */
export async function tableCounts(url: string): Promise<Record<string, number>> {
  return withClient(url, async (client) => {
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'civil_affairs' AND table_name NOT IN ('_migrations', 'access_audit') AND table_name NOT LIKE 'region\\_statistics%' ORDER BY 1`,
    );
    const counts: Record<string, number> = {};
    for (const { table_name } of tables.rows) {
      counts[table_name] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM civil_affairs."${table_name}"`)).rows[0]!.n);
    }
    return counts;
  });
}

/** A fixed UUID for fixtures: prefix + counter. */
export const fixtureId = (prefix: number, n: number): string => `${String(prefix).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
