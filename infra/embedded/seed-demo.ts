/**
 * `npm run seed:demo`: fills the embedded EHC Hub with a synthetic county
 * (services/needs-assessment/src/demo/synthetic-county.ts), then its annual reviews (./demo-reviews.ts),
 * then the mediations and appeals that follow some of the appealable decisions (./demo-appeals.ts:
 * 2% of them appealed, domain §12), then answers to some of the survey invitations the letters made
 * (./demo-surveys.ts: about 30% answered, a few opt-outs and safeguarding flags), every case driven through the real command path — the Nest CommandBus with
 * RecordNeedsAssessmentRequest and ExecuteCaseCommand, documents (reasons, notes, plans) written
 * with the events of the command that refers to them, exactly as the controller does — never by SQL or direct
 * appends. The deciders refuse anything the statutory process does not allow, so the data is as
 * valid as a caseworker's.
 *
 *   npm run seed:demo -- [--requests-per-year 3000] [--years 3] [--seed 1] [--today YYYY-MM-DD]
 *                        [--concurrency 16] [--force]
 *
 * Same defaults as `npm start`: an embedded PostgreSQL under ./data (EHC_DATA_DIR), or DATABASE_URL;
 * EHC_SCHEMA_PREFIX is honoured. The host runs every service, as `npm start` does, so final plans
 * enter the annual review cycle on their own. It needs no HTTP (PORT defaults to 0 here) and logs nothing but
 * errors unless LOG_LEVEL is set. It refuses a store that already holds needs-assessment events
 * unless --force.
 *
 * Reproducible: the same flags give the same children, requesters, dates and commands, and case
 * references follow the order of receipt (requests are recorded one at a time, in that order; the
 * rest of each case runs 16 cases at a time). Case ids and person ids are UUIDs drawn by the
 * handlers, so they differ between runs. `--today` defaults to today in London; no date may be
 * after the real today, which the command handlers check.
 */
import { performance } from 'node:perf_hooks';
import { In } from 'typeorm';
import { isCalendarDate, onOrBefore, systemClock, todayInLondon, type CalendarDate } from '@ehc/domain-kernel';
import { noCallers } from '@ehc/identity';
import { ConfigError } from '@ehc/config';
import { startEmbedded, type RunningHost } from '@ehc/host';
import type { ProjectionRunner } from '@ehc/messaging';
import { CASE_STREAM_PREFIX } from '../../services/needs-assessment/src/domain/needs-assessment';
import { CASE_FILES_RUNNER } from '../../services/needs-assessment/src/api/needs-assessments.controller';
import { CaseFile } from '../../services/needs-assessment/src/infrastructure/read-models/case-file.entity';
import { COUNTY_RATES, countyFigures, generateCounty } from '../../services/needs-assessment/src/demo/synthetic-county';
import { allServices } from './main';
import { seedAnnualReviews } from './demo-reviews';
import { seedAppeals } from './demo-appeals';
import { summarisePack } from './demo-performance';
import { seedSurveys } from './demo-surveys';
import { seedCases } from './demo-cases';
import { formatSeconds, ProgressBar } from '@ehc/tooling';

interface Flags {
  requestsPerYear: number;
  years: number;
  seed: string;
  today: CalendarDate;
  concurrency: number;
  force: boolean;
}

const USAGE = `usage: npm run seed:demo -- [--requests-per-year N] [--years N] [--seed S] [--today YYYY-MM-DD] [--concurrency N] [--force]`;

