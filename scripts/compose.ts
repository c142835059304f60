/**
 * npm run compose: composes schema/<subgraph>.graphql into schema/supergraph.graphql with @apollo/composition.
 * Any composition error or hint fails it. `--check` only compares with the committed file.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPH_NAMES, SUBGRAPHS } from '@hub/database';
import { REPO_ROOT } from './lib/settings';

export const SUPERGRAPH_FILE = path.join(REPO_ROOT, 'schema', 'supergraph.graphql');

export function composeSupergraph(): string {
  const services = SUBGRAPH_NAMES.map((name) => ({
    name,
    // Default URLs: the gateway overrides them from <PREFIX>_URL (see README).
    url: `http://127.0.0.1:${SUBGRAPHS[name].port}/graphql`,
    typeDefs: parse(readFileSync(path.join(REPO_ROOT, 'schema', `${name}.graphql`), 'utf8')),
  }));
  const result = composeServices(services);
  const problems = [
    ...(result.errors ?? []).map((e) => `error: ${e.message}`),
    ...(result.hints ?? []).map((h) => `hint ${h.definition.code}: ${h.message}`),
  ];
  if (problems.length > 0 || !result.supergraphSdl) throw new Error(`composition failed:\n${problems.join('\n')}`);
  return result.supergraphSdl;
}

if (require.main === module) {
  try {
    const sdl = composeSupergraph();
    if (process.argv.includes('--check')) {
      const committed = existsSync(SUPERGRAPH_FILE) ? readFileSync(SUPERGRAPH_FILE, 'utf8') : '';
      if (committed !== sdl) {
        console.error('schema/supergraph.graphql is stale: run npm run compose and commit it');
        process.exit(1);
      }
      console.log('schema/supergraph.graphql is up to date');
    } else {
      writeFileSync(SUPERGRAPH_FILE, sdl);
      console.log(`composed ${SUBGRAPH_NAMES.join(', ')} into schema/supergraph.graphql`);
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
