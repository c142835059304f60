import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export interface ServiceProcess {
  name: string;
  pid: number;
  url: string;
  logFile: string;
  /** Last lines the process wrote, for error messages. */
  tail: () => string;
  stop: () => Promise<void>;
}

export interface SpawnOptions {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** GraphQL URL the service answers on. */
  url: string;
  /** URL that answers 200 once the service is ready. */
  readyUrl: string;
  logFile: string;
  cwd: string;
  timeoutMs?: number;
}

/** Starts one service as its own node process (so its RSS is its own) and waits until it answers. */
export async function spawnService(options: SpawnOptions): Promise<ServiceProcess> {
  const squatter = await fetch(options.readyUrl, { signal: AbortSignal.timeout(1000) }).then(() => true, () => false);
  if (squatter) throw new Error(`${options.name}: something already answers on ${options.readyUrl}; choose other ports with --port-base`);
  const log = fs.openSync(options.logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  // Whatever ends the benchmark (an error, Ctrl-C, the embedded PostgreSQL's own exit hook), no service outlives it.
  const killOnExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const tail = (): string => {
    try {
      return fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-25).join('\n');
    } catch {
      return '';
    }
  };
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    process.off('exit', killOnExit);
    exited = `exited (${signal ?? code})`;
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    if (exited) throw new Error(`${options.name} ${exited} before it was ready:\n${tail()}`);
    try {
      if ((await fetch(options.readyUrl, { signal: AbortSignal.timeout(1000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${options.name} was not ready within ${(options.timeoutMs ?? 90_000) / 1000} s:\n${tail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { name: options.name, pid: child.pid!, url: options.url, logFile: options.logFile, tail, stop };
}

/** Peak resident set size (VmHWM) of a process in MiB, or null once it is gone. */
export function peakRssMiB(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Resets a process's VmHWM to its current RSS (Linux clear_refs "5"), so a peak can be taken per scenario. */
export function resetPeakRss(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** CPU time (user + system) a process has used so far, in milliseconds (clock ticks of 10 ms). */
export function cpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at index 2 (state); utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
