import { Client } from 'pg';
import type { DemoPopulation } from '@hub/demo-population';
import { loadDemoData } from '../src/data/demo';

/** POSTs one GraphQL operation and returns its JSON answer. */
export async function gql<T = any>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<{ data: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data: T; errors?: { message: string }[] };
}

export async function loadDemo(url: string, population: DemoPopulation): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await loadDemoData(client, population);
  } finally {
    await client.end();
  }
}
