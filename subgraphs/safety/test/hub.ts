// Community and safety side by side behind a gateway: for the tests that read safety through the graph.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { Client } from 'pg';
import type { DemoPopulation } from '@hub/demo-population';
import { REPO_ROOT } from '../../../test/support/database';
import { loadDemoData as loadCommunityDemo } from '../../community/src/data/demo';
import { loadDemoData } from '../src/data/demo';

/** The supergraph of community and safety alone, so that gateway tests do not depend on the other subgraphs' state. */
export function composeCommunityAndSafety(): string {
  const result = composeServices(
    ['community', 'safety'].map((name) => ({ name, url: `http://127.0.0.1/${name}`, typeDefs: parse(readFileSync(path.join(REPO_ROOT, 'schema', `${name}.graphql`), 'utf8')) })),
  );
  if (result.errors?.length || !result.supergraphSdl) throw new Error(`composition failed: ${result.errors?.map((e) => e.message).join('; ')}`);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'safety-supergraph-')), 'supergraph.graphql');
  writeFileSync(file, result.supergraphSdl);
  return file;
}

/** Loads community's and safety's demo rows of a population in one transaction. */
export async function loadCommunityAndSafetyDemo(url: string, population: DemoPopulation): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await loadCommunityDemo(client, population);
    await loadDemoData(client, population);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
