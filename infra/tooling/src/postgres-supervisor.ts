import { errorText } from './error-text';
import { isAlive } from './processes';

export interface Supervisor {
  /** Stops watching (a restart under way finishes first, so nothing is left starting). */
  stop(): Promise<void>;
}

/** Restart delays: quick at first (a killed postmaster's backends need a moment to exit), then capped. */
export function restartDelayMs(attempt: number): number {
  return Math.min(10_000, 250 * 2 ** (attempt - 1));
}

/**
 * Keeps the embedded PostgreSQL running: when its postmaster dies (killed, out of memory, a crash),
 * it is started again, with backoff, until it is up. The pools reconnect on their next query and
 * the store subscriptions retry their batch, so the hub recovers without a restart of its own.
 */
export function supervise(options: {
  /** The postmaster now running (after a restart, the new one). */
  postmasterPid(): number | undefined;
  restart(): Promise<void>;
  log(line: string): void;
  logError(line: string): void;
  pollMs?: number;
}): Supervisor {
  let stopped = false;
  let restarting: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => { clearTimeout(timer); resolve(); };
  });

  const restartUntilUp = async (lost: number) => {
    const since = performance.now();
    options.logError(`embedded PostgreSQL (pid ${lost}) exited unexpectedly: restarting it`);
    for (let attempt = 1; !stopped; attempt++) {
      try {
        await options.restart();
        options.log(`embedded PostgreSQL restarted (pid ${options.postmasterPid()}) after ${Math.round(performance.now() - since)} ms, attempt ${attempt}`);
        return;
      } catch (error) {
        const delay = restartDelayMs(attempt);
        options.logError(`embedded PostgreSQL did not restart (attempt ${attempt}): ${errorText(error)}; trying again in ${delay} ms`);
        await pause(delay);
      }
    }
  };

  const timer = setInterval(() => {
    if (stopped || restarting) return;
    const pid = options.postmasterPid();
    if (pid === undefined || isAlive(pid)) return;
    restarting = restartUntilUp(pid).finally(() => { restarting = undefined; });
  }, options.pollMs ?? 500);
  // supervision alone must not keep the process alive
  timer.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      wake?.();
      await restarting;
    },
  };
}
