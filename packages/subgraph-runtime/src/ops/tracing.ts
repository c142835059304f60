import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';

export const tracer = trace.getTracer('household-hub');

let sdk: { shutdown: () => Promise<void> } | undefined;

/**
 * Starts the OpenTelemetry SDK (OTLP over HTTP) when OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) is set;
 * otherwise does nothing and every span below is a no-op. Once per process: the first service names it
 * (OTEL_SERVICE_NAME wins), spans carry `hub.service` to tell in-process services apart.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (sdk) return true;
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return false;
  // Metrics go to Prometheus and logs to stdout; only traces are exported over OTLP.
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is configured */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const instance = new NodeSDK({ serviceName: env.OTEL_SERVICE_NAME ?? serviceName, traceExporter: new OTLPTraceExporter(), instrumentations: [] });
  instance.start();
  sdk = instance;
  return true;
}

/** Flushes and stops the exporter (at shutdown, so the last spans are not lost). */
export async function stopTracing(): Promise<void> {
  const current = sdk;
  sdk = undefined;
  await current?.shutdown();
}

/** A server span for one incoming HTTP request, continuing the caller's trace from its traceparent header. */
export function startServerSpan(name: string, headers: Record<string, string | string[] | undefined>, attributes: Record<string, string>): { span: Span; context: Context } {
  const parent = propagation.extract(context.active(), headers);
  const span = tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  return { span, context: trace.setSpan(parent, span) };
}

/** A client span around a call to another service; the callee continues it through `injectTraceHeaders`. */
export async function withClientSpan<T>(name: string, attributes: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes });
  try {
    return await context.with(trace.setSpan(context.active(), span), fn);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

/** Writes the active trace context (traceparent) into outgoing headers. */
export function injectTraceHeaders(set: (name: string, value: string) => void): void {
  propagation.inject(context.active(), undefined, { set: (_carrier, key, value) => set(key, value) });
}

export { context as otelContext, trace as otelTrace, SpanStatusCode };
