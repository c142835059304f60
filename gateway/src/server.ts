import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { SubgraphName } from '@hub/database';
import { configFromEnv, type GatewayConfig } from './config';
import { SubgraphDataSource } from './datasource';
import { checkSubgraphs } from './health';
import { playgroundHtml } from './playground';

// The gateway must not report usage to Apollo's servers (government intranets have no internet).
process.env.APOLLO_TELEMETRY_DISABLED ??= '1';

export interface RunningGateway {
  url: string;
  port: number;
  /** Subgraph name → GraphQL URL, as the gateway calls them. */
  subgraphUrls: Record<string, string>;
  stop: () => Promise<void>;
}

export async function startGateway(overrides: Partial<GatewayConfig> = {}): Promise<RunningGateway> {
  const config = { ...configFromEnv(), ...overrides };
  const subgraphUrls: Record<string, string> = {};
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphFile, 'utf8'),
    buildService: ({ name, url }) => {
      const target = config.subgraphUrls[name as SubgraphName] ?? url;
      if (!target) throw new Error(`no URL for subgraph ${name}`);
      subgraphUrls[name] = target;
      return new SubgraphDataSource(name, target);
    },
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const server = new ApolloServer({
    gateway,
    includeStacktraceInErrorResponses: process.env.NODE_ENV !== 'production',
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
  });
  await server.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const subgraphs = await checkSubgraphs(subgraphUrls);
    const ready = Object.values(subgraphs).every((state) => state === 'up');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', supergraph: 'loaded', subgraphs });
  });
  if (config.playground) {
    const page = playgroundHtml({ endpoint: '/graphql' });
    app.get('/', (_req, res) => {
      res.type('html').send(page);
    });
  }
  app.use('/graphql', express.json({ limit: process.env.BODY_LIMIT ?? '1mb' }), expressMiddleware(server));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  let stopped: Promise<void> | undefined;
  return {
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    subgraphUrls,
    stop: () => {
      stopped ??= (async () => {
        await server.stop();
        httpServer.closeAllConnections();
      })();
      return stopped;
    },
  };
}

if (require.main === module) {
  startGateway().then(
    (running) => console.log(`gateway ready at ${running.url} (playground: http://127.0.0.1:${running.port}/)`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
