/**
 * Edge hardening for the gateway's ApolloServer: graphql-armor limits (not its token limit, which
 * turns syntax errors into HTTP 500: Apollo's parseOptions.maxTokens instead), a cap on `first`,
 * no batching, CSRF prevention, and in production no introspection, suggestions, stack traces or
 * limit values in messages. Plus a per-subject token-bucket rate limiter and the request context.
 */
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Kind, valueFromASTUntyped, type GraphQLFormattedError, type SelectionSetNode, type ValueNode } from 'graphql';
import type { Caller } from './scopes';
import { authenticateRequest, withHttp, type HeaderSource, type TokenVerifier } from './tokens';

export interface EdgeLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxCost: number;
  maxTokens: number;
  /** Largest page a connection argument (`first`, `last`) may ask for. */
  maxFirst: number;
}

export const DEFAULT_EDGE_LIMITS: EdgeLimits = { maxDepth: 12, maxAliases: 20, maxDirectives: 20, maxCost: 20000, maxTokens: 3000, maxFirst: 100 };

const PAGE_ARGUMENTS = new Set(['first', 'last']);

function badRequest(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 }, ...extensions } });
}

/** Refuses any `first`/`last` argument above the cap, literal or variable (HTTP 400). */
export function pageSizeCapPlugin<TContext extends BaseContext>(maxFirst: number, exposeLimit = true): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const variables = request.variables ?? {};
          const check = (value: ValueNode, argument: string) => {
            const resolved: unknown = value.kind === Kind.VARIABLE ? variables[value.name.value] : valueFromASTUntyped(value);
            if (typeof resolved === 'number' && resolved > maxFirst) {
              throw badRequest(exposeLimit ? `\`${argument}\` may be at most ${maxFirst}` : `\`${argument}\` is above the page size limit`, { field: argument });
            }
          };
          const visit = (selectionSet: SelectionSetNode | undefined) => {
            for (const selection of selectionSet?.selections ?? []) {
              if (selection.kind === Kind.FIELD) {
                for (const arg of selection.arguments ?? []) if (PAGE_ARGUMENTS.has(arg.name.value)) check(arg.value, arg.name.value);
              }
              if (selection.kind !== Kind.FRAGMENT_SPREAD) visit(selection.selectionSet);
            }
          };
          // Every operation and fragment of the document: fragments are checked wherever they are spread.
          for (const def of document.definitions) if ('selectionSet' in def) visit(def.selectionSet);
        },
      };
    },
  };
}

const LIMIT_MESSAGES: [RegExp, string][] = [
  [/^Syntax Error: Document contains more (that|than) \d+ tokens/, 'Syntax Error: the document is too large.'],
];

/** In production: no limit values in messages, internal errors reduced to a generic message. */
export function productionFormatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  for (const [pattern, replacement] of LIMIT_MESSAGES) {
    if (pattern.test(formatted.message)) return { ...formatted, message: replacement };
  }
  if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
    return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' }, ...(formatted.path ? { path: formatted.path } : {}) };
  }
  return formatted;
}

export interface EdgeOptions {
  production: boolean;
  limits?: Partial<EdgeLimits>;
}

type EdgeServerOptions<TContext extends BaseContext> = Pick<
  ApolloServerOptions<TContext>,
  | 'introspection'
  | 'includeStacktraceInErrorResponses'
  | 'hideSchemaDetailsFromClientErrors'
  | 'csrfPrevention'
  | 'allowBatchedHttpRequests'
  | 'parseOptions'
  | 'validationRules'
  | 'formatError'
> & { plugins: ApolloServerPlugin<TContext>[] };

/** Spread into `new ApolloServer({ gateway, ...edgeServerOptions(...), plugins: [...edge.plugins, ...] })`. */
export function edgeServerOptions<TContext extends BaseContext>(options: EdgeOptions): EdgeServerOptions<TContext> {
  const limits = { ...DEFAULT_EDGE_LIMITS, ...options.limits };
  const exposeLimits = !options.production;
  const armor = new ApolloArmor({
    // Without exposed limits the messages still say which limit was hit, not its value.
    maxDepth: { n: limits.maxDepth, exposeLimits, ignoreIntrospection: true, errorMessage: 'Query depth limit exceeded.' },
    maxAliases: { n: limits.maxAliases, exposeLimits, errorMessage: 'Query aliases limit exceeded.' },
    maxDirectives: { n: limits.maxDirectives, exposeLimits, errorMessage: 'Query directives limit exceeded.' },
    costLimit: { maxCost: limits.maxCost, exposeLimits, ignoreIntrospection: true, errorMessage: 'Query cost limit exceeded.' },
    // Its token limit throws from the parser hook and becomes HTTP 500; Apollo's parseOptions is used.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: options.production },
  });
  const protection = armor.protect();
  return {
    introspection: !options.production,
    includeStacktraceInErrorResponses: !options.production,
    hideSchemaDetailsFromClientErrors: options.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: protection.validationRules,
    plugins: [...(protection.plugins as ApolloServerPlugin<TContext>[]), pageSizeCapPlugin<TContext>(limits.maxFirst, exposeLimits)],
    ...(options.production ? { formatError: productionFormatError } : {}),
  };
}

export interface RateLimit {
  /** Requests a subject may burst. */
  capacity: number;
  /** Tokens regained per second. */
  refillPerSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { capacity: 120, refillPerSecond: 10 };

/** A token bucket per key, in memory (one gateway instance; behind several, use the proxy's limiter too). */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit = DEFAULT_RATE_LIMIT,
    private readonly now: () => number = () => Date.now(),
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes one token; returns 0 when allowed, else the seconds until the next token. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.capacity, at: now };
    bucket.tokens = Math.min(this.limit.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.limit.refillPerSecond);
    bucket.at = now;
    this.buckets.delete(key);
    if (this.buckets.size >= this.maxKeys) {
      // Least recently used first: a Map iterates in insertion order and each use re-inserts.
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / this.limit.refillPerSecond);
  }
}

export interface GatewayContext {
  caller: Caller;
}

export interface GatewayContextOptions {
  verify: TokenVerifier;
  rateLimiter?: RateLimiter;
  /** The request id the gateway already assigned (logs, traces); else X-Request-Id or a new UUID. */
  requestIdOf?: () => string | undefined;
}

/**
 * The gateway's `expressMiddleware(server, { context })`: verifies the bearer token (401 when bad),
 * then takes a rate-limit token for the subject (anonymous callers by address; 429 when empty).
 */
export function gatewayContext(options: GatewayContextOptions) {
  return async ({ req }: { req: { headers: HeaderSource; ip?: string; socket?: { remoteAddress?: string } } }): Promise<GatewayContext> => {
    const caller = await authenticateRequest(req.headers, options.verify, options.requestIdOf?.());
    if (options.rateLimiter) {
      const key = caller.subject !== null ? `sub:${caller.subject}` : `ip:${req.ip ?? req.socket?.remoteAddress ?? 'unknown'}`;
      const retryAfter = options.rateLimiter.take(key);
      if (retryAfter > 0) {
        throw withHttp(new GraphQLError('Too many requests', { extensions: { code: 'RATE_LIMITED' } }), 429, { 'retry-after': String(retryAfter) });
      }
    }
    return { caller };
  };
}
