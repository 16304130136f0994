import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { isUuid, type Clock } from '@ehc/domain-kernel';
import { problem, ProblemException } from '@ehc/http';

export type ImportStatus = 'running' | 'completed' | 'refused' | 'failed' | 'interrupted';

/** One import, as an administrator reads it afterwards by its id. */
export interface ImportRun {
  importId: string;
  kind: string;
  status: ImportStatus;
  startedAt: string;
  finishedAt: string | null;
  actor: string;
  /** What the import did (completed), or the problem that refused it (refused). */
  report: unknown;
}

/**
 * The imports of one service (plans, the settings directory): one at a time per kind, each with a
 * record of what it did. A second import of the same kind while one runs is refused (409) before
 * it reads a row, rather than racing the first over the same plans; the first's report stays
 * readable by id after its answer, even if the client that sent it went away.
 */
export class ImportRuns {
  private readonly table: string;
  private ready?: Promise<void>;

  constructor(private readonly pool: Pool, private readonly schema: string, private readonly clock: Clock, private readonly reportPath: (importId: string) => string) {
    this.table = `"${schema}".import_runs`;
  }

  private ensureTable(): Promise<void> {
    return (this.ready ??= this.pool.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
      import_id uuid PRIMARY KEY,
      kind text NOT NULL,
      status text NOT NULL,
      started_at timestamptz NOT NULL,
      finished_at timestamptz,
      actor text NOT NULL,
      report jsonb)`).then(() => undefined));
  }

  /** Runs `work` as the only import of its kind, recording it; answers its report with its id. */
  async run<R extends object>(kind: string, actor: string, work: (importId: string) => Promise<R>): Promise<R & { importId: string }> {
    await this.ensureTable();
    // a session lock, on a connection of its own for the whole import: it ends with the import,
    // or with the connection if the process dies, so a crash never leaves the kind locked
    const lockHolder = await this.pool.connect();
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await lockHolder.query('SELECT pg_advisory_unlock(hashtext($1)::bigint)', [this.lockName(kind)]).catch(() => undefined);
      lockHolder.release();
    };
    try {
      const { rows } = await lockHolder.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)::bigint) AS locked', [this.lockName(kind)]);
      if (!rows[0].locked) {
        await release();
        throw await this.alreadyRunning(kind);
      }
      // holding the lock, nothing of this kind can be running: a row still saying so outlived its process
      await this.pool.query(`UPDATE ${this.table} SET status = 'interrupted', finished_at = $2 WHERE kind = $1 AND status = 'running'`, [kind, this.clock()]);
      const importId = randomUUID();
      await this.pool.query(`INSERT INTO ${this.table} (import_id, kind, status, started_at, actor) VALUES ($1, $2, 'running', $3, $4)`, [importId, kind, this.clock(), actor]);
      try {
        const report = await work(importId);
        await this.finish(importId, 'completed', report);
        return { importId, ...report };
      } catch (error) {
        const refused = error instanceof ProblemException && error.problem.status < 500;
        await this.finish(importId, refused ? 'refused' : 'failed', refused ? (error as ProblemException).problem : { title: 'The import failed on our side' }).catch(() => undefined);
        throw error;
      }
    } finally {
      await release();
    }
  }

  async find(importId: string): Promise<ImportRun | null> {
    await this.ensureTable();
    if (!isUuid(importId)) return null;
    const { rows } = await this.pool.query(`SELECT * FROM ${this.table} WHERE import_id = $1`, [importId]);
    if (rows.length === 0) return null;
    const r = rows[0];
    return {
      importId: r.import_id, kind: r.kind, status: r.status, startedAt: r.started_at.toISOString(),
      finishedAt: r.finished_at?.toISOString() ?? null, actor: r.actor, report: r.report,
    };
  }

  private lockName(kind: string): string {
    return `${this.schema}:import:${kind}`;
  }

  private async finish(importId: string, status: ImportStatus, report: unknown): Promise<void> {
    await this.pool.query(`UPDATE ${this.table} SET status = $2, finished_at = $3, report = $4 WHERE import_id = $1`, [importId, status, this.clock(), JSON.stringify(report)]);
  }

  private async alreadyRunning(kind: string): Promise<ProblemException> {
    const { rows } = await this.pool.query(`SELECT import_id, started_at, actor FROM ${this.table} WHERE kind = $1 AND status = 'running' ORDER BY started_at DESC LIMIT 1`, [kind]);
    const running = rows[0] as { import_id: string; started_at: Date; actor: string } | undefined;
    const detail = running
      ? `An import of ${kind} started at ${running.started_at.toISOString()} by ${running.actor} is running; this one was not started. `
        + `When it ends its report is at ${this.reportPath(running.import_id)}; send the file again then if it is still needed.`
      : `An import of ${kind} is running; this one was not started. Send the file again once it has ended.`;
    return problem(409, 'ImportRunning', `An import of ${kind} is running`, detail, {
      runningImportId: running?.import_id ?? null, runningImportReport: running ? this.reportPath(running.import_id) : null,
    });
  }
}

