import type { CaseState } from './case-state';

/** The API's names of the commands (POST /needs-assessments/{id}/<name>), in the order a caseworker meets them. */
export type StepName =
  | 'decide-to-assess' | 'refuse-assessment' | 'request-advice' | 'record-advice' | 'record-exception'
  | 'decide-not-to-issue' | 'issue-draft-plan' | 'record-parent-response' | 'hold-draft-plan-meeting'
  | 'consult-setting' | 'record-setting-response' | 'issue-final-plan' | 'record-needs-profile'
  | 'add-note' | 'reassign' | 'withdraw' | 'close';

/**
 * What the case allows now: the commands whose stage and state `decide` accepts (the dates and
 * fields typed in can still break a rule). The workspace offers these, and only these, as forms.
 */
export function nextSteps(state: CaseState): StepName[] {
  const steps: StepName[] = [];
  // a case on a tribunal order's clock takes neither a refusal nor a reg 10(4) exception (its reg 44(3) ones go with the order)
  const unlessOrdered = (named: StepName[]): StepName[] => (state.order ? [] : named);
  const always: StepName[] = ['record-needs-profile', 'add-note', 'reassign'];
  switch (state.stage) {
    case 'none':
    case 'withdrawn':
    case 'closed':
      return [];
    case 'awaiting-decision':
      // reg 44(2)(a): under an order to assess, the decision is already made: the LA notifies it
      steps.push('decide-to-assess', ...unlessOrdered(['refuse-assessment', 'record-exception']));
      break;
    case 'assessing':
      steps.push('request-advice');
      if (state.advice.some((a) => !a.received)) steps.push('record-advice');
      steps.push(...unlessOrdered(['record-exception']), 'issue-draft-plan', 'decide-not-to-issue');
      break;
    case 'drafting':
      // reg 44(2)(b): ordered to make and maintain a plan, the draft is the next step
      if (state.advice.some((a) => !a.received)) steps.push('record-advice');
      steps.push('issue-draft-plan');
      break;
    case 'draft-issued': {
      if (state.advice.some((a) => !a.received)) steps.push('record-advice');
      steps.push(...unlessOrdered(['record-exception']), 'issue-draft-plan', 'record-parent-response');
      if (state.draft?.meetingRequested && !state.draft.meetingHeld) steps.push('hold-draft-plan-meeting');
      steps.push('consult-setting');
      if (state.consultations.some((c) => !c.responded)) steps.push('record-setting-response');
      steps.push('issue-final-plan');
      break;
    }
    case 'refused':
    case 'no-plan':
    case 'plan-issued':
      if (state.advice.some((a) => !a.received)) steps.push('record-advice');
      if (state.consultations.some((c) => !c.responded)) steps.push('record-setting-response');
      return [...steps, ...always, 'close'];
  }
  return [...steps, ...always, 'withdraw', 'close'];
}
