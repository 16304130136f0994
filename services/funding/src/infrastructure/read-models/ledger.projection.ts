import type { EntityManager } from 'typeorm';
import type { EventEnvelope, EventStore } from '@ehc/event-store';
import type { Projection } from '@ehc/messaging';
import { maxDate, type CalendarDate } from '@ehc/domain-kernel';
import { financialYearEnd, financialYearOf, nextFinancialYear, paymentPeriodOf, splitByWeights, type PaymentCadence } from '@ehc/money';
import { evolve, initialState, planFundingStream, planIdOf, PLAN_FUNDING_STREAM_PREFIX, type Event, type PlanFundingState } from '../../domain/plan-funding/plan-funding';
import { bandsOf, commitmentsOf, payeeTypes } from '../../domain/plan-funding/commitments';
import { commitmentChanges, planLedgerHistory, type CommitmentChange } from '../../domain/plan-funding/ledger';
import type { SettingType } from '../../domain/plan-funding/events';

type Cadence = (type: SettingType) => PaymentCadence;

/** The ledger covers the financial year after the latest change (or the latest start) in full: later years continue from the open commitments. */
export function ledgerHorizon(changes: CommitmentChange[]): CalendarDate | null {
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
  for (const d of [...state.pastDualRegistrations, ...(state.dualRegistration ? [state.dualRegistration] : [])]) names.set(d.mainstreamUrn, d.mainstreamName);
  return names;
}

/** The ledger rows and open commitments of one plan, from its events. */
export function planLedgerRows(planId: string, events: Event[], cadence: Cadence) {
  const changes = commitmentChanges(events);
  const horizon = ledgerHorizon(changes);
  if (!horizon) return { lines: [], open: [], years: [] };
  const finalState = events.reduce(evolve, initialState());
  const types = payeeTypes(finalState);
  const typeOf = (payee: string): SettingType => types.get(payee) ?? 'other';
  const bands = bandsOf(finalState);
  const names = payeeNames(finalState);
  const reference = finalState.reference;
  const lines = planLedgerHistory(changes, horizon, { cadenceOf: cadence, typeOf }).map((l) => ({
    plan_id: planId, reference, commitment_key: l.key, band: bands.get(l.key) ?? '', payee: l.payee, payee_name: names.get(l.payee) ?? null, payee_type: typeOf(l.payee),
    fy: l.fy, period_id: l.periodId, period_from: paymentPeriodOf(l.fy, l.periodId).from, line_from: l.from, line_to: l.to, pence: l.pence, kind: l.kind,
    recorded_on: l.recordedOn, superseded_on: l.supersededOn,
  }));
  // the open-ended top-up as each change left it, valid until the next change
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
  return { lines, open, years: visibility(planId, lines) };
}

/** The days each (year, setting type, band) of the plan had visible lines, overlapping stretches joined. */
function visibility(planId: string, lines: { fy: string; payee_type: string; band: string; recorded_on: string; superseded_on: string | null }[]) {
  const groups = new Map<string, { fy: string; payee_type: string; band: string; spans: [string, string | null][] }>();
  for (const l of lines) {
    const id = `${l.fy}\u0000${l.payee_type}\u0000${l.band}`;
    if (!groups.has(id)) groups.set(id, { fy: l.fy, payee_type: l.payee_type, band: l.band, spans: [] });
    groups.get(id)!.spans.push([l.recorded_on, l.superseded_on]);
  }
  return [...groups.values()].flatMap((g) => {
    const spans = g.spans.sort((a, b) => a[0].localeCompare(b[0]));
    const joined: [string, string | null][] = [];
    for (const [from, to] of spans) {
      const last = joined[joined.length - 1];
      if (last && (last[1] === null || from <= last[1])) last[1] = last[1] === null || to === null ? null : maxDate(last[1], to);
      else joined.push([from, to]);
    }
    return joined.map(([from, to]) => ({ plan_id: planId, fy: g.fy, payee_type: g.payee_type, band: g.band, from_day: from, to_day: to }));
  });
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
    tables: [t('rm_funding_lines'), t('rm_funding_open_commitments'), t('rm_funding_forecast_days'), t('rm_funding_forecast_months'), t('rm_funding_plan_years')],
    async applyBatch(events: EventEnvelope[], tx: EntityManager) {
      const planIds = [...new Set(events.map((e) => e.stream))].map(planIdOf);
      const rows = { lines: [] as object[], open: [] as object[], years: [] as object[] };
      for (const planId of planIds) {
        // the stream as it stands: a lagging batch writes the newer rows now, and the same again when it catches up
        const all = (await store.readStream(planFundingStream(planId))).map((e) => ({ type: e.type, data: e.data }) as Event);
        const plan = planLedgerRows(planId, all, cadence);
        rows.lines.push(...plan.lines);
        rows.open.push(...plan.open);
        rows.years.push(...plan.years);
      }
      // the forecast's sums lose the plans' old lines and gain their new ones
      await forecastSums(tx, t, planIds, -1);
      for (const table of ['rm_funding_lines', 'rm_funding_open_commitments', 'rm_funding_plan_years']) await tx.query(`DELETE FROM ${t(table)} WHERE plan_id = ANY($1::uuid[])`, [planIds]);
      await insert(tx, t('rm_funding_lines'), rows.lines, LINE_COLUMNS);
      await insert(tx, t('rm_funding_open_commitments'), rows.open, OPEN_COLUMNS);
      await insert(tx, t('rm_funding_plan_years'), rows.years, YEAR_COLUMNS);
      await forecastSums(tx, t, planIds, 1);
    },
  };
}

