import { onOrBefore } from '@ehc/domain-kernel';
import type { PlanState } from './plan-state';

/** The API's names of the plan commands (POST /annual-reviews/{planId}/<name>), in the order a caseworker meets them. */
export type StepName =
  | 'schedule-meeting' | 'hold-meeting' | 'receive-report' | 'decide'
  | 'issue-amendment-notice' | 'record-representations' | 'hold-amendment-meeting' | 'issue-amended-plan' | 'decide-not-to-amend'
  | 'record-post-16-transfer'
  | 'agree-dual-registration' | 'submit-provision-form' | 'submit-transport-form' | 'hold-transition-review' | 'end-dual-registration'
  | 'propose-cease' | 'decide-not-to-cease' | 'cease' | 'record-cease-mediation-certificate' | 'record-cease-appeal'
  | 'record-cease-appeal-outcome' | 'cease-plan'
  | 'record-needs-profile' | 'add-note' | 'reassign' | 'close';

/**
 * What the plan allows now: the commands whose stage and state `decide` accepts (the dates and
 * fields typed in can still break a rule: a representations window still open, an appeal window
 * not yet closed). The workspace offers these, and only these, as forms.
 */
export function nextSteps(state: PlanState): StepName[] {
  // a plan not entered, ceased or closed takes no command (NoPlanOnFile, PlanCeased, PlanClosed)
  if (state.stage !== 'maintained') return [];
  const steps: StepName[] = [];
  const { review, cease, dualRegistration: dual } = state;

  // the review cycle (reg 20): a meeting may be rescheduled until it is held
  if (!review?.heldOn) steps.push('schedule-meeting');
  if (review && !review.heldOn) steps.push('hold-meeting');
  if (review?.heldOn && !review.reportReceived) steps.push('receive-report');
  if (review?.heldOn && !review.decision) steps.push('decide');

  // the amendment (reg 22)
  if (review?.decision?.outcome === 'amend' && !review.amendment) steps.push('issue-amendment-notice');
  const amendment = review?.amendment;
  if (amendment) {
    steps.push('record-representations');
    if (amendment.meetingRequested && !amendment.meetingHeld) steps.push('hold-amendment-meeting');
  }
  // reg 44(2): an amendment the tribunal ordered is issued with no notice, and never decided against
  if (amendment || state.orderedAmendment) steps.push('issue-amended-plan');
  if (amendment) steps.push('decide-not-to-amend');
  // reg 18(2): a move between post-16 institutions may be recorded at any time
  steps.push('record-post-16-transfer');

  // dual registration (local protocol): from a special school, one at a time
  const special = state.namedSetting?.type === 'special' || state.namedSetting?.type === 'independent-special';
  if (!dual && special) steps.push('agree-dual-registration');
  if (dual) {
    steps.push('submit-provision-form', 'submit-transport-form', 'hold-transition-review');
    // its outcome is settled at the annual review held since it was agreed
    if (review?.heldOn && onOrBefore(dual.agreedOn, review.heldOn)) steps.push('end-dual-registration');
  }

  // ceasing (s.45, reg 31): consider, then decide; a decision to cease waits for its appeal window
  if (!cease) steps.push('propose-cease');
  if (cease?.stage === 'considered') steps.push('decide-not-to-cease', 'cease');
  if (cease?.stage === 'decided' && !cease.appeal) steps.push('record-cease-mediation-certificate', 'record-cease-appeal', 'cease-plan');
  if (cease?.stage === 'decided' && cease.appeal) steps.push('record-cease-appeal-outcome');

  // Valuing SEND (domain §8): re-rated in the review cycle at any time
  return [...steps, 'record-needs-profile', 'add-note', 'reassign', 'close'];
}
