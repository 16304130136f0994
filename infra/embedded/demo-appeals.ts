/**
 * The disagreement half of the demo county (`npm run seed:demo`): once the needs assessments and
 * annual reviews have sent their decision letters, and the tribunal service has opened an appeal
 * window for each appealable one by itself, the mediations, appeals, outcomes and reg 44 compliance
 * that follow some of them (services/tribunal/src/demo/synthetic-appeals.ts: 2% of appealable
 * decisions appealed, domain §12) — every command through the real command path, the Nest
 * CommandBus with ExecuteDisagreementCommand, as the controllers do. The figures are then read back
 * from GET /appeals/stats's own query.
 */
import { CommandBus } from '@nestjs/cqrs';
import { addMonths, type CalendarDate } from '@ehc/domain-kernel';
import { waitUntilProcessed, type RunningHost } from '@ehc/host';
import { ProgressBar } from '@ehc/tooling';
import type { Executed } from '@ehc/commands';
import { ExecuteDisagreementCommand, type NewPart } from '../../services/tribunal/src/application/disagreement-command';
import type { RuleBroken } from '../../services/tribunal/src/domain/tribunal';
import { APPEALABLE_DECISIONS_CONSUMER, DECISION_OF_LETTER } from '../../services/tribunal/src/infrastructure/appealable-decisions.consumer';
import { appealsStats } from '../../services/tribunal/src/infrastructure/queries/appeals-stats';
import { APPEAL_RATES, syntheticDisagreements, type AppealableDecisionOnFile } from '../../services/tribunal/src/demo/synthetic-appeals';
import { tribunalSettings } from '../../services/tribunal/src/config';

export interface AppealSeedOptions {
  seed: string;
  /** The county's last day: nothing is dated after it. */
  today: CalendarDate;
  /** The first month of the county. */
  from: CalendarDate;
  concurrency: number;
}

/** The last appealable letter a service published: once the tribunal has handled it, every window is open. */
async function lastAppealableLetter(host: RunningHost, service: string): Promise<string | null> {
  const runtime = host.runtimes.find((r) => r.service === service);
  if (!runtime) return null;
  let last: string | null = null;
  for (let after = 0; ;) {
    const page = await runtime.store.readAll({ after, maxCount: 10_000, filter: { eventTypes: ['LetterSent'] } });
    for (const e of page.events) {
      const letter = e.data as { kind: string; appealRights: boolean };
      if (letter.appealRights && DECISION_OF_LETTER[letter.kind]) last = e.id;
    }
    if (page.events.length === 0 || page.position === after) break;
    after = page.position;
  }
  return last;
}