const LINE_COLUMNS = {
  plan_id: 'uuid', reference: 'text', commitment_key: 'text', band: 'text', payee: 'text', payee_name: 'text', payee_type: 'text', fy: 'text', period_id: 'text',
  period_from: 'date', line_from: 'date', line_to: 'date', pence: 'integer', kind: 'text', recorded_on: 'date', superseded_on: 'date',
};
const OPEN_COLUMNS = {
  plan_id: 'uuid', reference: 'text', commitment_key: 'text', band: 'text', payee: 'text', payee_name: 'text', payee_type: 'text', annual_share_pence: 'integer',
  materialised_to: 'date', recorded_on: 'date', superseded_on: 'date',
};
const YEAR_COLUMNS = { plan_id: 'uuid', fy: 'text', payee_type: 'text', band: 'text', from_day: 'date', to_day: 'date' };

/** One statement for all the rows of a batch. */
async function insert(tx: EntityManager, table: string, rows: object[], columns: Record<string, string>) {
  if (rows.length === 0) return;
  const names = Object.keys(columns);
  await tx.query(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.map((c) => `x.${c}`).join(', ')}
     FROM jsonb_to_recordset($1::jsonb) AS x(${names.map((c) => `${c} ${columns[c]}`).join(', ')})`,
    [JSON.stringify(rows)],
  );
}

/** Adds (sign 1) or takes away (sign −1) the plans' ledger lines from the forecast's sums by day and by month. */
async function forecastSums(tx: EntityManager, t: (name: string) => string, planIds: string[], sign: 1 | -1) {
  const key = 'fy, payee_type, band, period_from, kind';
  await tx.query(
    `WITH c AS (
       SELECT fy, payee_type, band, period_from, kind, recorded_on AS day, pence::bigint * $2 AS pence FROM ${t('rm_funding_lines')} WHERE plan_id = ANY($1::uuid[])
       UNION ALL
       SELECT fy, payee_type, band, period_from, kind, superseded_on, -pence::bigint * $2 FROM ${t('rm_funding_lines')} WHERE plan_id = ANY($1::uuid[]) AND superseded_on IS NOT NULL
     ), days AS (
       INSERT INTO ${t('rm_funding_forecast_days')} (${key}, day, pence) SELECT ${key}, day, sum(pence) FROM c GROUP BY ${key}, day
       ON CONFLICT (${key}, day) DO UPDATE SET pence = ${t('rm_funding_forecast_days')}.pence + EXCLUDED.pence
     )
     INSERT INTO ${t('rm_funding_forecast_months')} (${key}, month, pence) SELECT ${key}, date_trunc('month', day)::date, sum(pence) FROM c GROUP BY ${key}, date_trunc('month', day)
     ON CONFLICT (${key}, month) DO UPDATE SET pence = ${t('rm_funding_forecast_months')}.pence + EXCLUDED.pence`,
    [planIds, sign],
  );
}
