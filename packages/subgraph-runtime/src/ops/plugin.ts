import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { currentRequest, type Logger } from './logging';
import { operationLabel, type ServiceMetrics } from './metrics';
import { otelTrace } from './tracing';

/** Per operation: latency histogram, errors by code, and one log line per error carrying the request id. */
export function observabilityPlugin<TContext extends BaseContext>(metrics: ServiceMetrics, logger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, operation, response }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const labels = { operation: operationLabel(operationName), type: operation?.operation ?? 'none' };
          metrics.operationDuration.observe(labels, seconds);
          const span = otelTrace.getActiveSpan();
          span?.setAttribute('graphql.operation.name', labels.operation);
          span?.setAttribute('graphql.operation.type', labels.type);
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const log = currentRequest()?.log ?? logger;
          for (const error of errors) {
            const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
            metrics.errors.inc({ code });
            const level = code === 'INTERNAL_SERVER_ERROR' || code === 'SUBGRAPH_UNAVAILABLE' ? 'error' : 'warn';
            log[level]({ operation: labels.operation, code, path: error.path, subgraph: error.extensions?.subgraph }, error.message);
          }
        },
      };
    },
  };
}
