import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import {
  createGatewayTokenSigner,
  devJwtSecretFromEnv,
  devPlaygroundHeaders,
  edgeServerOptions,
  gatewayContext,
  gatewayKeyFromEnv,
  RateLimiter,
  tokenVerifierFromEnv,
  withAccessControl,
  type GatewayContext,
} from '@hub/access';
import type { SubgraphName } from '@hub/database';
import {
  bodyErrors,
  concurrencyLimit,
  createLogger,
  currentRequest,
  metricsEndpoint,
  observabilityPlugin,
  requestScope,
  resumeRequestScope,
  ServiceMetrics,
  startTracing,
  gracefulStop,
  type Logger,
  rejectNulCharactersPlugin,
} from '@hub/subgraph-runtime';
import { configFromEnv, type GatewayConfig } from './config';
import { SubgraphDataSource } from './datasource';
import { checkSubgraphs } from './health';
import { PLAYGROUND_CONTENT_SECURITY_POLICY, playgroundHtml } from './playground';
import { checkCustomScalarInputs } from './scalars';
import { watchedSupergraph } from './supergraph';

// The gateway must not report usage to Apollo's servers (government intranets have no internet).
process.env.APOLLO_TELEMETRY_DISABLED ??= '1';

export interface RunningGateway {
  url: string;
  port: number;
  /** Subgraph name → GraphQL URL, as the gateway calls them. */
  subgraphUrls: Record<string, string>;
  stop: () => Promise<void>;
}

export interface GatewayOptions extends Partial<GatewayConfig> {
  /** Defaults to JSON on stdout (LOG_LEVEL); tests pass their own. */
  logger?: Logger;
  /** Stop gracefully on SIGTERM/SIGINT and exit (default true; the handlers go away once stopped). */
  handleSignals?: boolean;
}

export async function startGateway({ logger: givenLogger, handleSignals = true, ...overrides }: GatewayOptions = {}): Promise<RunningGateway> {
  const config: GatewayConfig = { ...configFromEnv(), ...overrides };
  startTracing('gateway');
  const logger = givenLogger ?? createLogger('gateway');
  const metrics = new ServiceMetrics('gateway');
  const production = process.env.NODE_ENV === 'production';
  const verify = tokenVerifierFromEnv();
  const sign = createGatewayTokenSigner(await gatewayKeyFromEnv());
  const subgraphUrls: Record<string, string> = {};
  const supergraph = watchedSupergraph(config.supergraphFile, { watch: config.watchSupergraph, pollMs: config.supergraphPollMs, logger });
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    logger: logger.child({ component: 'apollo-gateway' }),
    buildService: ({ name, url }) => {
      const target = config.subgraphUrls[name as SubgraphName] ?? url;
      if (!target) throw new Error(`no URL for subgraph ${name}`);
      subgraphUrls[name] = target;
      return new SubgraphDataSource(name, target, { timeoutMs: config.subgraphTimeoutsMs[name] ?? config.subgraphTimeoutMs, logger, metrics, sign });
    },
  });

  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => checkCustomScalarInputs(apiSchema));

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  // Depth, alias, directive, cost and token limits, the `first` cap, CSRF prevention, no batching; in
  // production no introspection, suggestions, stack traces or limit values.
  const edge = edgeServerOptions<GatewayContext>({ production });
  const server = new ApolloServer<GatewayContext>({
    // Each operation is rewritten per caller before planning: refused fields are never fetched.
    gateway: withAccessControl(gateway, { callerOf: (context: GatewayContext) => context.caller }),
    ...edge,
    // Signals are handled below (stop accepting, drain, exit), the same way as in the subgraphs.
    stopOnTerminationSignals: false,
    logger: logger.child({ component: 'apollo' }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      ApolloServerPluginLandingPageDisabled(),
      observabilityPlugin(metrics, logger),
      rejectNulCharactersPlugin(),
      ...edge.plugins,
    ],
  });
  await server.start();

  const shutdown = gracefulStop({ server, httpServer, delayMs: config.shutdownDelayMs });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready when every subgraph answers its /health; the gateway itself starts without them.
  app.get('/ready', async (_req, res) => {
    const subgraphs = await checkSubgraphs(subgraphUrls);
    const { draining } = shutdown;
    const ready = !draining && Object.values(subgraphs).every((state) => state === 'up');
    res.status(ready ? 200 : 503).json({ status: draining ? 'stopping' : ready ? 'ready' : 'not ready', supergraph: 'loaded', subgraphs });
  });
  // For operators: which supergraph is served (hash, reloads, last refused update) and the subgraph URLs.
  app.get('/status', (_req, res) => {
    res.json({ supergraph: supergraph.status(), subgraphUrls, draining: shutdown.draining });
  });
  app.get('/metrics', metricsEndpoint(metrics));
  if (config.playground) {
    // Development only: a grid worker's token (its community, the examples' 370703001001) and a purpose in the headers editor.
    const defaultHeaders = production ? undefined : JSON.stringify(await devPlaygroundHeaders(devJwtSecretFromEnv(), 'grid-worker'), null, 2);
    const page = playgroundHtml({ endpoint: '/graphql', defaultHeaders, exampleIdNumber: config.playgroundExampleIdNumber });
    app.get('/', (_req, res) => {
      // The page may reach nothing but this server (it is self-contained; government intranets have no internet).
      res.set('Content-Security-Policy', PLAYGROUND_CONTENT_SECURITY_POLICY);
      res.type('html').send(page);
    });
  }
  app.use(
    '/graphql',
    requestScope(logger, metrics),
    concurrencyLimit(config.maxConcurrentRequests, metrics),
    express.json({ limit: config.bodyLimit }),
    bodyErrors(metrics, config.bodyLimit),
    resumeRequestScope(),
    expressMiddleware(server, {
      context: gatewayContext({
        verify,
        rateLimiter: config.rateLimit ? new RateLimiter(config.rateLimit) : undefined,
        requestIdOf: () => currentRequest()?.requestId,
      }),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  logger.info({ port, subgraphs: subgraphUrls, supergraph: config.supergraphFile }, 'gateway listening');
  if (handleSignals) shutdown.onSignals('gateway', logger);
  return { port, url: `http://127.0.0.1:${port}/graphql`, subgraphUrls, stop: shutdown.stop };
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
