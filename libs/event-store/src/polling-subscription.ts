import type { ReadAllOptions, ReadAllPage, SubscribeOptions, Subscription } from './port';

/** Wakes a waiting subscription early; adapters call it after their own appends. */
export class AppendSignal {
  private waiters = new Set<() => void>();
  /** Counts appends, so a reader can tell one landed while it was busy and not wait for the next poll. */
  generation = 0;

  notify(): void {
    this.generation++;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  wait(ms: number): { promise: Promise<void>; cancel(): void } {
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => {
      const timer = setTimeout(() => { this.waiters.delete(wake); resolve(); }, ms);
      wake = () => { clearTimeout(timer); resolve(); };
      this.waiters.add(wake);
    });
    return { promise, cancel: () => { this.waiters.delete(wake); wake(); } };
  }
}

/**
 * Catch-up then live subscription over a store's global read. Live delivery polls, woken at once by
 * appends made through the same process (the embedded mode), so another process's appends arrive
 * within `pollMs`. Polling rather than LISTEN/NOTIFY: NOTIFY serialises committing transactions.
 */
export function pollingSubscription(
  readAll: (options: ReadAllOptions) => Promise<ReadAllPage>,
  signal: AppendSignal,
  options: SubscribeOptions,
  pollMs = 100,
): Subscription {
  const batchSize = options.batchSize ?? 500;
  let stopped = false;
  let pendingWait: { cancel(): void } | undefined;

  const run = async () => {
    let after = options.after;
    let failures = 0;
    while (!stopped) {
      const seen = signal.generation;
      let page: ReadAllPage;
      try {
        page = await readAll({ after, maxCount: batchSize, filter: options.filter });
        if (page.events.length > 0 || page.position > after) {
          await options.handle(page.events, page.position);
          after = page.position;
        }
        failures = 0;
      } catch (error) {
        // a read model or relay that stops at the first database hiccup would stay stale until a
        // restart: the batch is tried again, from the same position, with backoff
        if (stopped) break;
        failures++;
        options.onError?.(error);
        const wait = signal.wait(Math.min(5_000, 100 * 2 ** Math.min(failures - 1, 6)));
        pendingWait = wait;
        await wait.promise;
        pendingWait = undefined;
        continue;
      }
      // an append made while this batch was read or handled is read at once, not after the poll interval
      if (page.events.length < batchSize && !stopped && signal.generation === seen) {
        options.onCaughtUp?.(after);
        const wait = signal.wait(pollMs);
        pendingWait = wait;
        await wait.promise;
        pendingWait = undefined;
      }
    }
  };

  const done = run();
  // A caller that only uses stop() must not see an unhandled rejection.
  done.catch(() => undefined);

  return {
    done,
    async stop() {
      stopped = true;
      pendingWait?.cancel();
      await done.catch(() => undefined);
    },
  };
}
