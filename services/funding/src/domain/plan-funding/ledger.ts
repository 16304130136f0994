import { maxDate, type CalendarDate } from '@ehc/domain-kernel';
import { commitmentLines, isPaidBy, ledgerOf, reschedule, type LedgerLine, type PaymentCadence } from '@ehc/money';
import { commitmentsOf } from './commitments';
import type { Event, SettingType } from './events';
import { evolve, initialState, type PlanFundingState } from './state';

/** The events that change what the top-up commits (a direct payment is the family's, not a setting's). */
export const CHANGES_COMMITMENTS = new Set<Event['type']>(['TopUpAgreed', 'BandChanged', 'TopUpRateChanged', 'TopUpEnded', 'DualRegistrationFundingReleased', 'DualRegistrationFundingEnded']);

/** The plan's funding after each recorded change to its commitments, with the day it was recorded. */
export function commitmentChanges(events: Event[]): CommitmentChange[] {
  const changes: CommitmentChange[] = [];
  let state = initialState();
  for (const event of events) {
    state = evolve(state, event);
    if (!CHANGES_COMMITMENTS.has(event.type)) continue;
    const recordedOn = (event.data as { recordedOn: CalendarDate }).recordedOn;
    // the days are the clock's, so they only move forward; a change recorded with an earlier one is taken as of the later
    const last = changes[changes.length - 1];
    const on = last ? maxDate(last.recordedOn, recordedOn) : recordedOn;
    if (last && last.recordedOn === on) changes[changes.length - 1] = { recordedOn: on, state };
    else changes.push({ recordedOn: on, state });
  }
  return changes;
}

/** A change as the money rules see it: the day it was recorded and the lines its commitments come to, open-ended ones to `horizon`. */
export type CommitmentChange = { recordedOn: CalendarDate; state: PlanFundingState };
type Cadences = { cadenceOf: (settingType: SettingType) => PaymentCadence; typeOf: (payee: string) => SettingType };

const targetOf = ({ recordedOn, state }: CommitmentChange, horizon: CalendarDate, { cadenceOf, typeOf }: Cadences) =>
  commitmentLines(commitmentsOf(state, maxDate(horizon, recordedOn)), (payee) => cadenceOf(typeOf(payee)));

/**
 * The plan's payment ledger: every change rescheduled in the order it was recorded, paid lines never
 * rewritten (adjustments instead). Open-ended top-ups run to the end of the financial year of
 * `horizon`: every change is scheduled to the same horizon, so a later year's lines are simply the
 * last change's.
 */
export function planLedger(events: Event[], horizon: CalendarDate, cadenceOf: Cadences['cadenceOf'], typeOf: Cadences['typeOf']): LedgerLine[] {
  return ledgerOf(commitmentChanges(events).map((change) => ({ recordedOn: change.recordedOn, target: targetOf(change, horizon, { cadenceOf, typeOf }) })));
}

/** A ledger line with the day a later change replaced it before it was paid (null: it stands). */
export type LedgerEntry = LedgerLine & { supersededOn: CalendarDate | null };

/**
 * Every line the plan's ledger has ever held, each with the day it was recorded and the day a later
 * change replaced it (an unpaid line only; paid lines stand): the ledger as it stood on any date is
 * the lines recorded by then and not yet replaced. Given the plan's changes (`commitmentChanges`).
 */
export function planLedgerHistory(changes: CommitmentChange[], horizon: CalendarDate, cadences: Cadences): LedgerEntry[] {
  const replaced: LedgerEntry[] = [];
  let ledger: LedgerLine[] = [];
  for (const change of changes) {
    for (const line of ledger) if (line.kind === 'scheduled' && !isPaidBy(line, change.recordedOn)) replaced.push({ ...line, supersededOn: change.recordedOn });
    ledger = reschedule(ledger, targetOf(change, horizon, cadences), change.recordedOn);
  }
  return [...replaced, ...ledger.map((line) => ({ ...line, supersededOn: null }))];
}
