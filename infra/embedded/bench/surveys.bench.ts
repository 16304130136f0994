// `npm run bench:surveys`: (a) survey invitations from LetterSent events through the surveys service's
// letters consumer, embedded delivery (letters/s); (b) GET /surveys/results over three years of
// invitations and answers (p50/p95/p99). Each part runs in its own embedded host on a fresh schema
// prefix, dropped at the end.
//
//   BENCH_LETTERS (100,000)   letters fed to the consumer in (a), its read model held back
//   BENCH_CASES (20,000)   the cases the letters of (a) belong to (several letters each: the quiet period bites)
//   BENCH_MONTHS (36), BENCH_INVITATIONS_PER_MONTH (3,000)   the county of (b)
//   BENCH_QUERIES (200)   results queries timed in (b)
//   BENCH_PART (a or b)   one part only; BENCH_KEEP=1 keeps the schemas (with DATABASE_URL) to look at the plans
//   BENCH_PROFILE=1   (a) also prints where the consumer's time goes: every statement timed on the client, by its text
import { randomUUID } from 'node:crypto';
import pg, { Pool } from 'pg';
import { addDays, addMonths, daysBetween, fixedClock, hash32, mulberry32, type CalendarDate } from '@ehc/domain-kernel';
import { startEmbedded, type RunningHost, type ServiceRuntime } from '@ehc/host';
import { inProcessTokens } from '@ehc/identity';
import { PostgresCheckpointStore, PostgresEventStore, type NewEvent } from '@ehc/event-store';
import { InProcessDelivery, integrationEvent, type Publication } from '@ehc/messaging';
import { PersonalData } from '@ehc/personal-data';
import { ProgressBar } from '@ehc/tooling';
import { LETTER_SENT_V1 as NA_LETTER_SENT_V1, NEEDS_ASSESSMENT_TOPIC } from '@ehc/contracts/needs-assessment';
import { ANNUAL_REVIEW_TOPIC, LETTER_SENT_V1 as AR_LETTER_SENT_V1 } from '@ehc/contracts/annual-review';
import { LETTER_SENT_V1 as TRIBUNAL_LETTER_SENT_V1, TRIBUNAL_TOPIC } from '@ehc/contracts/tribunal';
import { surveysService } from '../../../services/surveys/src/service';
import { SURVEY_LINKS, SURVEYS_PARTS, SURVEYS_SETTINGS } from '../../../services/surveys/src/api/tokens';
import { lettersConsumer } from '../../../services/surveys/src/infrastructure/letters.consumer';
import type { Outbox } from '../../../services/surveys/src/infrastructure/outbox';
import { surveyResults } from '../../../services/surveys/src/infrastructure/queries/results';
import { invitationStream, SCHEMA_VERSIONS, type Event as InvitationEvent, type InvitationSubject, type SuppressionReason } from '../../../services/surveys/src/domain/invitation';
import { DEFAULT_TRIGGERS } from '../../../services/surveys/src/domain/triggers';
import { questionSet } from '../../../services/surveys/src/domain/question-sets';
import { redact } from '../../../services/surveys/src/domain/redaction';
import { themesOf } from '../../../services/surveys/src/domain/themes';
import type { RespondentRole } from '../../../services/surveys/src/domain/model';
import { formFor, RESPONSE_RATES } from '../demo-surveys';
import { benchDatabase, benchNumber, percentile, printBenchTable } from './bench-kit';

const LETTERS = benchNumber('BENCH_LETTERS', 100_000);
const CASES = benchNumber('BENCH_CASES', 20_000);
const MONTHS = benchNumber('BENCH_MONTHS', 36);
const PER_MONTH = benchNumber('BENCH_INVITATIONS_PER_MONTH', 3_000);
const QUERIES = benchNumber('BENCH_QUERIES', 200);
// a fixed "today", so the county and its figures are the same on every run
const TODAY: CalendarDate = '2026-06-30';
const TEAMS = ['team-north', 'team-south', 'team-east', 'team-west'];
const CASEWORKERS = Array.from({ length: 12 }, (_, i) => `cw-${String(i + 1).padStart(2, '0')}`);

