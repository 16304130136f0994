import { addDays, type CalendarDate } from '@ehc/domain-kernel';
import type { ReviewOutcome } from './events';

/** s.51 (domain §3.1): a decision to maintain or to cease is appealable; a decision to amend is not (the amended plan is). */
export const reviewDecisionIsAppealable = (outcome: ReviewOutcome): boolean => outcome !== 'amend';

/**
 * The plan is maintained until the appeal window closes (domain §4): the appeal deadline is the last
 * day the tribunal can receive an appeal, so the plan can be ceased from the day after.
 */
export const planMayBeCeasedFrom = (appealWindowEndsOn: CalendarDate): CalendarDate => addDays(appealWindowEndsOn, 1);
