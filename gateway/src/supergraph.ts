import { createHash } from 'node:crypto';
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@hub/subgraph-runtime';

/** What /ready reports about the supergraph being served. */
export interface SupergraphStatus {
  file: string;
  /** sha256 of the SDL being served. */
  hash: string;
  loadedAt: string;
  reloads: number;
  /** The last refused update, kept until a valid one replaces it. */
  lastRejected?: { hash: string; at: string; error: string };
}

const hashOf = (sdl: string) => createHash('sha256').update(sdl).digest('hex');

/**
 * The gateway's `supergraphSdl` hook: serves the file, then polls it (polling survives editors' atomic
 * renames and Kubernetes ConfigMap symlink swaps). A changed file is handed to the gateway's `update`, which
 * swaps the schema between requests; an update the gateway refuses is logged and the old one keeps serving.
 */
export function watchedSupergraph(file: string, { watch, pollMs, logger }: { watch: boolean; pollMs: number; logger: Logger }): { hook: SupergraphSdlHook; status: () => SupergraphStatus } {
  let status: SupergraphStatus;
  const hook: SupergraphSdlHook = async ({ update }) => {
    const initial = readFileSync(file, 'utf8');
    status = { file, hash: hashOf(initial), loadedAt: new Date().toISOString(), reloads: 0 };
    if (!watch) return { supergraphSdl: initial };
    const onChange = () => {
      let sdl: string;
      try {
        sdl = readFileSync(file, 'utf8');
      } catch (error) {
        logger.warn({ file, error: (error as Error).message }, 'supergraph file unreadable; keeping the current supergraph');
        return;
      }
      const hash = hashOf(sdl);
      if (hash === status.hash || hash === status.lastRejected?.hash) return;
      try {
        update(sdl);
        status = { file, hash, loadedAt: new Date().toISOString(), reloads: status.reloads + 1 };
        logger.info({ file, hash, reloads: status.reloads }, 'supergraph reloaded');
      } catch (error) {
        status = { ...status, lastRejected: { hash, at: new Date().toISOString(), error: (error as Error).message } };
        logger.error({ file, hash, error: (error as Error).message }, 'supergraph update refused; the previous supergraph keeps serving');
      }
    };
    watchFile(file, { interval: pollMs, persistent: false }, onChange);
    return { supergraphSdl: initial, cleanup: async () => unwatchFile(file, onChange) };
  };
  return { hook, status: () => status };
}
