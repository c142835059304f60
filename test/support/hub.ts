import type { RateLimit } from '@hub/access';
import { SUBGRAPH_NAMES, type SubgraphName } from '@hub/database';
import { startGateway, type RunningGateway } from '../../gateway/src/server';
import { loadDemoData, migrateAll, subgraphModule, type DatabaseUrls } from '../../scripts/lib/hub';
import { callerHeaders } from './access';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestHub {
  gateway: RunningGateway;
  database: TestDatabase;
  subgraphs: Record<SubgraphName, Awaited<ReturnType<ReturnType<typeof subgraphModule>['start']>>>;
  /**
   * POSTs a GraphQL operation to the gateway and returns the parsed body; as a caller with every scope
   * over every test region (and a purpose) unless `headers` name another (see ./access).
   */
  query: <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ) => Promise<{ data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] }>;
  /** SQL statements each subgraph sent so far. */
  statements: () => Record<SubgraphName, number>;
  stop: () => Promise<void>;
}

/** The whole hub in this process: a fresh database with demo data, the four subgraphs and the gateway on free ports. */
export async function startTestHub({
  households = 30,
  seed = 1,
  rateLimit = null,
}: {
  households?: number;
  seed?: number;
  /** Off by default: suites send bursts from one subject; the rate-limit test sets one. */
  rateLimit?: RateLimit | null;
} = {}): Promise<TestHub> {
  const database = await createTestDatabase('hub');
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, database.url])) as DatabaseUrls;
  await migrateAll(urls);
  await loadDemoData(urls, { households, seed });
  const subgraphs = {} as TestHub['subgraphs'];
  const started: Partial<Record<SubgraphName, string>> = {};
  // Community first (SUBGRAPH_NAMES order): civil-affairs reads its cadre relatives when approving.
  for (const name of SUBGRAPH_NAMES) {
    subgraphs[name] = await subgraphModule(name).start({ port: 0, databaseUrl: database.url, subgraphUrls: started });
    started[name] = subgraphs[name].url;
  }
  const fullAccess = await callerHeaders();
  const gateway = await startGateway({
    port: 0,
    playground: true,
    rateLimit,
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphs[name].url])),
  });
  return {
    gateway,
    database,
    subgraphs,
    query: async (query, variables, headers) => {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(headers ?? fullAccess) },
        body: JSON.stringify({ query, variables }),
      });
      return response.json() as never;
    },
    statements: () => Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, subgraphs[name].db.statements.count])) as Record<SubgraphName, number>,
    stop: async () => {
      await gateway.stop();
      for (const name of SUBGRAPH_NAMES) await subgraphs[name].stop();
      await database.drop();
    },
  };
}
