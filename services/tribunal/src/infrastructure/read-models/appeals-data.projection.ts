import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@ehc/event-store';
import { viewProjection, type Projection, type RunningDeadline } from '@ehc/messaging';
import { maxDate } from '@ehc/domain-kernel';
import { DISAGREEMENT_STREAM_PREFIX, evolve, initialState, type DisagreementState, type Event } from '../../domain/tribunal';
import { assessmentEnded } from '../../domain/orders';
import { appealDueBy, appealIsOpen, certificateOn, mediationIsOpen, standingAppeal, type AppealState } from '../../domain/disagreement-state';

const fold = (view: DisagreementState | null, e: EventEnvelope): DisagreementState => evolve(view ?? initialState(), { type: e.type, data: e.data } as Event);

/** The dates still to be met in a disagreement: what the lists show as due or overdue. */
export function runningDeadlines(v: DisagreementState): RunningDeadline[] {
  const out: RunningDeadline[] = [];
  const w = v.window;
  if (!w) return out;
  if (!standingAppeal(v)) out.push({ kind: 'appeal', ref: null, due: appealDueBy(w, certificateOn(v)), excepted: false });
  for (const m of v.mediations.filter(mediationIsOpen)) {
    if (m.healthNotificationDueBy && !m.healthNotifiedOn) out.push({ kind: 'health-notification', ref: m.mediationId, due: m.healthNotificationDueBy, excepted: false });
    if (m.mediationDueBy && !m.heldOn && m.status !== 'not-arranged') out.push({ kind: 'mediation', ref: m.mediationId, due: m.mediationDueBy, excepted: false });
    if (m.certificateDueBy && !m.certificateOn) out.push({ kind: 'certificate', ref: m.mediationId, due: m.certificateDueBy, excepted: false });
  }
  for (const a of v.appeals) out.push(...appealDeadlines(a));
  return out;
}

function appealDeadlines(a: AppealState): RunningDeadline[] {
  const out: RunningDeadline[] = [];
  if (appealIsOpen(a) && !a.responseSentOn) out.push({ kind: 'la-response', ref: a.appealId, due: a.laResponseDueBy, excepted: false });
  if (a.recommendationsResponseDueBy && !a.recommendationsRespondedOn) out.push({ kind: 'recommendations-response', ref: a.appealId, due: a.recommendationsResponseDueBy, excepted: false });
  for (const o of a.orders.filter((x) => !x.compliedOn)) {
    const done = new Set(o.completed.map((c) => c.step));
    const ended = assessmentEnded(o);
    for (const s of o.steps) {
      if (done.has(s.step) || ended) continue;
      // an order to assess ends with either outcome: chase the decision not to issue only until the final plan's date
      if (o.kind === 'assess-or-reassess' && s.step === 'decision-not-to-issue') continue;
      out.push({ kind: `order:${s.step}`, ref: o.orderId, due: s.dueBy, excepted: o.exception !== null });
    }
  }
  return out;
}

const finalDue = (steps: { dueBy: string }[]): string => steps.map((s) => s.dueBy).reduce((a, b) => maxDate(a, b));

/**
 * The tribunal's read model (see the entities). One fold of each disagreement feeds every table:
 * the window row with its view, then the flat rows of its mediations, appeals and orders, replaced
 * together in the batch's transaction. A new name is a new checkpoint (rebuilt from position 0).
 */
