/** The four subgraphs: each owns one PostgreSQL schema and may be pointed at its own database. */
export const SUBGRAPHS = {
  community: { schema: 'community', port: 4001, envPrefix: 'COMMUNITY' },
  'civil-affairs': { schema: 'civil_affairs', port: 4002, envPrefix: 'CIVIL_AFFAIRS' },
  employment: { schema: 'employment', port: 4003, envPrefix: 'EMPLOYMENT' },
  safety: { schema: 'safety', port: 4004, envPrefix: 'SAFETY' },
} as const;

export type SubgraphName = keyof typeof SUBGRAPHS;
export const SUBGRAPH_NAMES = Object.keys(SUBGRAPHS) as SubgraphName[];

/** `<PREFIX>_DATABASE_URL` wins over the shared `DATABASE_URL`. */
export function databaseUrlFor(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[`${SUBGRAPHS[name].envPrefix}_DATABASE_URL`] || env.DATABASE_URL || undefined;
}

export function portFor(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): number {
  const value = env[`${SUBGRAPHS[name].envPrefix}_PORT`];
  return value ? Number(value) : SUBGRAPHS[name].port;
}
