import type { ErrorRequestHandler, RequestHandler } from 'express';
import { otelContext, SpanStatusCode, startServerSpan } from './tracing';
import type { Context } from '@opentelemetry/api';
import { REQUEST_ID_HEADER, requestIdFrom, runInRequestScope, type Logger, type RequestScope } from './logging';
import type { ServiceMetrics } from './metrics';

/**
 * For every GraphQL request: takes the caller's x-request-id (or makes one), echoes it, binds a child logger
 * to it for everything below, opens a server span, and logs and counts the request when it is answered.
 */
export function requestScope(logger: Logger, metrics: ServiceMetrics): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const log = logger.child({ requestId });
    const started = process.hrtime.bigint();
    const route = req.baseUrl || req.path;
    const { span, context } = startServerSpan(`${req.method} ${route}`, req.headers, { 'hub.service': metrics.service, 'hub.request_id': requestId, 'http.request.method': req.method });
    res.once('close', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const status = res.writableFinished ? res.statusCode : 499;
      metrics.httpRequests.inc({ route, status: String(status) });
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      log.info({ method: req.method, route, status, durationMs: Math.round(durationMs * 10) / 10 }, 'request');
    });
    res.locals.hubScope = { requestId, log, context };
    otelContext.with(context, () => runInRequestScope({ requestId, log }, next));
  };
}

/**
 * Re-enters the request's scope after the body was read: body parsing resumes from stream events, which do
 * not carry the async context of the middleware that started reading.
 */
export function resumeRequestScope(): RequestHandler {
  return (_req, res, next) => {
    const scope = res.locals.hubScope as ({ context: Context } & RequestScope) | undefined;
    if (!scope) return next();
    otelContext.with(scope.context, () => runInRequestScope({ requestId: scope.requestId, log: scope.log }, next));
  };
}

/** Refuses a request with a clear 503 while `max` GraphQL requests are already being served. */
export function concurrencyLimit(max: number, metrics: ServiceMetrics): RequestHandler {
  let active = 0;
  return (_req, res, next) => {
    if (active >= max) {
      metrics.rejected.inc({ reason: 'concurrency' });
      res
        .status(503)
        .set('retry-after', '1')
        .json({ errors: [{ message: `Too many requests in progress (limit ${max}); retry in a moment.`, extensions: { code: 'OVERLOADED' } }] });
      return;
    }
    active += 1;
    metrics.inFlight.inc();
    let released = false;
    res.once('close', () => {
      if (released) return;
      released = true;
      active -= 1;
      metrics.inFlight.dec();
    });
    next();
  };
}

/** Body-parser failures as GraphQL-shaped JSON instead of Express's HTML page. */
export function bodyErrors(metrics: ServiceMetrics, bodyLimit: string): ErrorRequestHandler {
  return (error: { type?: string; status?: number; message?: string }, _req, res, next) => {
    if (error.type === 'entity.too.large') {
      metrics.rejected.inc({ reason: 'body_size' });
      res.status(413).json({ errors: [{ message: `Request body larger than ${bodyLimit}.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
      return;
    }
    if (error.type === 'entity.parse.failed' || error.status === 400) {
      res.status(400).json({ errors: [{ message: `Request body is not valid JSON: ${error.message ?? ''}`, extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    next(error);
  };
}

/** GET /metrics in the Prometheus text format. */
export function metricsEndpoint(metrics: ServiceMetrics): RequestHandler {
  return async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