export function appealsDataProjection(schema: string): Projection {
  const t = (name: string) => `"${schema}".${name}`;
  const windows = viewProjection<DisagreementState>({
    // v2: rm_appeals.letter_on and rm_appealable_decisions_by_month, for the monthly meeting's appeal rate
    name: 'tribunal.appeals-data.v2',
    schema,
    streamPrefix: DISAGREEMENT_STREAM_PREFIX,
    tables: { views: 'rm_disagreements', deadlines: 'rm_tribunal_deadlines', timeline: 'rm_tribunal_timeline' },
    fold,
    columnTypes: {
      source_service: 'text', source_id: 'text', child_id: 'uuid', decision_type: 'text', letter_on: 'date', certificate_on: 'date', appeal_due: 'date',
      appealed_on: 'date', mediation_contact_due: 'date', mediation_contact_on: 'date',
    },
    columns: (v) => {
      const w = v.window!;
      const certificate = certificateOn(v);
      return {
        source_service: w.source.service, source_id: w.source.id.toLowerCase(), child_id: w.childId, decision_type: w.decisionType, letter_on: w.letterOn, certificate_on: certificate,
        appeal_due: appealDueBy(w, certificate), appealed_on: standingAppeal(v)?.registeredOn ?? null, mediation_contact_due: w.mediationContactDueBy,
        mediation_contact_on: v.mediations[0]?.requestedOn ?? null,
      };
    },
    deadlines: runningDeadlines,
    owner: () => null,
  });
  return {
    ...windows,
    tables: [...windows.tables, t('rm_mediations'), t('rm_appeals'), t('rm_orders'), t('rm_appealable_decisions_by_month')],
    async applyBatch(events: EventEnvelope[], tx: EntityManager) {
      await windows.applyBatch(events, tx);
      // each window opens once: counted as it opens (the checkpoint keeps a batch from being counted twice)
      const opened = new Map<string, { month: string; decision_type: string; decisions: number }>();
      for (const e of events) {
        if (e.type !== 'AppealWindowOpened') continue;
        const { letterOn, decisionType } = e.data as { letterOn: string; decisionType: string };
        const month = `${letterOn.slice(0, 7)}-01`;
        const row = opened.get(`${month}|${decisionType}`) ?? { month, decision_type: decisionType, decisions: 0 };
        row.decisions++;
        opened.set(`${month}|${decisionType}`, row);
      }
      if (opened.size > 0) {
        await tx.query(
          `INSERT INTO ${t('rm_appealable_decisions_by_month')} (month, decision_type, decisions)
           SELECT x.month, x.decision_type, x.decisions FROM jsonb_to_recordset($1::jsonb) AS x(month date, decision_type text, decisions integer)
           ON CONFLICT (month, decision_type) DO UPDATE SET decisions = ${t('rm_appealable_decisions_by_month')}.decisions + EXCLUDED.decisions`,
          [JSON.stringify([...opened.values()])],
        );
      }
      const streams = [...new Set(events.map((e) => e.stream))];
      const rows: { stream_id: string; view: DisagreementState }[] = await tx.query(`SELECT stream_id, view FROM ${t('rm_disagreements')} WHERE stream_id = ANY($1)`, [streams]);
      for (const table of ['rm_mediations', 'rm_appeals', 'rm_orders']) await tx.query(`DELETE FROM ${t(table)} WHERE stream_id = ANY($1)`, [streams]);
      const mediations = rows.flatMap(({ stream_id, view }) => view.mediations.map((m) => ({
        mediation_id: m.mediationId, stream_id, decision_type: view.window!.decisionType, requested_on: m.requestedOn, wants_mediation: m.wantsMediation, health_involved: m.healthInvolved,
        status: m.status, mediation_due: m.mediationDueBy, held_on: m.heldOn, certificate_on: m.certificateOn, certificate_after: m.certificateAfter, screening_outcome: m.screeningOutcome,
      })));
      const appeals = rows.flatMap(({ stream_id, view }) => view.appeals.map((a) => {
        const next = appealDeadlines(a).sort((x, y) => x.due.localeCompare(y.due))[0];
        return {
          appeal_id: a.appealId, stream_id, decision_type: view.window!.decisionType, letter_on: view.window!.letterOn, type: a.type, stage: a.stage, registered_on: a.registeredOn, concluded_on: a.concludedOn,
          outcome: a.outcome, after_mediation: view.mediations.some((m) => m.heldOn !== null), late: a.late, grounds_decided: a.groundsDecided,
          next_due: next?.due ?? null, next_kind: next?.kind ?? null,
        };
      }));
      const orders = rows.flatMap(({ stream_id, view }) => view.appeals.flatMap((a) => a.orders.map((o) => ({
        stream_id, order_id: o.orderId, appeal_id: a.appealId, kind: o.kind, ordered_on: o.orderedOn, concession: o.concession, complied_on: o.compliedOn,
        complied_on_time: o.compliedOnTime, excepted: o.exception !== null, final_due: finalDue(o.steps),
      }))));
      await insertAll(tx, t('rm_mediations'), mediations, 'mediation_id text, stream_id text, decision_type text, requested_on date, wants_mediation boolean, health_involved boolean, status text, mediation_due date, held_on date, certificate_on date, certificate_after text, screening_outcome text');
      await insertAll(tx, t('rm_appeals'), appeals, 'appeal_id text, stream_id text, decision_type text, letter_on date, type text, stage text, registered_on date, concluded_on date, outcome text, after_mediation boolean, late boolean, grounds_decided jsonb, next_due date, next_kind text');
      await insertAll(tx, t('rm_orders'), orders, 'stream_id text, order_id text, appeal_id text, kind text, ordered_on date, concession boolean, complied_on date, complied_on_time boolean, excepted boolean, final_due date');
    },
  };
}

async function insertAll(tx: EntityManager, table: string, rows: Record<string, unknown>[], typed: string): Promise<void> {
  if (rows.length === 0) return;
  const columns = typed.split(',').map((c) => c.trim().split(' ')[0]);
  await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.map((c) => `x.${c}`).join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${typed})`, [JSON.stringify(rows)]);
}
