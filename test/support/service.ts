// A real server process for tests (docker-registry, code-server): output to a log file (a parent
// blocked in spawnSync must not stall it on a full pipe), ready when its URL answers, and stopped
// with SIGTERM, then SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface Service {
  child: ChildProcess;
  /** Everything it wrote so far. */
  log(): string;
  /** Ends it (and, when started detached, its whole process group). */
  stop(graceMs: number): Promise<void>;
}

export function startService(command: string, args: string[], logPath: string, options: { env?: NodeJS.ProcessEnv; detached?: boolean } = {}): Service {
  const fd = openSync(logPath, 'a');
  const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', fd, fd], detached: options.detached ?? false });
  closeSync(fd);
  let exited = false;
  child.on('exit', () => (exited = true));
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (options.detached) process.kill(-child.pid!, signal);
      else child.kill(signal);
    } catch {
      child.kill(signal);
    }
  };
  return {
    child,
    log: () => {
      try {
        return readFileSync(logPath, 'utf8');
      } catch {
        return '';
      }
    },
    stop: async (graceMs) => {
      if (exited) return;
      const done = new Promise((r) => child.once('exit', r));
      kill('SIGTERM');
      const t = setTimeout(() => kill('SIGKILL'), graceMs);
      await done;
      clearTimeout(t);
    },
  };
}

/** Polls `url` until `ready(status)`; fails with the service's log when it exits or the time is up. */
export async function waitUntilServing(service: Service, name: string, url: string, ready: (status: number) => boolean, timeoutMs: number, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.child.exitCode !== null || service.child.signalCode !== null) throw new Error(`${name} exited at start:\n${service.log()}`);
    try {
      if (ready((await fetch(url)).status)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      service.child.kill('SIGKILL');
      throw new Error(`${name} did not answer within ${timeoutMs / 1000} s:\n${service.log()}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
