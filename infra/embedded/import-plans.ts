// `npm run import:plans -- plans.csv [--settings gias.csv]`: the plan import for large files, with a
// progress bar. Runs the same import as POST /annual-reviews/import against the hub's database
// (DATABASE_URL, or the embedded PostgreSQL under ./data: stop `npm start` first). Both files are
// streamed from disk, never read whole; a malformed one is refused with its line, and nothing is
// imported from it.
import { createReadStream } from 'node:fs';
import { systemClock, todayInLondon } from '@ehc/domain-kernel';
import { noCallers } from '@ehc/identity';
import { MalformedCsvError } from '@ehc/csv';
import { ProgressBar } from '@ehc/tooling';
import { startEmbedded } from '@ehc/host';
import { sideTablesOf } from '@ehc/commands';
import { importPlans } from '../../services/annual-review/src/infrastructure/plan-import';
import { SettingsDirectory } from '../../services/annual-review/src/infrastructure/settings/settings-directory';
import { allServices } from './main';
import { annualReviewSettings } from '../../services/annual-review/src/config';

async function main() {
  const args = process.argv.slice(2);
  const settingsAt = args.indexOf('--settings');
  const settingsFile = settingsAt >= 0 ? args[settingsAt + 1] : undefined;
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--settings');
  if (!file) {
    process.stderr.write('usage: npm run import:plans -- plans.csv [--settings gias-extract.csv]\n');
    process.exit(2);
  }
  // the host is started for its stores only: its routes answer no one
  const host = await startEmbedded(allServices, { ...process.env, PORT: '0', LOG_LEVEL: 'silent' }, { accessTokens: noCallers(systemClock) });
  try {
    const runtime = host.runtimes.find((r) => r.service === 'annual-review')!;
    const settings = new SettingsDirectory(runtime.dataSource);
    if (settingsFile) {
      const report = await settings.importGias(createReadStream(settingsFile)).catch((error: unknown) => {
        throw error instanceof MalformedCsvError ? new Error(`${settingsFile}, ${error.message}: nothing imported`) : error;
      });
      process.stderr.write(`settings directory: ${report.rowsTaken} taken, ${report.rowsRefused.length} refused\n`);
    }
    const bar = new ProgressBar('importing plans', 0, ' rows');
    const today = todayInLondon(runtime.clock);
    // read twice (checked whole, then imported): the file must not change while it runs
    const report = await importPlans(() => createReadStream(file), {
      store: runtime.store, dataSource: runtime.dataSource, schema: runtime.schema, sideTables: sideTablesOf(runtime.pool), settings, today, reviewAnchor: annualReviewSettings(process.env).reviewAnchor, plausibleDates: annualReviewSettings(process.env).plausibleDates,
      context: { actor: { kind: 'user', id: process.env.USER_ID ?? 'import' }, correlationId: `import-${Date.now()}` }, concurrency: 16,
      onProgress: (done, total) => { bar.setTotal(total); bar.update(done); },
    }).catch((error: unknown) => {
      throw error instanceof MalformedCsvError ? new Error(`${file}, ${error.message}: nothing imported`) : error;
    });
    bar.done(report.rowsTaken + report.rowsUnchanged);
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } finally {
    await host.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`import failed: ${(error as Error).message}\n`);
  process.exit(1);
});
