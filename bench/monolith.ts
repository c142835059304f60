/**
 * The monolith reference: every subgraph's schema and resolvers served by one Apollo Server, no gateway.
 * Run as its own process: BENCH_SUBGRAPHS (comma list), <PREFIX>_DATABASE_URL per subgraph, PORT.
 *
 * Subgraphs export only `start()`, which builds their context (database, loaders, "today") and calls
 * `startSubgraph` from @hub/subgraph-runtime. Here that call is intercepted (Module._load) to collect each
 * subgraph's schema file, resolvers, context factory and onStop exactly as its own server would use them,
 * without listening; the parts are merged (lib/merge.ts) and served the same way a subgraph is served.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import Module from 'node:module';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import express from 'express';
import { parse } from 'graphql';
import { SUBGRAPHS, type SubgraphName } from '@hub/database';
import { AuditCollector, authenticateRequest, tokenVerifierFromEnv } from '@hub/access';
import type { RequestAccess, SubgraphOptions } from '@hub/subgraph-runtime';
import { mergeSubgraphs } from './lib/merge';

const REPO_ROOT = path.resolve(__dirname, '..');

interface Captured {
  options: SubgraphOptions<RequestAccess>;
}

async function main(): Promise<void> {
  const names = (process.env.BENCH_SUBGRAPHS ?? '').split(',').filter(Boolean) as SubgraphName[];
  const captured: Captured[] = [];
  /* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
  const runtime = require('@hub/subgraph-runtime') as Record<string, unknown>;
  const intercepted = {
    ...runtime,
    startSubgraph: async (options: SubgraphOptions<RequestAccess>) => {
      captured.push({ options });
      return { name: options.name, url: '', port: 0, stop: async () => options.onStop?.() };
    },
  };
  const moduleInternals = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const load = moduleInternals._load;
  moduleInternals._load = function (request: string, parent: unknown, isMain: boolean) {
    return request === '@hub/subgraph-runtime' ? intercepted : load.call(this, request, parent, isMain);
  };
  for (const name of names) {
    const server = require(path.join(REPO_ROOT, 'subgraphs', name, 'src', 'server')) as { start: (o: { port?: number; databaseUrl?: string }) => Promise<unknown> };
    await server.start({ port: 0, databaseUrl: process.env[`${SUBGRAPHS[name].envPrefix}_DATABASE_URL`] });
  }
  moduleInternals._load = load;
  /* eslint-enable @typescript-eslint/no-require-imports */

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
        return Object.fromEntries(await Promise.all(captured.map(async ({ options }) => [options.name, await options.context({ caller, audit: new AuditCollector(), onwardTokens: {} })])));
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
    for (const { options } of captured) await options.onStop?.();
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
