import type { Command } from './commands';
import { decide, type RuleBroken } from './decide';
import { paymentLines, type EyInclusionState } from './state';

/*
 * What an application allows now, by its command names in the API: each asked of the decider
 * itself (with a date late enough that no date rule stands in the way), so the list can never offer
 * what the decider would refuse for the state the application is in.
 */

const LATE = '2999-12-31';
const NOT_FOR_THIS_STATE: readonly RuleBroken[] = [
  'NoSuchApplication', 'ApplicationAlreadyMade', 'ApplicationWithdrawn', 'AlreadyDecided', 'AlreadyTriaged', 'AwaitingInformation', 'InformationAlreadyRequested',
  'NotAwaitingInformation', 'NotApproved', 'AlreadyPaid', 'ChildLeft', 'NoSuchPaymentLine',
];

const allowed = (state: EyInclusionState, command: Command): boolean => {
  const result = decide(command, state);
  return result.ok || !NOT_FOR_THIS_STATE.includes(result.error);
};

export function eyInclusionNextSteps(state: EyInclusionState): string[] {
  const base = { on: LATE, today: LATE };
  const candidates: [string, Command[]][] = [
    ['triage', [{ type: 'TriageEyInclusionApplication', data: base }]],
    ['request-information', [{ type: 'RequestMoreInformation', data: { ...base, questionsDocumentId: 'q' } }]],
    ['provide-information', [{ type: 'ProvideMoreInformation', data: { ...base, answerDocumentId: 'a' } }]],
    ['approve', [{ type: 'ApproveEyInclusionFunding', data: { ...base, level: 'any', hourlyPence: 1, from: LATE, to: LATE } }]],
    ['refuse', [{ type: 'RefuseEyInclusionFunding', data: { ...base, reasonsDocumentId: 'r', reasonCodes: ['other'] } }]],
    ['record-payment', paymentLines(state).map((l): Command => ({ type: 'RecordEyInclusionPayment', data: { ...base, periodId: l.periodId } }))],
    ['record-child-left', [{ type: 'RecordChildLeftSetting', data: base }]],
    ['withdraw', [{ type: 'WithdrawEyInclusionApplication', data: base }]],
  ];
  return candidates.filter(([, commands]) => commands.some((c) => allowed(state, c))).map(([name]) => name);
}
