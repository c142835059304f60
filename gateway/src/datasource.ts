import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { Agent, fetch as undiciFetch } from 'undici';

/** One keep-alive connection pool per subgraph origin, shared by all requests. */
const agent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000, connections: 128 });
const keepAliveFetch = ((url: string, init?: Record<string, unknown>) => undiciFetch(url, { ...init, dispatcher: agent } as never)) as unknown as Fetcher;

/**
 * Fetches from one subgraph over keep-alive connections. A subgraph that cannot be reached becomes a
 * GraphQL error naming it (extensions.code SUBGRAPH_UNAVAILABLE); the rest of the answer stays.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource {
  constructor(readonly subgraphName: string, url: string) {
    super({ url, fetcher: keepAliveFetch });
  }

  override async process(options: GraphQLDataSourceProcessOptions): Promise<Awaited<ReturnType<RemoteGraphQLDataSource['process']>>> {
    try {
      return await super.process(options);
    } catch (error) {
      // A subgraph that answered 4xx refused the request; anything else means it could not serve it.
      const status = error instanceof GraphQLError ? (error.extensions.response as { status?: number } | undefined)?.status : undefined;
      if (status !== undefined && status < 500) throw error;
      throw new GraphQLError(`The ${this.subgraphName} subgraph is unavailable: ${(error as Error).message}`, {
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: this.subgraphName },
      });
    }
  }
}