function parseFlags(argv: string[], realToday: CalendarDate): Flags {
  const flags: Flags = { requestsPerYear: 3000, years: 3, seed: '1', today: realToday, concurrency: 16, force: false };
  const positive = (name: string, raw: string | undefined) => {
    const n = Number(raw);
    if (raw === undefined || !Number.isFinite(n) || n <= 0) throw new UsageError(`${name} needs a positive number, got ${raw ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (name) {
      case '--requests-per-year': flags.requestsPerYear = Math.round(positive(name, value())); break;
      case '--years': flags.years = positive(name, value()); break;
      case '--seed': flags.seed = value() ?? ''; if (!flags.seed) throw new UsageError('--seed needs a value'); break;
      case '--today': {
        const d = value();
        if (!isCalendarDate(d)) throw new UsageError(`--today needs a date YYYY-MM-DD, got ${d ?? 'nothing'}`);
        flags.today = d;
        break;
      }
      case '--concurrency': flags.concurrency = Math.round(positive(name, value())); break;
      case '--force': flags.force = true; break;
      case '--help': case '-h': throw new UsageError('');
      default: throw new UsageError(`unknown option ${argv[i]}`);
    }
  }
  if (!onOrBefore(flags.today, realToday)) {
    throw new UsageError(`--today ${flags.today} is after today in London (${realToday}): the command handlers refuse dates in the future`);
  }
  return flags;
}

class UsageError extends Error {}

async function main(): Promise<number> {
  const realToday = todayInLondon(systemClock);
  let flags: Flags;
  try {
    flags = parseFlags(process.argv.slice(2), realToday);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) process.stderr.write(`seed:demo: ${error.message}\n`);
    process.stderr.write(`${USAGE}\n`);
    return error.message ? 64 : 0;
  }
  // loggers read LOG_LEVEL when they are made: quiet unless asked, so the progress bar stays readable
  process.env.LOG_LEVEL ??= 'silent';
  process.env.PORT ??= '0';

  const started = performance.now();
  const county = generateCounty({ seed: flags.seed, requestsPerYear: flags.requestsPerYear, years: flags.years, today: flags.today });
  const planned = countyFigures(county.cases);
  process.stderr.write(`seed:demo: county seed ${flags.seed}: ${planned.cases.toLocaleString('en-GB')} requests received ${county.from} to ${county.today}, ` +
    `${planned.commands.toLocaleString('en-GB')} commands\n`);

  const where = process.env.DATABASE_URL ? `DATABASE_URL${process.env.EHC_SCHEMA_PREFIX ? `, schema prefix ${process.env.EHC_SCHEMA_PREFIX}` : ''}` : `embedded PostgreSQL in ${process.env.EHC_DATA_DIR ?? 'data'}/postgres`;
  process.stderr.write(`seed:demo: starting the embedded host (${where})\n`);
  // started for its command bus and stores only: its routes answer no one
  // the county's letters are dated over the years it covers: each invites a survey as though it had
  // just been sent (the results count it in its letter's month), not only those of the last 28 days
  const env = { ...process.env, SURVEY_LETTER_MAX_AGE_DAYS: process.env.SURVEY_LETTER_MAX_AGE_DAYS ?? '36500' };
  const host: RunningHost = await startEmbedded(allServices, env, { accessTokens: noCallers(systemClock) });
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write('\nseed:demo: interrupted — finishing the cases in hand, then stopping\n');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const runtime = host.runtimes.find((r) => r.service === 'needs-assessment');
    if (!runtime) throw new Error('the needs-assessment service is not in this host');
    const existing = await runtime.store.readAll({ maxCount: 1, filter: { streamPrefixes: [CASE_STREAM_PREFIX] } });
    if (existing.events.length > 0 && !flags.force) {
      process.stderr.write(
        `seed:demo: the store (schema ${runtime.schema}) already holds needs-assessment events; nothing was written.\n` +
        '  Seed into an empty store (a fresh EHC_DATA_DIR, or another EHC_SCHEMA_PREFIX with DATABASE_URL),\n' +
        '  or pass --force to add this county to what is there.\n',
      );
      return 3;
    }

    const caseFiles = host.app.get<ProjectionRunner>(CASE_FILES_RUNNER);
    const progress = new ProgressBar('seeding', county.cases.length, ' cases');
    const seeded = await seedCases(host, county.cases, {
      realToday, concurrency: flags.concurrency, correlationPrefix: `seed-demo-${flags.seed}`, interrupted: () => interrupted,
      onCase: (p) => progress.update(p.casesDone, `${p.commandsDone.toLocaleString('en-GB')} commands, ${p.eventsAppended.toLocaleString('en-GB')} events${p.failures.length ? `, ${p.failures.length} refused` : ''}`),
    });
    const { caseIds, failures, commandsDone, eventsAppended, lastPosition, casesDone } = seeded;
    progress.done(casesDone, `${commandsDone.toLocaleString('en-GB')} commands, ${eventsAppended.toLocaleString('en-GB')} events`);

    process.stderr.write('seed:demo: waiting for the case-files projection to catch up…\n');
    const caughtUp = await caseFiles.waitFor(lastPosition, 30 * 60_000);
    if (!caughtUp) throw new Error(`the case-files projection did not reach position ${lastPosition}`);

    // the summary is read back from the read model the caseworkers use (through its entity, so a
    // renamed column cannot break it), for this run's cases only; the events through the store port
    const row = { cases: 0, refused: 0, decided: 0, plans: 0, plans_in_time: 0, no_plan: 0, open: 0, withdrawn: 0, closed: 0, excepted: 0 };
    for (let i = 0; i < caseIds.length; i += 1000) {
      for (const { view } of await runtime.dataSource.getRepository(CaseFile).findBy({ caseId: In(caseIds.slice(i, i + 1000)) })) {
        const outcome = view.statutory.decisionToAssess.outcome;
        row.cases++;
        if (outcome) row.decided++;
        if (outcome === 'refuse') row.refused++;
        if (view.status === 'plan-issued') row.plans++;
        if (view.finalPlan?.withinStatutoryTime) row.plans_in_time++;
        if (view.status === 'no-plan') row.no_plan++;
        if (['awaiting-decision', 'assessing', 'draft-issued'].includes(view.status)) row.open++;
        if (view.status === 'withdrawn') row.withdrawn++;
        if (view.status === 'closed') row.closed++;
        if (view.exceptions.length > 0) row.excepted++;
      }
    }
    const ours = new Set(caseIds);
    let storedEvents = 0;
    for (let after = 0; ;) {
      const page = await runtime.store.readAll({ after, maxCount: 10_000, filter: { streamPrefixes: [CASE_STREAM_PREFIX] } });
      for (const e of page.events) if (ours.has(e.stream)) storedEvents++;
      if (page.events.length < 10_000) break;
      after = page.position;
    }
    const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '—');
    const elapsed = (performance.now() - started) / 1000;
    const lines = [
      '',
      `Seeded synthetic county (seed ${flags.seed}, ${flags.requestsPerYear.toLocaleString('en-GB')} requests/year × ${flags.years} years to ${county.today}) into schema ${runtime.schema}`,
      `  cases                      ${row.cases.toLocaleString('en-GB')}${interrupted ? ` (interrupted: ${county.cases.length - casesDone} not run)` : ''}`,
      `  commands                   ${commandsDone.toLocaleString('en-GB')} (${failures.length} refused)`,
      `  events                     ${storedEvents.toLocaleString('en-GB')} (${eventsAppended.toLocaleString('en-GB')} appended by this run)`,
      `  refusal rate               ${pct(row.refused, row.decided)} of ${row.decided.toLocaleString('en-GB')} decisions (aim ${COUNTY_RATES.refusal * 100}%, national 25.2%)`,
      `  plans within 20 weeks      ${pct(row.plans_in_time, row.plans)} of ${row.plans.toLocaleString('en-GB')} final plans (aim ${COUNTY_RATES.planWithinTwentyWeeks * 100}%, national 45.9%)`,
      `  decisions not to issue     ${row.no_plan.toLocaleString('en-GB')}`,
      `  withdrawn / closed         ${row.withdrawn.toLocaleString('en-GB')} / ${row.closed.toLocaleString('en-GB')}`,
      `  with an exception          ${row.excepted.toLocaleString('en-GB')} (${pct(row.excepted, row.cases)})`,
      `  open cases                 ${row.open.toLocaleString('en-GB')}`,
      `  elapsed                    ${formatSeconds(elapsed)} (${Math.round(commandsDone / elapsed).toLocaleString('en-GB')} commands/s overall)`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    if (!interrupted) {
      const reviews = await seedAnnualReviews(host, { seed: flags.seed, today: county.today, realToday, legacyPlans: Math.round(flags.requestsPerYear * 2.5), concurrency: flags.concurrency, plansFromAssessments: row.plans });
      process.stdout.write(reviews.summary + '\n');
      failures.push(...reviews.failures.map((f) => ({ case: -1, command: f.command, on: f.on, error: f.error })));
      const appeals = await seedAppeals(host, { seed: flags.seed, today: county.today, from: county.from, concurrency: flags.concurrency });
      process.stdout.write(appeals.summary + '\n');
      failures.push(...appeals.failures.map((f) => ({ case: -1, command: f.command, on: f.on, error: f.error })));
      const surveys = await seedSurveys(host, { seed: flags.seed, concurrency: flags.concurrency });
      process.stdout.write(surveys.summary + '\n');
      failures.push(...surveys.failures.map((f) => ({ case: -1, command: f.command, on: f.on, error: f.error })));
      process.stdout.write(await summarisePack(host, county.today) + '\n');
    }
    if (failures.length) {
      process.stderr.write(`seed:demo: ${failures.length} commands were refused (first 10):\n${failures.slice(0, 10).map((f) => `  case ${f.case} ${f.command} on ${f.on}: ${f.error}`).join('\n')}\n`);
      return 1;
    }
    return interrupted ? 130 : 0;
  } finally {
    process.stderr.write('seed:demo: stopping the host\n');
    await host.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // a bad setting is named in one line, with the exit code `npm start` uses for it
    if (error instanceof ConfigError) {
      process.stderr.write(`seed:demo: configuration error: ${error.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`seed:demo failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);
