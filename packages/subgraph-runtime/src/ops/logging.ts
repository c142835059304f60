import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/** The header that carries one request's id from the gateway to every subgraph (and back to the client). */
export const REQUEST_ID_HEADER = 'x-request-id';
// An incoming id is trusted only if it cannot break a log line or a header.
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** JSON logs on stdout (or `destination`), one line per event, level from LOG_LEVEL. */
export function createLogger(service: string, destination?: DestinationStream): Logger {
  return pino(
    {
      // Quiet under jest unless asked: tests that read logs pass their own logger or LOG_LEVEL.
      level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** The incoming request id if it is well formed, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && VALID_REQUEST_ID.test(value) ? value : randomUUID();
}

export interface RequestScope {
  requestId: string;
  /** The service logger bound to this request's id: every line it writes carries `requestId`. */
  log: Logger;
}

const scope = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(value: RequestScope, fn: () => T): T {
  return scope.run(value, fn);
}

/** The request being served, anywhere below the HTTP handler (resolvers, loaders, data sources). */
export function currentRequest(): RequestScope | undefined {
  return scope.getStore();
}
