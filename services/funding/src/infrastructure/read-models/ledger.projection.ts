import type { EntityManager } from 'typeorm';
import type { EventEnvelope, EventStore } from '@ehc/event-store';
import type { Projection } from '@ehc/messaging';
import { maxDate, type CalendarDate } from '@ehc/domain-kernel';
import { financialYearEnd, financialYearOf, nextFinancialYear, paymentPeriodOf, splitByWeights, type PaymentCadence } from '@ehc/money';
import { evolve, initialState, planIdOf, PLAN_FUNDING_STREAM_PREFIX, type Event, type PlanFundingState } from '../../domain/plan-funding/plan-funding';
import { bandsOf, commitmentsOf, payeeTypes } from '../../domain/plan-funding/commitments';
import { commitmentChanges, planLedgerHistory } from '../../domain/plan-funding/ledger';
import type { SettingType } from '../../domain/plan-funding/events';

type Cadence = (type: SettingType) => PaymentCadence;

/** The ledger covers the financial year after the latest change (or the latest start) in full: later years continue from the open commitments. */
export function ledgerHorizon(events: Event[]): CalendarDate | null {
  const changes = commitmentChanges(events);
  if (changes.length === 0) return null;
  const last = changes[changes.length - 1];
  const latestStart = last.state.topUps.map((t) => t.from).reduce((a, b) => maxDate(a, b), last.recordedOn);
  return financialYearEnd(nextFinancialYear(financialYearOf(maxDate(last.recordedOn, latestStart))));
}

/** Who each payee is, by name, for the schedule finance reads (a setting's name, never a child's). */
function payeeNames(state: PlanFundingState): Map<string, string | null> {
  const names = new Map<string, string | null>();
  if (state.namedSetting?.urn) names.set(state.namedSetting.urn, state.namedSetting.name);
  for (const p of state.placements) if (p.settingName) names.set(p.settingUrn, p.settingName);
  if (state.dualRegistration) names.set(state.dualRegistration.mainstreamUrn, state.dualRegistration.mainstreamName);
  return names;
}

/** The ledger rows and open commitments of one plan, from its events. */
export function planLedgerRows(planId: string, events: Event[], cadence: Cadence) {
  const horizon = ledgerHorizon(events);
  if (!horizon) return { lines: [], open: [] };
  const finalState = events.reduce(evolve, initialState());
  const types = payeeTypes(finalState);
  const typeOf = (payee: string): SettingType => types.get(payee) ?? 'other';
  const bands = bandsOf(finalState);
  const names = payeeNames(finalState);
  const reference = finalState.reference;
  const lines = planLedgerHistory(events, horizon, cadence, typeOf).map((l) => ({
    plan_id: planId, reference, commitment_key: l.key, band: bands.get(l.key) ?? '', payee: l.payee, payee_name: names.get(l.payee) ?? null, payee_type: typeOf(l.payee),
    fy: l.fy, period_id: l.periodId, period_from: paymentPeriodOf(l.fy, l.periodId).from, line_from: l.from, line_to: l.to, pence: l.pence, kind: l.kind,
    recorded_on: l.recordedOn, superseded_on: l.supersededOn,
  }));
  // the open-ended top-up as each change left it, valid until the next change
  const changes = commitmentChanges(events);
  const open = changes.flatMap(({ recordedOn, state }, i) => {
    const supersededOn = changes[i + 1]?.recordedOn ?? null;
    return commitmentsOf(state, horizon)
      .filter((c) => c.to === horizon && state.topUps.find((t) => t.topUpId === c.key)?.to === null)
      .flatMap((c) => {
        const shares = splitByWeights(c.annualPence, c.shares.map((s) => s.weight));
        return c.shares.map((s, j) => ({
          plan_id: planId, reference, commitment_key: c.key, band: bands.get(c.key) ?? '', payee: s.payee, payee_name: names.get(s.payee) ?? null, payee_type: typeOf(s.payee),
          annual_share_pence: shares[j], materialised_to: horizon, recorded_on: recordedOn, superseded_on: supersededOn,
        }));
      });
  });
  return { lines, open };
}

/**
 * The payments ledger read model (see the entities): each plan whose funding changed in a batch is
 * read again from its stream and its rows replaced, in the batch's transaction. A new name is a new
 * checkpoint (rebuilt from position 0).
 */
export function ledgerProjection(schema: string, store: EventStore, cadence: Cadence): Projection {
  const t = (name: string) => `"${schema}".${name}`;
  return {
    name: 'funding.ledger.v1',
    filter: { streamPrefixes: [PLAN_FUNDING_STREAM_PREFIX] },
    tables: [t('rm_funding_lines'), t('rm_funding_open_commitments')],
    async applyBatch(events: EventEnvelope[], tx: EntityManager) {
      const streams = [...new Set(events.map((e) => e.stream))];
      for (const stream of streams) {
        const planId = planIdOf(stream);
        // the stream as it stands: a lagging batch writes the newer rows now, and the same again when it catches up
        const all = (await store.readStream(stream)).map((e) => ({ type: e.type, data: e.data }) as Event);
        const { lines, open } = planLedgerRows(planId, all, cadence);
        await tx.query(`DELETE FROM ${t('rm_funding_lines')} WHERE plan_id = $1`, [planId]);
        await tx.query(`DELETE FROM ${t('rm_funding_open_commitments')} WHERE plan_id = $1`, [planId]);
        if (lines.length) {
          await tx.query(
            `INSERT INTO ${t('rm_funding_lines')} (plan_id, reference, commitment_key, band, payee, payee_name, payee_type, fy, period_id, period_from, line_from, line_to, pence, kind, recorded_on, superseded_on)
             SELECT x.plan_id, x.reference, x.commitment_key, x.band, x.payee, x.payee_name, x.payee_type, x.fy, x.period_id, x.period_from, x.line_from, x.line_to, x.pence, x.kind, x.recorded_on, x.superseded_on
             FROM jsonb_to_recordset($1::jsonb) AS x(plan_id uuid, reference text, commitment_key text, band text, payee text, payee_name text, payee_type text, fy text, period_id text,
               period_from date, line_from date, line_to date, pence integer, kind text, recorded_on date, superseded_on date)`,
            [JSON.stringify(lines)],
          );
        }
        if (open.length) {
          await tx.query(
            `INSERT INTO ${t('rm_funding_open_commitments')} (plan_id, reference, commitment_key, band, payee, payee_name, payee_type, annual_share_pence, materialised_to, recorded_on, superseded_on)
             SELECT x.plan_id, x.reference, x.commitment_key, x.band, x.payee, x.payee_name, x.payee_type, x.annual_share_pence, x.materialised_to, x.recorded_on, x.superseded_on
             FROM jsonb_to_recordset($1::jsonb) AS x(plan_id uuid, reference text, commitment_key text, band text, payee text, payee_name text, payee_type text,
               annual_share_pence integer, materialised_to date, recorded_on date, superseded_on date)`,
            [JSON.stringify(open)],
          );
        }
      }
    },
  };
}
