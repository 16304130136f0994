import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { thisProcess } from './cluster-owner';

export interface Watchdog {
  pid: number | undefined;
  /** Called once this process has stopped PostgreSQL itself. */
  dismiss(): void;
}

/**
 * Starts postgres-watchdog.js, detached (its own session, so a signal to the hub's process group
 * does not reach it), to stop the cluster in `dataDir` once this process is gone however it died.
 */
export function startWatchdog(dataDir: string, pollMs = 500): Watchdog {
  const me = thisProcess();
  const child = spawn(process.execPath, [join(__dirname, 'postgres-watchdog.js'), dataDir, String(me.pid), me.startTime ?? '-', String(pollMs)], {
    detached: true,
    stdio: 'ignore',
    // the hub's loader options (ts-node) are not for this plain script
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  child.unref();
  child.on('error', () => undefined);
  return {
    pid: child.pid,
    dismiss: () => {
      try {
        if (child.pid) process.kill(child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}
