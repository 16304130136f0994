import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { commandLine, isAlive, waitForExit } from './processes';

/** The first lines of a cluster's postmaster.pid: who runs the data directory, and on what port. */
export interface PostmasterPid {
  pid: number;
  dataDir: string;
  port: number;
}

/** postmaster.pid of a data directory (PostgreSQL's own lock file), or undefined if there is none. */
export function readPostmasterPid(dataDir: string): PostmasterPid | undefined {
  let text: string;
  try {
    text = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  // line 1 the pid, 2 the data directory, 3 the start time, 4 the port (PostgreSQL's miscadmin.h)
  const [pid, dir, , port] = text.split('\n');
  const parsed = { pid: Number(pid), dataDir: dir ?? '', port: Number(port) };
  return Number.isInteger(parsed.pid) && parsed.pid > 0 ? parsed : undefined;
}

/**
 * The postmaster still running this data directory, if any. The pid in the file is checked against
 * the live process's command line, because after a reboot the same pid may be anything else.
 */
export function livePostmaster(dataDir: string): PostmasterPid | undefined {
  const file = readPostmasterPid(dataDir);
  if (!file || !isAlive(file.pid)) return undefined;
  const cmd = commandLine(file.pid);
  // off Linux the command line is unknown: trust PostgreSQL's own lock file
  if (cmd !== undefined && !(cmd.includes('postgres') && cmd.includes(resolve(dataDir)))) return undefined;
  return file;
}

/**
 * Stops a postmaster the way `pg_ctl stop -m fast` does: SIGINT rolls back open transactions,
 * checkpoints and exits. If that has not finished in `fastMs`, SIGQUIT (immediate: crash recovery
 * at the next start, nothing committed is lost).
 */
export async function stopPostmaster(pid: number, fastMs = 30_000): Promise<void> {
  signal(pid, 'SIGINT');
  if (await waitForExit(pid, fastMs)) return;
  signal(pid, 'SIGQUIT');
  if (await waitForExit(pid, 10_000)) return;
  throw new Error(`PostgreSQL (pid ${pid}) did not stop after SIGINT and SIGQUIT`);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
