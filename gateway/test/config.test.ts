import { configFromEnv, DEFAULT_SUPERGRAPH_FILE, parseRateLimit } from '../src/config';
import { isConnectionFailure, isMutation } from '../src/datasource';

describe('gateway configuration from the environment', () => {
  it('has safe defaults', () => {
    expect(configFromEnv({})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      supergraphFile: DEFAULT_SUPERGRAPH_FILE,
      subgraphUrls: {},
      playground: true,
      playgroundExampleIdNumber: undefined,
      subgraphTimeoutMs: 5_000,
      subgraphTimeoutsMs: {},
      maxConcurrentRequests: 200,
      bodyLimit: '1mb',
      shutdownGraceMs: 10_000,
      shutdownDelayMs: 0,
      watchSupergraph: true,
      supergraphPollMs: 1_000,
      rateLimit: { capacity: 120, refillPerSecond: 10 },
    });
  });

  it('reads per-subgraph URLs and timeouts by prefix, and the limits', () => {
    const config = configFromEnv({
      HOST: '0.0.0.0',
      NODE_ENV: 'production',
      SAFETY_URL: 'http://safety:4004/graphql',
      SAFETY_TIMEOUT_MS: '1500',
      CIVIL_AFFAIRS_TIMEOUT_MS: '8000',
      SUBGRAPH_TIMEOUT_MS: '3000',
      MAX_CONCURRENT_REQUESTS: '50',
      BODY_LIMIT: '256kb',
      SHUTDOWN_GRACE_MS: '25000',
      SUPERGRAPH_WATCH: '0',
      HUB_RATE_LIMIT: '30/2.5',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      playground: false,
      subgraphUrls: { safety: 'http://safety:4004/graphql' },
      subgraphTimeoutsMs: { safety: 1_500, 'civil-affairs': 8_000 },
      subgraphTimeoutMs: 3_000,
      maxConcurrentRequests: 50,
      bodyLimit: '256kb',
      shutdownGraceMs: 25_000,
      watchSupergraph: false,
      rateLimit: { capacity: 30, refillPerSecond: 2.5 },
    });
  });

  it("takes the playground person tab's ID number from PLAYGROUND_EXAMPLE_ID_NUMBER", () => {
    expect(configFromEnv({ PLAYGROUND_EXAMPLE_ID_NUMBER: '11010519491231002X' }).playgroundExampleIdNumber).toBe('11010519491231002X');
    expect(configFromEnv({ PLAYGROUND_EXAMPLE_ID_NUMBER: '' }).playgroundExampleIdNumber).toBeUndefined();
  });

  it('turns the per-subject rate limit off only when asked, and refuses a malformed one', () => {
    expect(configFromEnv({ HUB_RATE_LIMIT: 'off' }).rateLimit).toBeNull();
    expect(parseRateLimit('')).toEqual({ capacity: 120, refillPerSecond: 10 });
    for (const bad of ['0/10', '120/0', '120', 'fast', '-5/1', 'OFF']) {
      expect(() => parseRateLimit(bad)).toThrow(`HUB_RATE_LIMIT must be "<burst>/<per second>" or "off", not "${bad}"`);
    }
  });

  it('refuses a timeout or limit that is not a positive number', () => {
    expect(() => configFromEnv({ SAFETY_TIMEOUT_MS: 'soon' })).toThrow('SAFETY_TIMEOUT_MS must be a positive number');
    expect(() => configFromEnv({ MAX_CONCURRENT_REQUESTS: '0' })).toThrow('MAX_CONCURRENT_REQUESTS');
  });
});

describe('subgraph fetch retry rules', () => {
  it('recognises mutations, which are never retried', () => {
    expect(isMutation('mutation($input: X!) { grant(input: $input) { id } }')).toBe(true);
    expect(isMutation('  mutation Grant__benefits__0 { grant }')).toBe(true);
    expect(isMutation('query($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }')).toBe(false);
    expect(isMutation('{ mutationLog }')).toBe(false);
    expect(isMutation(undefined)).toBe(false);
  });

  it('retries only connection failures, not timeouts or answers', () => {
    expect(isConnectionFailure(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }))).toBe(true);
    expect(isConnectionFailure(Object.assign(new TypeError('fetch failed'), { cause: { code: 'UND_ERR_SOCKET' } }))).toBe(true);
    expect(isConnectionFailure({ code: 'ECONNRESET' })).toBe(true);
    expect(isConnectionFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe(false);
    expect(isConnectionFailure(Object.assign(new TypeError('fetch failed'), { cause: { code: 'UND_ERR_HEADERS_TIMEOUT' } }))).toBe(false);
    expect(isConnectionFailure(undefined)).toBe(false);
  });
});
