import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express from 'express';
import { parse } from 'graphql';

export interface SubgraphOptions<TContext extends BaseContext> {
  /** Subgraph name, as in the supergraph (community, civil-affairs, employment, safety). */
  name: string;
  /** Path of the subgraph's SDL file (schema/<name>.graphql). */
  schemaFile: string;
  resolvers: GraphQLResolverMap<TContext>;
  port: number;
  /** Builds the per-request context: DataLoaders are created here, one set per request. */
  context: () => Promise<TContext> | TContext;
  /** Closes what the subgraph opened (database pools), after the HTTP server stopped. */
  onStop?: () => Promise<void>;
  plugins?: ApolloServerPlugin<TContext>[];
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  stop: () => Promise<void>;
}

export function loadSubgraphSchema<TContext>(schemaFile: string, resolvers: GraphQLResolverMap<TContext>) {
  return buildSubgraphSchema({ typeDefs: parse(readFileSync(schemaFile, 'utf8')), resolvers: resolvers as GraphQLResolverMap<unknown> });
}

/** Serves one subgraph over HTTP: POST /graphql and GET /health. */
export async function startSubgraph<TContext extends BaseContext>(options: SubgraphOptions<TContext>): Promise<RunningSubgraph> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const server = new ApolloServer<TContext>({
    schema: loadSubgraphSchema(options.schemaFile, options.resolvers),
    includeStacktraceInErrorResponses: process.env.NODE_ENV !== 'production',
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled(), ...(options.plugins ?? [])],
  });
  await server.start();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', subgraph: options.name });
  });
  app.use('/graphql', express.json({ limit: process.env.BODY_LIMIT ?? '1mb' }), expressMiddleware(server, { context: async () => options.context() }));
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, process.env.HOST ?? '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  let stopped: Promise<void> | undefined;
  return {
    name: options.name,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    stop: () => {
      stopped ??= (async () => {
        await server.stop();
        httpServer.closeAllConnections();
        await options.onStop?.();
      })();
      return stopped;
    },
  };
}