const uuid = (rnd: () => number) => {
  const h = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16));
  h[12] = '4';
  h[16] = ((parseInt(h[16], 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8).join('')}-${h.slice(8, 12).join('')}-${h.slice(12, 16).join('')}-${h.slice(16, 20).join('')}-${h.slice(20).join('')}`;
};
const pick = <T>(rnd: () => number, weighted: readonly (readonly [T, number])[]): T => {
  let r = rnd() * weighted.reduce((a, [, w]) => a + w, 0);
  for (const [v, w] of weighted) if ((r -= w) < 0) return v;
  return weighted[weighted.length - 1][0];
};
const count = (n: number) => n.toLocaleString('en-GB');

/**
 * Times every statement on the client (from the call to its answer, so a statement queued behind
 * another on its connection counts its wait), by its text with the schema names taken out.
 */
function profileStatements(): { stop(): void; report(): string } {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const stats = new Map<string, { n: number; ms: number }>();
  const record = (label: string, t: number) => {
    const st = stats.get(label) ?? { n: 0, ms: 0 };
    st.n++;
    st.ms += performance.now() - t;
    stats.set(label, st);
  };
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : first?.text ?? '?';
    const label = text.replace(/"[a-z0-9_]+"\./g, '').replace(/\s+/g, ' ').trim().slice(0, 90);
    const t = performance.now();
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (...a: unknown[]) => unknown;
      args[last] = (...a: unknown[]) => { record(label, t); return callback(...a); };
      return original.apply(this, args);
    }
    const result = original.apply(this, args) as Promise<unknown> | undefined;
    return result && typeof result.then === 'function'
      ? result.then((r) => { record(label, t); return r; }, (e: unknown) => { record(label, t); throw e; })
      : result;
  };
  return {
    stop: () => { proto.query = original; },
    report: () => {
      const all = [...stats].sort((a, b) => b[1].ms - a[1].ms);
      const sum = all.reduce((a, [, st]) => a + st.ms, 0);
      return all.slice(0, 16).map(([label, st]) => `  ${(100 * st.ms / sum).toFixed(1).padStart(5)}%  ${count(st.n).padStart(9)} × ${(st.ms / st.n).toFixed(2).padStart(6)} ms  ${label}`).join('\n');
    },
  };
}

async function lastStored(runtime: ServiceRuntime): Promise<number> {
  return Number((await runtime.pool.query(`SELECT coalesce(max(global_position), 0) AS last FROM "${runtime.schema}".es_events`)).rows[0].last);
}

/** The county's teams and caseworkers in the access directory: the consumer asks it for the caseworker's team. */
async function seedTeams(runtime: ServiceRuntime, prefix: string) {
  const a = `"${prefix}access"`;
  await runtime.pool.query(`INSERT INTO ${a}.teams (team_id, name, area, changed_by) SELECT t, t, NULL, 'bench' FROM unnest($1::text[]) AS t`, [TEAMS]);
  await runtime.pool.query(`INSERT INTO ${a}.team_members (team_id, subject, added_by) SELECT ($1::text[])[((i - 1) % 4 + 1)::int], s, 'bench' FROM unnest($2::text[]) WITH ORDINALITY AS x(s, i)`, [TEAMS, CASEWORKERS]);
}

// ---------------------------------------------------------------------------------------------
// (a) invitations from letters

/** Letter kinds as the services send them, with their share: those the trigger table names invite someone, the others (drafts, notices, mediation arrangements) nobody. */
const NA_KINDS = [['decision-to-assess', 0.3], ['refusal-to-assess', 0.12], ['decision-not-to-issue', 0.04], ['draft-plan', 0.27], ['final-plan', 0.27]] as const;
const AR_KINDS = [['decision-to-maintain', 0.3], ['decision-to-amend', 0.12], ['amendment-notice', 0.12], ['amended-plan', 0.14], ['decision-not-to-amend', 0.16],
  ['cease-considered', 0.06], ['decision-not-to-cease', 0.05], ['cease-decision', 0.05]] as const;
const TRIBUNAL_KINDS = [['mediation-arranged', 0.45], ['recommendations-response', 0.15], ['compliance-confirmed', 0.4]] as const;

/**
 * BENCH_LETTERS letters over three years from the three services, each on one of BENCH_CASES cases,
 * carried by a feed store of their own, in the order they were sent: each feed event becomes one
 * LetterSent.v1 through a publication, and the surveys consumer takes them through InProcessDelivery
 * (prepare, then inbox, handler and checkpoint in one transaction per batch), as EmbeddedBus wires
 * it: one delivery per topic. The service clock reads the date of the letter in hand, as it would if
 * each letter were handled the day it was sent (the invitation and the quiet period are dated by it).
 * The cases' caseworkers and cohorts (learnt from NeedsAssessmentRequested and FinalPlanIssued) are
 * written to survey_case_facts directly.
 */
async function invitationsFromLetters(databaseUrl: string, rows: string[][]) {
  const prefix = `bench_sva_${randomUUID().slice(0, 6)}_`;
  let day: CalendarDate = TODAY;
  const clock = () => new Date(`${day}T12:00:00Z`);
  const tokens = await inProcessTokens(fixedClock(`${TODAY}T12:00:00Z`));
  const host = await startEmbedded([surveysService], {
    DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'silent', EHC_SCHEMA_PREFIX: prefix, SURVEY_SWEEP_SECONDS: '86400',
  }, { clock, accessTokens: tokens.verifier });
  const feedPool = new Pool({ connectionString: databaseUrl, max: 8 });
  let deliveries: InProcessDelivery[] = [];
  try {
    const surveys = host.runtimes.find((r) => r.service === 'surveys')!;
    const s = `"${surveys.schema}"`;
    await seedTeams(surveys, prefix);
    const rnd = mulberry32(hash32('bench:surveys:letters'));
    const cases = Array.from({ length: CASES }, () => ({ caseUuid: uuid(rnd), childId: uuid(rnd), letters: 0 }));
    // 92% of cases allocated to a caseworker; a cohort on 70% (a final plan issued), some past 16 (the young person answers)
    const facts = cases.map((c) => ({
      case_id: c.caseUuid, caseworker_id: rnd() < 0.92 ? CASEWORKERS[Math.floor(rnd() * CASEWORKERS.length)] : null,
      reception_year: rnd() < 0.7 ? 2006 + Math.floor(rnd() * 20) : null, year_group_offset: 0,
    }));
    for (let i = 0; i < facts.length; i += 10_000) {
      await surveys.pool.query(`INSERT INTO ${s}.survey_case_facts (case_id, caseworker_id, reception_year, year_group_offset)
        SELECT x.case_id, x.caseworker_id, x.reception_year, x.year_group_offset FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, caseworker_id text, reception_year int, year_group_offset int)`,
      [JSON.stringify(facts.slice(i, i + 10_000))]);
    }

    const span = daysBetween(addMonths(TODAY, -MONTHS), TODAY);
    const drawn = Array.from({ length: LETTERS }, () => ({ sentOn: addDays(TODAY, -Math.floor(rnd() * span)), c: cases[Math.floor(rnd() * CASES)], r: rnd(), k: rnd() }))
      .sort((x, y) => (x.sentOn < y.sentOn ? -1 : x.sentOn > y.sentOn ? 1 : 0));
    const feeds = { na: [] as NewEvent[], ar: [] as NewEvent[], tr: [] as NewEvent[] };
    const kindMix: Record<string, number> = {};
    for (const { sentOn, c, r, k } of drawn) {
      const letterId = `letter-${++c.letters}`;
      const one = () => k;
      let data: unknown;
      let feed: NewEvent[];
      if (r < 0.45) {
        const kind = pick(one, NA_KINDS);
        data = { caseId: `ehcna-${c.caseUuid}`, childId: c.childId, letterId, kind, recipient: 'parent', sentOn, appealRights: kind !== 'decision-to-assess' && kind !== 'draft-plan' };
        feed = feeds.na;
        kindMix[`needs-assessment ${kind}`] = (kindMix[`needs-assessment ${kind}`] ?? 0) + 1;
      } else if (r < 0.95) {
        const kind = pick(one, AR_KINDS);
        data = { planId: `annualReview-${c.caseUuid}`, childId: c.childId, letterId, kind, recipient: 'parent', sentOn, appealRights: true };
        feed = feeds.ar;
        kindMix[`annual-review ${kind}`] = (kindMix[`annual-review ${kind}`] ?? 0) + 1;
      } else {
        const kind = pick(one, TRIBUNAL_KINDS);
        data = { decisionId: uuid(rnd), source: { service: 'needs-assessment', id: c.caseUuid }, childId: c.childId, letterId, kind, recipient: 'parent', sentOn };
        feed = feeds.tr;
        kindMix[`tribunal ${kind}`] = (kindMix[`tribunal ${kind}`] ?? 0) + 1;
      }
      feed.push({ id: uuid(rnd), type: 'LetterPublished', schemaVersion: 1, data, metadata: { occurredAt: sentOn, actor: { kind: 'system', id: 'bench' }, correlationId: 'bench', causationId: null } });
    }
    const inviting = Object.entries(kindMix).filter(([key]) => DEFAULT_TRIGGERS.some((t) => `${t.service} ${t.letterKind}` === key)).reduce((a, [, n]) => a + n, 0);

    const feedStore = await PostgresEventStore.create({ pool: feedPool, schema: `${prefix}letters` });
    for (const [stream, events] of [['benchna', feeds.na], ['benchar', feeds.ar], ['benchtr', feeds.tr]] as const) {
      for (let i = 0; i < events.length; i += 5_000) await feedStore.appendToStream(`${stream}-${i}`, events.slice(i, i + 5_000), 'no-stream');
    }
    const head = Number((await feedPool.query(`SELECT max(global_position) AS last FROM "${prefix}letters".es_events`)).rows[0].last);

    const consumer = lettersConsumer(surveys, host.app.get(SURVEYS_SETTINGS), host.app.get(SURVEY_LINKS), (host.app.get(SURVEYS_PARTS) as { messages: Outbox }).messages);
    // the clock moves to the letter's date as it is handled (read synchronously at the start of handle)
    const handler: typeof consumer = {
      ...consumer,
      handle: (event, tx, prepared) => {
        day = (event.data as { sentOn: CalendarDate }).sentOn;
        return consumer.handle(event, tx, prepared);
      },
    };
    const publication = (topic: string, prefixOfFeed: string, type: string): Publication => ({
      topic, filter: { streamPrefixes: [prefixOfFeed] }, translate: (e) => [integrationEvent(e, type, e.data)],
    });
    const checkpoints = await PostgresCheckpointStore.create(surveys.pool, surveys.schema);
    deliveries = [
      publication(NEEDS_ASSESSMENT_TOPIC, 'benchna-', NA_LETTER_SENT_V1), publication(ANNUAL_REVIEW_TOPIC, 'benchar-', AR_LETTER_SENT_V1), publication(TRIBUNAL_TOPIC, 'benchtr-', TRIBUNAL_LETTER_SENT_V1),
    ].map((p) => new InProcessDelivery({
      store: feedStore, dataSource: surveys.dataSource, schema: surveys.schema, checkpoints, publications: [p], handler, name: `inproc:bench:${p.topic}`,
      logger: { log: () => undefined, error: (m: string) => { process.stderr.write(`${m}\n`); } },
    }));
    const handled = async () => Number((await surveys.pool.query(`SELECT count(*) FROM ${s}.inbox WHERE consumer = $1`, [handler.consumer])).rows[0].count);

    const runner = surveys.projections[0];
    await runner.stop();
    const profile = process.env.BENCH_PROFILE ? profileStatements() : null;
    const bar = new ProgressBar('invitations from letters (consumer alone)', LETTERS, ' letters');
    const ticker = setInterval(() => { void handled().then((n) => bar.update(n)); }, 1000);
    const started = performance.now();
    for (const d of deliveries) await d.start();
    await Promise.all(deliveries.map((d) => d.waitFor(head)));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(ticker);
    bar.done(LETTERS);
    if (profile) {
      profile.stop();
      process.stderr.write(`\nwhere the consumer's time goes (statements timed on the client, summed over the three deliveries and the progress ticker):\n${profile.report()}\n\n`);
    }

    const outcome = (await surveys.pool.query(`SELECT e.type, e.data->>'reason' AS reason, count(*)::int AS n FROM ${s}.es_events e
      WHERE e.stream_id LIKE 'surveyInvitation-%' GROUP BY 1, 2`)).rows as { type: string; reason: string | null; n: number }[];
    const sent = outcome.filter((o) => o.type === 'SurveyInvitationSent').reduce((a, o) => a + o.n, 0);
    const suppressed = outcome.filter((o) => o.type === 'SurveyInvitationSuppressed');
    const messages = Number((await surveys.pool.query(`SELECT count(*) FROM ${s}.survey_messages`)).rows[0].count);
    const teamed = Number((await surveys.pool.query(`SELECT count(*) FROM ${s}.es_events WHERE stream_id LIKE 'surveyInvitation-%' AND data->>'team' IS NOT NULL`)).rows[0].count);
    const rate = LETTERS / seconds;
    rows.push([`(a) invitations from ${count(LETTERS)} letters (${count(inviting)} of kinds that invite, ${count(CASES)} cases, 36 months), consumer alone`,
      `${count(Math.round(rate))} letters/s (${seconds.toFixed(1)} s): ${count(sent)} invitations sent (${count(messages)} messages in the outbox, ${count(teamed)} with a team), ` +
      `suppressed ${suppressed.map((o) => `${count(o.n)} ${o.reason}`).join(', ') || 'none'}`,
      '≥ 5,000 letters/s ' + (rate >= 5_000 ? '(met)' : '(NOT met)')]);

    const caughtUpFrom = performance.now();
    await runner.start();
    const projected = await runner.waitFor(await lastStored(surveys), 30 * 60_000);
    const readModel = (performance.now() - caughtUpFrom) / 1000;
    const invitationEvents = outcome.reduce((a, o) => a + o.n, 0);
    rows.push([`(a) read model of the ${count(invitationEvents)} invitations built after`,
      projected ? `${readModel.toFixed(1)} s (${count(Math.round(invitationEvents / readModel))} events/s)` : 'not within 30 min', '—']);
  } finally {
    for (const d of deliveries) await d.stop();
    await host.stop();
    await feedPool.end();
  }
}