export async function seedAppeals(host: RunningHost, o: AppealSeedOptions): Promise<{ summary: string; failures: { command: string; on: string; error: string }[] }> {
  const runtime = host.runtimes.find((r) => r.service === 'tribunal');
  if (!runtime) throw new Error('the tribunal service is not in this host');
  // the windows open by themselves from the letters (in-process delivery): wait for the last of them
  for (const service of ['needs-assessment', 'annual-review']) {
    const last = await lastAppealableLetter(host, service);
    if (last && !(await waitUntilProcessed(runtime, APPEALABLE_DECISIONS_CONSUMER, last, 10 * 60_000))) {
      throw new Error(`the tribunal did not open the appeal windows of ${service}'s letters within 10 minutes`);
    }
  }
  // the read model shows every window: it has reached the last event stored (the store's head may lag
  // behind it while another transaction anywhere in the database is open)
  const views = runtime.projections[0];
  const lastStored = async () => Number((await runtime.pool.query(`SELECT coalesce(max(global_position), 0) AS last FROM "${runtime.schema}".es_events`)).rows[0].last);
  if (!(await views.waitFor(await lastStored(), 10 * 60_000))) throw new Error('the appeal windows read model did not catch up within 10 minutes');

  // the windows in a stable order: by letter, decision and the case or plan they came from
  const windows = (await runtime.pool.query(
    `SELECT substr(stream_id, length('disagreement-') + 1) AS "decisionId", decision_type AS "decisionType", letter_on::text AS "letterOn"
     FROM "${runtime.schema}".rm_disagreements ORDER BY letter_on, decision_type, source_service, source_id, stream_id`,
  )).rows as AppealableDecisionOnFile[];
  const disagreements = syntheticDisagreements(windows, { seed: o.seed, today: o.today });

  const commands = host.app.get(CommandBus);
  const failures: { command: string; on: string; error: string }[] = [];
  const bar = new ProgressBar('disagreements', disagreements.length, '');
  let next = 0;
  let done = 0;
  let run = 0;
  await Promise.all(Array.from({ length: o.concurrency }, async () => {
    while (next < disagreements.length) {
      const d = disagreements[next++];
      for (const command of d.commands) {
        const data = command.data as { on?: string; requestedOn?: string; registeredOn?: string; mediationId?: string; appealId?: string };
        const on = data.on ?? data.requestedOn ?? data.registeredOn ?? o.today;
        // a mediation's or an appeal's id is found again through its part row, written with its first event
        const newPart: NewPart | null = command.type === 'RequestMediation' ? { kind: 'mediation', partId: data.mediationId! }
          : command.type === 'RegisterAppeal' ? { kind: 'appeal', partId: data.appealId! } : null;
        const result: Executed<RuleBroken> = await commands.execute(new ExecuteDisagreementCommand(d.decisionId, command, {
          actor: { kind: 'user', id: 'to-seed-demo' }, correlationId: `seed-demo-${o.seed}-${d.decisionId}`, occurredAt: on,
        }, [], newPart));
        run++;
        if (!result.ok) {
          failures.push({ command: command.type, on, error: String(result.error) });
          break;
        }
      }
      bar.update(++done, `${run.toLocaleString('en-GB')} commands`);
    }
  }));
  bar.done(done, `${run.toLocaleString('en-GB')} commands`);
  if (!(await views.waitFor(await lastStored(), 10 * 60_000))) throw new Error('the appeals read model did not catch up within 10 minutes');

  // the figures as GET /appeals/stats gives them, over the county's months (at most 120), as on its last day
  const month = (date: CalendarDate) => date.slice(0, 7);
  const first = month(o.from) < month(addMonths(o.today, -119)) ? month(addMonths(o.today, -119)) : month(o.from);
  const stats = await appealsStats(runtime.dataSource, runtime.schema, { from: first, to: month(o.today), lagMonths: tribunalSettings(process.env).appealRateLagMonths }, o.today);
  const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
  const years = Math.max(1, stats.months.length / 12);
  const c = stats.appealRate.cohort;
  const m = stats.mediation;
  const outcomes = stats.outcomes.byOutcome;
  return {
    failures,
    summary: [
      `Mediation and appeals (${first} to ${month(o.today)})`,
      `  appealable decisions       ${c.decisions.toLocaleString('en-GB')} (windows opened from the letters; ${c.windowsOpen.toLocaleString('en-GB')} still open)`,
      `  appeal rate (cohort)       ${pct(c.rate)}: ${c.appealed.toLocaleString('en-GB')} of ${c.counted.toLocaleString('en-GB')} decisions whose window has closed (aim ${APPEAL_RATES.appealed * 100}%, §12 about 1–3%)`,
      `  appeal rate (flow)         ${pct(stats.appealRate.flow.rate)}: appeals in a month over the decisions ${stats.appealRate.flow.lagMonths} months before`,
      `  appeals registered         ${stats.appealsRegistered.total.toLocaleString('en-GB')} (${Math.round(stats.appealsRegistered.total / years)} a year)`,
      `  mediation                  ${m.requests.total} requests (${m.requests.wantingMediation} wanting mediation), ${m.held.total} held (${m.held.withinThirtyDays} within 30 days), ` +
        `${m.certificates.issued} certificates (${m.certificates.withMediation} after mediation, ${m.certificates.withoutMediation} without)`,
      `  outcomes                   ${stats.outcomes.concluded} concluded: allowed ${outcomes.allowed}, in part ${outcomes['allowed-in-part']}, dismissed ${outcomes.dismissed}, remitted ${outcomes.remitted}, ` +
        `withdrawn ${outcomes.withdrawn}, conceded ${outcomes.conceded}, consent order ${outcomes['consent-order']}`,
      `  reg 44 compliance          ${pct(stats.compliance.rate)} of ${stats.compliance.ordersDue} orders on time (${stats.compliance.excepted} excepted, ${stats.compliance.openOverdue} overdue)`,
      `  appeals open now           ${stats.openAppeals.total}`,
    ].join('\n'),
  };
}
