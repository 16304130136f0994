import type { Static } from '@sinclair/typebox';
import { CalendarDate, Closed, OneOf } from '@ehc/contracts/common';
import { orderReference, type OrderStepV1 } from '@ehc/contracts/tribunal';
import { CaseId, PersonId } from './ids';

export const TRIBUNAL_ORDER_STEP_COMPLETED_V1 = 'needs-assessment.TribunalOrderStepCompleted.v1';

/** The steps of an order (the tribunal contract's ORDER_STEPS) an assessment case completes: reg 44(2)(a), (b). */
export const CASE_ORDER_STEPS = ['notify', 'decision-not-to-issue', 'draft-plan', 'final-plan'] as const satisfies readonly OrderStepV1[];

/**
 * A step of a tribunal order (`tribunal.TribunalOrderMade.v1`) done on the case: the decision to
 * assess notified (notify), a decision not to issue a plan, a draft or the final plan issued. The
 * tribunal service closes the step's compliance deadline from it.
 */
export const tribunalOrderStepCompletedV1Schema = Closed({
  caseId: CaseId,
  childId: PersonId(),
  ...orderReference,
  step: OneOf(CASE_ORDER_STEPS),
  completedOn: CalendarDate({ description: 'The day the step was done: the decision\'s date, or the day the plan was issued.' }),
}, {
  $id: TRIBUNAL_ORDER_STEP_COMPLETED_V1,
  description: 'A step of a tribunal order done on an EHC needs assessment case (reg 44(2)): for the tribunal service\'s compliance deadline.',
});
export type TribunalOrderStepCompletedV1 = Static<typeof tribunalOrderStepCompletedV1Schema>;
