import { nameBasedUuid, ok, type CalendarDate, type Decider, type Result } from '@ehc/domain-kernel';

/*
 * The high-needs budget a financial year's forecast is read against: entered by finance or the
 * funding team, and entered again when it is revised (the last one stands; each is kept).
 */

export type Event = { type: 'HighNeedsBudgetSet'; data: { fy: string; totalPence: number; setOn: CalendarDate } };
export type Command = { type: 'SetHighNeedsBudget'; data: { fy: string; totalPence: number; today: CalendarDate } };
export interface BudgetState { fy: string | null; totalPence: number | null; setOn: CalendarDate | null; revisions: number }

export const BUDGET_SCHEMA_VERSIONS = { HighNeedsBudgetSet: 1 } as const;
/** One stream per financial year's budget, its id derived from the year. */
export const budgetStream = (fy: string): string => `highNeedsBudget-${nameBasedUuid(`ehc-hub/funding/high-needs-budget:${fy}`)}`;

export function decide(command: Command, state: BudgetState): Result<Event[], never> {
  const { fy, totalPence, today } = command.data;
  // the same figure again is no revision
  if (state.totalPence === totalPence) return ok([]);
  return ok([{ type: 'HighNeedsBudgetSet', data: { fy, totalPence, setOn: today } }]);
}
export const evolve = (state: BudgetState, event: Event): BudgetState => ({ ...event.data, revisions: state.revisions + 1 });
export const initialState = (): BudgetState => ({ fy: null, totalPence: null, setOn: null, revisions: 0 });
export const budgetDecider: Decider<Command, Event, BudgetState, never> = { decide, evolve, initialState };
