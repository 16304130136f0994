import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { env, type Env } from '@ehc/config';

/** How long a stopping host lets requests already in flight finish (`SHUTDOWN_GRACE_SECONDS`). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
const MAX_SHUTDOWN_GRACE_SECONDS = 600;

/** `SHUTDOWN_GRACE_SECONDS`: a whole number from 0 to 600 (default 10); anything else stops the start (exit 78). */
export function shutdownGraceFromEnv(source: Env = process.env): number {
  return env.wholeNumber(source, 'SHUTDOWN_GRACE_SECONDS', DEFAULT_SHUTDOWN_GRACE_MS / 1000, { min: 0, max: MAX_SHUTDOWN_GRACE_SECONDS }) * 1000;
}

export interface DrainReport {
  /** From the start of the drain until the last connection closed (or was cut). */
  elapsedMs: number;
  /** Connections still open when the grace period ended, closed with whatever they were doing. */
  cut: boolean;
}

/**
 * Stops a server within a bounded time, whatever its clients do. `server.close()` alone waits for
 * every keep-alive connection, so one client polling /health can hold a stopping process up for
 * as long as it polls. From the moment the drain starts, every answer says `Connection: close`
 * (the client reconnects elsewhere), idle connections are closed as soon as they are idle, requests
 * already in flight may finish within the grace period, and whatever is left then is cut.
 */
export class ConnectionDrain {
  private draining = false;

  /**
   * Express middleware, first in the chain: an answer whose headers go out during a drain closes
   * its connection, including one for a request that arrived before the drain began.
   */
  readonly middleware = (_req: Request, res: Response, next: NextFunction): void => {
    const writeHead = res.writeHead;
    const draining = () => this.draining;
    // Node writes a response's headers through writeHead, explicitly or not (res.end, res.send)
    res.writeHead = function (this: Response, ...args: unknown[]) {
      if (draining() && !res.headersSent) res.setHeader('Connection', 'close');
      return (writeHead as (...a: unknown[]) => Response).apply(this, args);
    } as Response['writeHead'];
    next();
  };

  get isDraining(): boolean {
    return this.draining;
  }

  async drain(server: Server, graceMs: number): Promise<DrainReport> {
    const started = performance.now();
    this.draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // a connection that finishes its request becomes idle: close it then, not at the end of the grace
    const sweeper = setInterval(() => server.closeIdleConnections(), 50);
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace-over'>((resolve) => { timer = setTimeout(() => resolve('grace-over'), graceMs); });
    const outcome = await Promise.race([closed.then(() => 'closed' as const), graceOver]);
    clearInterval(sweeper);
    clearTimeout(timer);
    if (outcome === 'grace-over') {
      server.closeAllConnections();
      await closed;
    }
    return { elapsedMs: Math.round(performance.now() - started), cut: outcome === 'grace-over' };
  }
}
