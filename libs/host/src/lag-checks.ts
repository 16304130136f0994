import { ConfigError, env, type Env } from '@ehc/config';
import type { ServiceRuntime } from './runtime';

/** Past these, /health says `degraded`: the service answers, but its views or its commands' answers lag. */
export interface LagLimits {
  /** A transaction open this long holds every reader of the event log back (`HEALTH_OPEN_TRANSACTION_SECONDS`, default 5). */
  openTransactionSeconds: number;
  /** A view this far behind the newest readable event (`HEALTH_PROJECTION_LAG_SECONDS`, default 10). */
  projectionLagSeconds: number;
}

export function lagLimitsFromEnv(source: Env = process.env): LagLimits {
  const seconds = (name: string, fallback: number) => {
    const raw = env.optional(source, name);
    if (raw === undefined) return fallback;
    if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0) throw new ConfigError(`${name} must be a positive number of seconds, got "${raw}"`);
    return Number(raw);
  };
  return { openTransactionSeconds: seconds('HEALTH_OPEN_TRANSACTION_SECONDS', 5), projectionLagSeconds: seconds('HEALTH_PROJECTION_LAG_SECONDS', 10) };
}

export interface OpenTransactionCheck {
  /** Age of the oldest transaction open in the service's database, other than this check's own; 0 if none. */
  oldestSeconds: number;
  /** Its state: `idle in transaction` is a client that began and went quiet. */
  state: string | null;
  application: string | null;
}

export interface ProjectionLagCheck {
  name: string;
  caughtUpTo: number;
  head: number;
  /** Since the oldest readable event the view has not applied was recorded; 0 when caught up. */
  lagSeconds: number;
}

export interface LagReport {
  openTransactions: Record<string, OpenTransactionCheck>;
  projections: Record<string, ProjectionLagCheck[]>;
  warnings: string[];
}

/**
 * What makes a healthy service answer late or stale: an old open transaction anywhere in its
 * database (PostgreSQL's readers are held back until it ends, by design, so no event is ever
 * skipped) and views behind the log. Ages by the database's clock, which stamped the events: these
 * measure the machine, not a case, so they are not the hub's (injected) clock.
 */
export async function lagChecks(runtimes: ServiceRuntime[], limits: LagLimits): Promise<LagReport> {
  const report: LagReport = { openTransactions: {}, projections: {}, warnings: [] };
  for (const r of runtimes) {
    const tx = await oldestOpenTransaction(r);
    report.openTransactions[r.service] = tx;
    if (tx.oldestSeconds > limits.openTransactionSeconds) {
      report.warnings.push(`${r.service}: a transaction has been open for ${Math.round(tx.oldestSeconds)} s (${tx.state ?? 'unknown state'}`
        + `${tx.application ? `, application "${tx.application}"` : ''}): views and command answers wait until it ends. `
        + 'Find it in pg_stat_activity; idle_in_transaction_session_timeout ends forgotten ones.');
    }
    const head = r.projections.length ? await r.store.headPosition() : 0;
    report.projections[r.service] = [];
    for (const p of r.projections) {
      const caughtUpTo = p.caughtUpTo;
      let lagSeconds = 0;
      if (caughtUpTo < head) {
        const next = (await r.store.readAll({ after: caughtUpTo, maxCount: 1 })).events[0];
        if (next) lagSeconds = await secondsSince(r, next.recordedAt);
      }
      const name = p.checkpointName.replace(/^projection:/, '');
      report.projections[r.service].push({ name, caughtUpTo, head, lagSeconds: Math.round(lagSeconds * 10) / 10 });
      if (lagSeconds > limits.projectionLagSeconds) {
        report.warnings.push(`${r.service}: the ${name} view is ${Math.round(lagSeconds)} s behind the event log.`);
      }
    }
  }
  return report;
}

async function oldestOpenTransaction(r: ServiceRuntime): Promise<OpenTransactionCheck> {
  const { rows } = await r.pool.query<{ seconds: number; state: string; application: string }>(
    `SELECT extract(epoch FROM clock_timestamp() - xact_start)::float8 AS seconds, state, application_name AS application
       FROM pg_stat_activity
      WHERE datname = current_database() AND backend_type = 'client backend' AND xact_start IS NOT NULL AND pid <> pg_backend_pid()
      ORDER BY xact_start LIMIT 1`);
  if (rows.length === 0) return { oldestSeconds: 0, state: null, application: null };
  return { oldestSeconds: Math.round(rows[0].seconds * 10) / 10, state: rows[0].state, application: rows[0].application || null };
}

/** Seconds from `instant` (an event's recordedAt) until now, by the database's clock. */
async function secondsSince(r: ServiceRuntime, instant: string): Promise<number> {
  const { rows } = await r.pool.query<{ seconds: number }>('SELECT greatest(0, extract(epoch FROM clock_timestamp() - $1::timestamptz))::float8 AS seconds', [instant]);
  return rows[0].seconds;
}
