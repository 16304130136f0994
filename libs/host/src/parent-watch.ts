import { commandLine, isAlive, parentPid, processStartTime } from '@ehc/tooling';

/** `sh -c "node …"`: the shell npm runs a script in, which waits for node rather than exec'ing it. */
const SCRIPT_SHELL = /^(\S*\/)?(sh|dash|bash)\s+-c\s/;

/**
 * The process whose exit should stop this one: the parent, or past the script shell between them,
 * npm itself. A pid and its start time, so a reused pid is not taken for it.
 */
function launcher(): { pid: number; startTime?: string } {
  let pid = process.ppid;
  const cmd = commandLine(pid);
  const grandparent = parentPid(pid);
  if (cmd !== undefined && SCRIPT_SHELL.test(cmd) && grandparent !== undefined && grandparent > 1) pid = grandparent;
  return { pid, startTime: processStartTime(pid) };
}

/**
 * Calls `onGone` once when the process that launched this one exits. `npm start` runs node under
 * `sh -c`, under npm: when npm alone is killed (SIGKILL, or a signal it does not pass on), node
 * keeps running and nothing tells it. So the launcher is polled: gone, or this process re-parented.
 */
export function watchLauncher(onGone: () => void, pollMs = 1_000): { stop(): void } {
  const parent = process.ppid;
  const watched = launcher();
  const gone = () =>
    process.ppid !== parent || !isAlive(watched.pid) || (watched.startTime !== undefined && processStartTime(watched.pid) !== watched.startTime);
  const timer = setInterval(() => {
    if (!gone()) return;
    clearInterval(timer);
    onGone();
  }, pollMs);
  // watching must not keep the process alive by itself
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
