import { addDays, isBefore, type CalendarDate } from './calendar-date';
import { fail, ok, type Result } from './result';

/*
 * The family's representations on a draft plan (reg 13(1)) or an amendment notice (reg 22(2)):
 * at least 15 days beginning with the day of service, so the plan may be finalised from served + 15.
 * Earlier only when the family has said in writing that it has no further representations and
 * wants no meeting, and only where local policy allows it (domain §2.4, §11). A meeting the family
 * asked for must be held before the plan is finalised, whatever the date.
 */

/** Local policy, not law: may a plan be finalised inside the 15 days on the family's final response? */
export type EarlyFinalisationPolicy = 'allowed' | 'forbidden';

export const EARLY_FINALISATION_POLICIES: readonly EarlyFinalisationPolicy[] = ['allowed', 'forbidden'];

/** The local policies a command may need, read once from the configuration and put on the command. */
export interface CommandPolicies { earlyFinalisation: EarlyFinalisationPolicy }

/** Where the family's say stands on the draft or the notice being finalised. */
export interface RepresentationsOnFile {
  servedOn: CalendarDate;
  /** The family's latest response said: no further representations, no meeting wanted. */
  finalResponse: boolean;
  meetingRequested: boolean;
  meetingHeld: boolean;
}

export type FinalisationRefusal =
  /** reg 13(1) / reg 22(2): inside the 15 days, and no final response (or policy forbids finalising on one) */
  | 'RepresentationsWindowOpen'
  /** the family asked for a meeting that has not been held */
  | 'RequestedMeetingNotHeld';

/** The first day the plan may be finalised without a final response: served + 15. */
export const representationsPeriodEndsBefore = (servedOn: CalendarDate): CalendarDate => addDays(servedOn, 15);

/** May the plan (or the amended plan, or the decision not to amend) be finalised on `on`? */
export const mayFinalise = (
  representations: RepresentationsOnFile,
  on: CalendarDate,
  policy: EarlyFinalisationPolicy,
): Result<true, FinalisationRefusal> => {
  if (representations.meetingRequested && !representations.meetingHeld) return fail('RequestedMeetingNotHeld');
  if (isBefore(on, representationsPeriodEndsBefore(representations.servedOn)) && !(representations.finalResponse && policy === 'allowed')) {
    return fail('RepresentationsWindowOpen');
  }
  return ok(true);
};
