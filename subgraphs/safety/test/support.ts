import { Client } from 'pg';
import type { DemoPopulation } from '@hub/demo-population';
import { loadDemoData } from '../src/data/demo';
import { gatewayHeaders } from '../../../test/support/access';

export interface GraphQLAnswer<T> {
  /** Null when the operation failed as a whole; tests assert `errors` first. */
  data: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * POSTs one GraphQL operation and returns its JSON answer. `headers` default to what the gateway sends the
 * safety subgraph for a caller with every scope over every test region (and a purpose); pass
 * gatewayHeaders('safety', caller) for another caller, or callerHeaders(...) when `url` is a gateway.
 */
// Tests read answers of many shapes; they assert on them, so a loose default type is enough here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function gql<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, headers?: Record<string, string>): Promise<GraphQLAnswer<T>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(headers ?? (await gatewayHeaders('safety'))) }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as GraphQLAnswer<T>;
}

/** Loads the safety demo rows of a population in one transaction, as the hub's loader does. */
export async function loadDemo(url: string, population: DemoPopulation): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const counts = await loadDemoData(client, population);
    await client.query('COMMIT');
    return counts;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}
