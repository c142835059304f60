import autocannon from 'autocannon';
import type { Scenario } from './scenarios';
import { percentile } from './stats';

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  /** Transport errors, timeouts, non-2xx answers and answers carrying GraphQL `errors`. */
  errors: number;
  /** Answers whose userErrors list was not empty (a refused write, not a failure of the server). */
  userErrors: number;
  /** One example error body, to say what failed. */
  firstError?: string;
  seconds: number;
  /** 'load': autocannon at the chosen concurrency; 'sequential': one request at a time (too slow for a load run). */
  mode: 'load' | 'sequential';
}

const USER_ERRORS = /"userErrors":\[\{/;

/** Drives one scenario against one GraphQL URL with autocannon: a fresh random pick per request, as the caller of `headers`. */
export async function drive(url: string, scenario: Scenario, { seconds, connections, headers }: { seconds: number; connections: number; headers: Record<string, string> }): Promise<LoadResult> {
  let graphqlErrors = 0;
  let userErrors = 0;
  let firstError: string | undefined;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ query: scenario.query, variables: scenario.variables() }) }),
        onResponse: (status, body) => {
          // "userErrors" never matches: the quote must stand right before the lower-case "errors".
          const text = String(body);
          if (status < 400 && text.includes('"errors":[')) {
            graphqlErrors += 1;
            firstError ??= text.slice(0, 600);
          } else if (status >= 400) firstError ??= `HTTP ${status}: ${text.slice(0, 600)}`;
          if (USER_ERRORS.test(text)) {
            userErrors += 1;
            firstError ??= text.slice(0, 600);
          }
        },
      },
    ],
  });
  const requests = result.requests.total;
  return {
    requests,
    rps: requests / (result.duration || seconds),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
    userErrors,
    firstError,
    seconds: result.duration,
    mode: 'load',
  };
}

/**
 * For operations too slow to complete inside a load run: one request at a time with a long timeout, so the
 * latency is still measured (throughput is then that of a single connection).
 */
export async function driveSequential(
  url: string,
  scenario: Scenario,
  { maxSeconds, maxRequests, headers }: { maxSeconds: number; maxRequests: number; headers: Record<string, string> },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let userErrors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  while (latencies.length < maxRequests && (performance.now() - started) / 1000 < maxSeconds) {
    const t0 = performance.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: scenario.query, variables: scenario.variables() }),
        signal: AbortSignal.timeout(180_000),
      });
      const text = await response.text();
      if (!response.ok || text.includes('"errors":[')) {
        errors += 1;
        firstError ??= `${response.ok ? '' : `HTTP ${response.status}: `}${text.slice(0, 600)}`;
      }
      if (USER_ERRORS.test(text)) userErrors += 1;
    } catch (error) {
      errors += 1;
      firstError ??= (error as Error).message;
    }
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: Math.round(percentile(latencies, 50)),
    p90: Math.round(percentile(latencies, 90)),
    p99: Math.round(percentile(latencies, 99)),
    errors,
    userErrors,
    firstError,
    seconds,
    mode: 'sequential',
  };
}

/** One request, for trials and sampling: the parsed body. */
export async function post<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<{ data?: T; errors?: { message: string }[] }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as never;
}