// ---------------------------------------------------------------------------------------------
// (b) the results over three years

/** A year's invitations by trigger row (weights, from the county's letters: reviews outnumber assessments). */
const TRIGGER_MIX: readonly (readonly [string, number])[] = [
  ['decision-to-assess', 0.16], ['refusal-to-assess', 0.06], ['decision-not-to-issue', 0.01], ['final-plan', 0.14],
  ['decision-to-maintain', 0.3], ['decision-to-amend', 0.08], ['amended-plan', 0.1], ['decision-not-to-amend', 0.13], ['compliance-confirmed', 0.01],
];
const SUPPRESSION_MIX: readonly (readonly [SuppressionReason | null, number])[] = [[null, 0.94], ['quiet-period', 0.045], ['safeguarding', 0.01], ['opted-out', 0.005]];

/**
 * BENCH_MONTHS months of BENCH_INVITATIONS_PER_MONTH invitations: each invitation's events (sent or
 * suppressed; a reminder when unanswered after 14 days; the answer, ~30%, with the demo county's
 * scores and comments, ./demo-surveys.ts) appended to the store through the port, one stream at a
 * time with 64 appends in flight, and its redacted comment written to the documents table in bulk;
 * the read model then builds from event zero as it would from the consumer and the page.
 */
async function resultsOverThreeYears(databaseUrl: string, rows: string[][]) {
  const prefix = `bench_svb_${randomUUID().slice(0, 6)}_`;
  const clock = fixedClock(`${TODAY}T12:00:00Z`);
  const tokens = await inProcessTokens(clock);
  const host: RunningHost = await startEmbedded([surveysService], {
    DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'silent', EHC_SCHEMA_PREFIX: prefix, SURVEY_SWEEP_SECONDS: '86400',
  }, { clock, accessTokens: tokens.verifier });
  const headers = { authorization: `Bearer ${await tokens.token({ sub: 'bench-reader', roles: ['performance-reader'] })}` };
  try {
    const surveys = host.runtimes.find((r) => r.service === 'surveys')!;
    const s = `"${surveys.schema}"`;
    const rnd = mulberry32(hash32('bench:surveys:results'));
    const firstMonth = addMonths(`${TODAY.slice(0, 7)}-01`, -(MONTHS - 1));
    const total = MONTHS * PER_MONTH;
    const bar = new ProgressBar('invitations stored', total, ' invitations');
    const documents: { document_id: string; stream_id: string; content: string }[] = [];
    let events = 0;
    let answered = 0;
    const started = performance.now();
    const meta = (on: CalendarDate) => ({ occurredAt: on, actor: { kind: 'system' as const, id: 'bench' }, correlationId: 'bench', causationId: null });
    const history = (): { stream: string; events: NewEvent[] } => {
      const month = addMonths(firstMonth, Math.floor(rnd() * MONTHS));
      const sentOn = addDays(month, Math.floor(rnd() * 28));
      const kind = pick(rnd, TRIGGER_MIX);
      const row = DEFAULT_TRIGGERS.find((t) => t.letterKind === kind)!;
      const respondentRole: RespondentRole = row.respondent === 'rights-holder' ? (rnd() < 0.1 ? 'young-person' : 'parent') : row.respondent;
      const invitationId = uuid(rnd);
      const subject: InvitationSubject = {
        invitationId, letterId: `letter-${1 + Math.floor(rnd() * 6)}`, service: row.service, letterKind: row.letterKind, letterSentOn: sentOn, caseId: uuid(rnd), childId: uuid(rnd),
        trigger: row.trigger, respondentRole, questionSet: row.questionSet, team: rnd() < 0.08 ? null : TEAMS[Math.floor(rnd() * TEAMS.length)],
      };
      const stream = invitationStream(invitationId);
      const out: InvitationEvent[] = [];
      const reason = pick(rnd, SUPPRESSION_MIX);
      if (reason) out.push({ type: 'SurveyInvitationSuppressed', data: { ...subject, suppressedOn: sentOn, reason } });
      else {
        out.push({ type: 'SurveyInvitationSent', data: { ...subject, sentOn, expiresOn: addDays(sentOn, 28), reminderDueOn: addDays(sentOn, 14) } });
        // most answers come in the first days, the rest after the reminder
        const after = rnd() < 0.7 ? Math.floor(rnd() * 10) : 14 + Math.floor(rnd() * 14);
        const answers = rnd() < RESPONSE_RATES[respondentRole];
        if (!answers || after >= 14) out.push({ type: 'SurveyReminderSent', data: { invitationId, sentOn: addDays(sentOn, 14) } });
        if (answers) {
          answered++;
          const form = formFor(rnd, questionSet(row.questionSet)!, row.trigger);
          const scores: Record<string, number> = {};
          const choices: Record<string, string> = {};
          for (const q of questionSet(row.questionSet)!.questions) {
            if (form[q.id] === undefined) continue;
            if (q.kind === 'scale') scores[q.id] = Number(form[q.id]);
            if (q.kind === 'choice') choices[q.id] = form[q.id];
          }
          const text = form.comment ? redact(form.comment) : null;
          const commentDocumentId = text ? uuid(rnd) : null;
          if (text) documents.push({ document_id: commentDocumentId!, stream_id: stream, content: JSON.stringify({ text }) });
          out.push({ type: 'SurveyResponseReceived', data: { invitationId, answeredOn: addDays(sentOn, after), scores, choices, commentDocumentId, themes: themesOf(text) } });
        }
      }
      events += out.length;
      return { stream, events: out.map((e) => ({ id: uuid(rnd), type: e.type, schemaVersion: SCHEMA_VERSIONS[e.type], data: e.data, metadata: meta(sentOn) })) };
    };
    for (let i = 0; i < total; i += 64) {
      const batch = Array.from({ length: Math.min(64, total - i) }, history);
      await Promise.all(batch.map((h) => surveys.store.appendToStream(h.stream, h.events, 'no-stream')));
      bar.update(Math.min(total, i + 64));
    }
    bar.done(total);
    for (let i = 0; i < documents.length; i += 5_000) {
      await surveys.pool.query(`INSERT INTO ${s}.case_documents (document_id, stream_id, kind, content)
        SELECT x.document_id, x.stream_id, 'survey-comment', x.content::jsonb FROM jsonb_to_recordset($1::jsonb) AS x(document_id uuid, stream_id text, content text)`,
      [JSON.stringify(documents.slice(i, i + 5_000))]);
    }
    const appended = (performance.now() - started) / 1000;
    const catchUp = performance.now();
    const runner = surveys.projections[0];
    if (!(await runner.waitFor(await lastStored(surveys), 30 * 60_000))) throw new Error('the surveys read model did not catch up within 30 minutes');
    const built = (performance.now() - catchUp) / 1000;
    const scoreRows = Number((await surveys.pool.query(`SELECT count(*) FROM ${s}.rm_survey_month_scores`)).rows[0].count);
    rows.push([`(b) ${MONTHS} months: ${count(total)} invitations, ${count(answered)} answered (${((100 * answered) / total).toFixed(1)}%), ${count(documents.length)} comments, ${count(scoreRows)} monthly score counts`,
      `${count(events)} events appended in ${appended.toFixed(1)} s; read model built from event zero in ${built.toFixed(1)} s (${count(Math.round(events / built))} events/s)`, '—']);
    // as autovacuum would after a bulk load: the planner's statistics and the visibility map (index-only scans)
    for (const table of ['rm_survey_invitations', 'rm_survey_month_counts', 'rm_survey_month_scores', 'rm_survey_comments', 'case_documents']) await surveys.pool.query(`VACUUM (ANALYZE) ${s}.${table}`);

    const month = (date: CalendarDate) => date.slice(0, 7);
    const qrnd = mulberry32(11);
    const triggers = [...new Set(DEFAULT_TRIGGERS.map((t) => t.trigger))];
    // what the monthly meeting asks: the last year or the three years, all of it, one trigger, or one team
    const queries = Array.from({ length: QUERIES }, (_, i) => {
      const length = i % 2 === 0 ? 12 : 36;
      const end = addMonths(`${TODAY.slice(0, 7)}-01`, -Math.floor(qrnd() * (MONTHS - length + 1)));
      const q = new URLSearchParams({ from: month(addMonths(end, -(length - 1))), to: month(end) });
      if (i % 4 === 1) q.set('trigger', triggers[Math.floor(qrnd() * triggers.length)]);
      if (i % 4 === 2) q.set('team', [...TEAMS, 'unallocated'][Math.floor(qrnd() * 5)]);
      return q;
    });
    const get = async (q: URLSearchParams) => {
      const res = await fetch(`${host.url}/surveys/results?${q}`, { headers });
      if (res.status !== 200) throw new Error(`GET /surveys/results?${q}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<{ invited: number; answered: number; responseRate: number | null; comments: unknown[]; questions: { question: string; mean: number | null }[] }>;
    };
    const whole = await get(new URLSearchParams({ from: month(firstMonth), to: month(TODAY) }));
    rows.push([`(b) GET /surveys/results over the ${MONTHS} months`, `${count(whole.invited)} invited, ${count(whole.answered)} answered (${whole.responseRate}%), ${whole.comments.length} comments shown; ` +
      `means ${whole.questions.map((q) => `${q.question} ${q.mean}`).join(', ')}`, '—']);
    for (const q of queries.slice(0, 20)) await get(q); // warm-up
    const latencies: number[] = [];
    const qbar = new ProgressBar('results queries', QUERIES, '');
    for (const [i, q] of queries.entries()) {
      const t = performance.now();
      await get(q);
      latencies.push(performance.now() - t);
      qbar.update(i + 1);
    }
    qbar.done(QUERIES);
    latencies.sort((a, b) => a - b);
    // the same queries in-process, without HTTP: the statements and the answer's assembly alone
    const personal = new PersonalData(surveys.dataSource, surveys.schema);
    const direct: number[] = [];
    for (const q of queries) {
      const t = performance.now();
      await surveyResults(surveys.pool, surveys.schema, { from: q.get('from')!, to: q.get('to')!, trigger: q.get('trigger') ?? undefined, team: q.get('team') ?? undefined }, (ids) => personal.texts(ids));
      direct.push(performance.now() - t);
    }
    direct.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    rows.push([`(b) GET /surveys/results, ${QUERIES} queries (12 and 36 months; a quarter by trigger, a quarter by team)`,
      `p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (max ${latencies[latencies.length - 1].toFixed(1)} ms)`,
      'p99 ≤ 100 ms ' + (p99 <= 100 ? '(met)' : '(NOT met)')]);
    rows.push(['(b) the same, in-process (surveyResults: the statements and the assembly, no HTTP)',
      `p50 ${percentile(direct, 50).toFixed(1)} ms, p95 ${percentile(direct, 95).toFixed(1)} ms, p99 ${percentile(direct, 99).toFixed(1)} ms`, '—']);
  } finally {
    await host.stop();
  }
}

async function main() {
  const db = await benchDatabase('bench_sv', 'ehc-bench-surveys-');
  const rows: string[][] = [['measure', 'figure', 'target']];
  try {
    if (process.env.BENCH_PART !== 'b') await invitationsFromLetters(db.url, rows);
    if (process.env.BENCH_PART !== 'a') await resultsOverThreeYears(db.url, rows);
  } finally {
    if (!process.env.BENCH_KEEP) await db.release();
  }
  printBenchTable(`bench:surveys (embedded mode, PostgreSQL: ${db.described})`, rows);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
