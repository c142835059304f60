import type { Logger } from 'pino';
import { stopTracing } from './tracing';

interface Registered {
  name: string;
  stop: () => Promise<void>;
  log?: Logger;
}

const registered = new Set<Registered>();
let received: NodeJS.Signals | undefined;

function onSignal(signal: NodeJS.Signals): void {
  if (received) {
    // The same signal twice (Ctrl-C again) means "now"; a SIGTERM after Ctrl-C (npm start relaying it) does not.
    if (signal === received) process.exit(1);
    return;
  }
  received = signal;
  const entries = [...registered];
  for (const entry of entries) entry.log?.info({ signal }, `${entry.name}: ${signal} received, draining in-flight requests`);
  const graceMs = shutdownGraceMs();
  // Should a stop hang (a stuck pool), leave anyway once the grace period is well past.
  setTimeout(() => process.exit(1), shutdownDelayMs() + graceMs + 5_000).unref();
  void Promise.allSettled(entries.map((entry) => entry.stop())).then(async (results) => {
    await stopTracing().catch(() => undefined);
    const failed = results.filter((r) => r.status === 'rejected');
    for (const entry of entries) {
      entry.log?.info({ signal, failed: failed.length }, `${entry.name}: stopped`);
      entry.log?.flush();
    }
    process.exit(failed.length ? 1 : 0);
  });
}

/** Grace period for in-flight requests at shutdown (SHUTDOWN_GRACE_MS, default 10 s). */
export function shutdownGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.SHUTDOWN_GRACE_MS ?? 10_000);
}

/**
 * Time between turning unready and closing the listener (SHUTDOWN_DELAY_MS, default 0): a load balancer that
 * polls readiness stops routing here before connections would be refused. In Kubernetes a preStop pause does this.
 */
export function shutdownDelayMs(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.SHUTDOWN_DELAY_MS ?? 0);
}

/**
 * Stops `stop` on SIGTERM/SIGINT, then exits the process (0 when every registered server stopped cleanly).
 * The handlers are installed while at least one server is registered; the returned function unregisters.
 */
export function stopOnSignals(name: string, stop: () => Promise<void>, log?: Logger): () => void {
  const entry: Registered = { name, stop, log };
  if (registered.size === 0) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  registered.add(entry);
  return () => {
    if (!registered.delete(entry) || registered.size > 0) return;
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}

export interface GracefulStop {
  /** True from the moment stopping began: /ready answers 503 from then on. */
  readonly draining: boolean;
  /** Stops once however often it is called (signal, test, parent process). */
  stop: () => Promise<void>;
  /** Stops on SIGTERM/SIGINT too (until stopped); call once the process serves. */
  onSignals: (name: string, log?: Logger) => void;
}

/**
 * The stop sequence of the gateway and every subgraph: mark draining (so balancers polling /ready stop sending),
 * wait `delayMs`, stop Apollo (no new requests; in-flight ones finish within the grace period), close the
 * remaining connections, then `afterClose` (database pools).
 */
export function gracefulStop(options: {
  server: { stop: () => Promise<void> };
  httpServer: { closeAllConnections: () => void };
  delayMs: number;
  afterClose?: () => Promise<void>;
}): GracefulStop {
  let stopped: Promise<void> | undefined;
  let unregister = (): void => undefined;
  const state: GracefulStop = {
    draining: false,
    stop: () => {
      stopped ??= (async () => {
        (state as { draining: boolean }).draining = true;
        try {
          if (options.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
          await options.server.stop();
          options.httpServer.closeAllConnections();
          await options.afterClose?.();
        } finally {
          unregister();
        }
      })();
      return stopped;
    },
    onSignals: (name, log) => {
      unregister = stopOnSignals(name, state.stop, log);
    },
  };
  return state;
}
