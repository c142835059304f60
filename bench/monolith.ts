/**
 * The monolith reference: every subgraph's schema and resolvers served by one Apollo Server, no gateway.
 * Run as its own process: BENCH_SUBGRAPHS (comma list), <PREFIX>_DATABASE_URL per subgraph, PORT.
 *
 * Each subgraph exports `parts()`: its schema file, resolvers, per-request context (database, loaders,
 * "today") and database, exactly as its own server uses them; the parts are merged (lib/merge.ts) and
 * served by one server.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import express from 'express';
import { parse } from 'graphql';
import type { SubgraphDb, SubgraphName } from '@hub/database';
import { AuditCollector, authenticateRequest, tokenVerifierFromEnv } from '@hub/access';
import type { RequestAccess, SubgraphParts } from '@hub/subgraph-runtime';
import { mergeSubgraphs } from './lib/merge';

const REPO_ROOT = path.resolve(__dirname, '..');

type AnyParts = SubgraphParts<RequestAccess, SubgraphDb<{ $disconnect: () => Promise<void> }>>;

async function main(): Promise<void> {
  const names = (process.env.BENCH_SUBGRAPHS ?? '').split(',').filter(Boolean) as SubgraphName[];
  const captured: { options: AnyParts }[] = [];
  for (const name of names) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const server = require(path.join(REPO_ROOT, 'subgraphs', name, 'src', 'server')) as { parts: () => AnyParts };
    captured.push({ options: server.parts() });
  }

  /* eslint-disable @typescript-eslint/no-explicit-any */
  const merged = mergeSubgraphs(
    captured.map(({ options }) => ({ name: options.name, typeDefs: parse(readFileSync(options.schemaFile, 'utf8')), resolvers: options.resolvers as Record<string, any> })),
  );
  /* eslint-enable @typescript-eslint/no-explicit-any */
  const verify = tokenVerifierFromEnv();
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const server = new ApolloServer<Record<string, unknown>>({
    schema: buildSubgraphSchema({ typeDefs: merged.typeDefs, resolvers: merged.resolvers }),
    includeStacktraceInErrorResponses: process.env.NODE_ENV !== 'production',
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', subgraphs: captured.map((c) => c.options.name) });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      // The floor: the caller's token is verified, but no field rules run (the hub applies them twice).
      context: async ({ req }) => {
        const caller = await authenticateRequest(req.headers, verify);
        return Object.fromEntries(await Promise.all(captured.map(async ({ options }) => [options.name, await options.context({ caller, audit: new AuditCollector(), onwardTokens: {}, perExecution: (_key, make) => make() })])));
      },
    }),
  );
  const port = Number(process.env.PORT ?? 4100);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, '127.0.0.1', () => resolve());
  });
  const stop = async (): Promise<void> => {
    await server.stop();
    httpServer.closeAllConnections();
    httpServer.close();
    for (const { options } of captured) await options.db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  console.log(`monolith (${captured.map((c) => c.options.name).join(', ')}) ready at http://127.0.0.1:${port}/graphql`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
