export type SubgraphState = 'up' | 'down';

/** Asks every subgraph's /health at once, each within `timeoutMs`. */
export async function checkSubgraphs(graphqlUrls: Record<string, string>, timeoutMs = 1000): Promise<Record<string, SubgraphState>> {
  const entries = await Promise.all(
    Object.entries(graphqlUrls).map(async ([name, url]) => {
      try {
        const response = await fetch(url.replace(/\/graphql\/?$/, '/health'), { signal: AbortSignal.timeout(timeoutMs) });
        return [name, response.ok ? 'up' : 'down'] as const;
      } catch {
        return [name, 'down'] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}
