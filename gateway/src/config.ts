import path from 'node:path';
import { SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from '@hub/database';

export const DEFAULT_SUPERGRAPH_FILE = path.resolve(__dirname, '../../schema/supergraph.graphql');

export interface GatewayConfig {
  port: number;
  host: string;
  supergraphFile: string;
  /** Subgraph URLs by name; those absent use the URL composed into the supergraph. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** Serve the GraphiQL playground (development default; off when NODE_ENV=production unless PLAYGROUND=1). */
  playground: boolean;
}

/** All configuration comes from the environment (see README "Environment"). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = env[`${SUBGRAPHS[name].envPrefix}_URL`];
    if (url) subgraphUrls[name] = url;
  }
  return {
    port: Number(env.PORT ?? 4000),
    host: env.HOST ?? '127.0.0.1',
    supergraphFile: env.SUPERGRAPH_FILE ?? DEFAULT_SUPERGRAPH_FILE,
    subgraphUrls,
    playground: env.PLAYGROUND ? env.PLAYGROUND === '1' : env.NODE_ENV !== 'production',
  };
}
