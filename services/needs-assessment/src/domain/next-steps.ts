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
  const always: StepName[] = ['record-needs-profile', 'add-note', 'reassign'];
  switch (state.stage) {
    case 'none':
    case 'withdrawn':
    case 'closed':
      return [];
    case 'awaiting-decision':
      steps.push('decide-to-assess', 'refuse-assessment', 'record-exception');
      break;
    case 'assessing':
      steps.push('request-advice');
      if (state.advice.some((a) => !a.received)) steps.push('record-advice');
      steps.push('record-exception', 'issue-draft-plan', 'decide-not-to-issue');
      break;
    case 'draft-issued': {
      if (state.advice.some((a) => !a.received)) steps.push('record-advice');
      steps.push('record-exception', 'issue-draft-plan', 'record-parent-response');
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
