import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { freePort, startEmbeddedPostgres } from '@ehc/tooling';

/** A positive whole number from the environment, or the default; anything else stops the bench. */
export function benchNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got ${raw}`);
  return n;
}

/** The p-th percentile of sorted samples (nearest rank). */
export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Where a bench keeps its data: DATABASE_URL when set (its schemas with `prefix` dropped at the
 * end), else an embedded PostgreSQL in a temporary folder, removed at the end.
 */
export async function benchDatabase(prefix: string, folder: string): Promise<{ url: string; described: string; release(): Promise<void> }> {
  const given = process.env.DATABASE_URL;
  if (given) {
    return {
      url: given, described: 'DATABASE_URL',
      async release() {
        const { Pool } = await import('pg');
        const admin = new Pool({ connectionString: given, max: 1 });
        const schemas = (await admin.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${prefix.replace(/_/g, '\\_')}%`])).rows.map((r: { nspname: string }) => r.nspname);
        for (const schema of schemas) await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
        await admin.end();
      },
    };
  }
  const tempDir = mkdtempSync(join(os.tmpdir(), folder));
  // PostgreSQL runs as its own user when started by root; it must reach the folder
  chmodSync(tempDir, 0o755);
  const embedded = await startEmbeddedPostgres({ dataDir: join(tempDir, 'postgres'), port: await freePort() });
  return {
    url: embedded.url, described: 'embedded, temporary folder',
    async release() {
      await embedded.stop();
      rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

/** A bench's figures as a Markdown table under its heading, as every bench prints them. */
export function printBenchTable(heading: string, rows: string[][]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  process.stdout.write(`\n## ${heading}\n\n${line(rows[0])}\n| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |\n${rows.slice(1).map(line).join('\n')}\n`);
}
