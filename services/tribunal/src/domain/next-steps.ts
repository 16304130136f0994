import type { Command } from './commands';
import { decide, type RuleBroken } from './decide';
import type { AppealState, DisagreementState, MediationState } from './disagreement-state';

/*
 * What a mediation or an appeal allows now, by its command names in the API: each asked of the
 * decider itself (with a date late enough that no date rule stands in the way), so the list can
 * never offer what the decider would refuse for the state it is in.
 */

const LATE = '2999-12-31';
const NOT_FOR_THIS_STATE: readonly RuleBroken[] = [
  'WindowAlreadyOpen', 'NoAppealWindow', 'MediationAlreadyRequested', 'AppealAlreadyRegistered', 'NoSuchMediation', 'CertificateOnlyRequested', 'HealthNotInvolved',
  'HealthBodyAlreadyNotified', 'AlreadyScreened', 'MediationEnded', 'MediationNotArranged', 'MediationAlreadyHeld', 'MediationNotHeld', 'AgreementAlreadyRecorded',
  'MediationNotEnded', 'NoSuchAppeal', 'AppealConcluded', 'ResponseAlreadySent', 'NoRecommendations', 'RecommendationsAlreadyAnswered', 'StepAlreadyCompleted',
  'OrderAlreadyCompliedWith', 'ExceptionAlreadyApplied', 'UnknownOrder', 'StepNotInOrder',
];

const allowed = (state: DisagreementState, command: Command): boolean => {
  const result = decide(command, state);
  return result.ok || !NOT_FOR_THIS_STATE.includes(result.error);
};

export function mediationNextSteps(state: DisagreementState, m: MediationState): string[] {
  const base = { mediationId: m.mediationId, on: LATE, today: LATE };
  const candidates: [string, Command][] = [
    ['notify-health', { type: 'NotifyHealthBody', data: base }],
    ['screen', { type: 'ScreenMediationRequest', data: { ...base, outcome: 'proceed' } }],
    ['arrange', { type: 'ArrangeMediation', data: { ...base, takesPlaceOn: LATE } }],
    ['record-not-arranged', { type: 'RecordMediationNotArranged', data: base }],
    ['hold', { type: 'HoldMediation', data: base }],
    ['record-agreement', { type: 'RecordMediationAgreement', data: { ...base, actionsDueBy: [], termsDocumentId: null } }],
    ['issue-certificate', { type: 'IssueMediationCertificate', data: base }],
    ['withdraw', { type: 'WithdrawMediation', data: base }],
  ];
  return candidates.filter(([, c]) => allowed(state, c)).map(([name]) => name);
}

export function appealNextSteps(state: DisagreementState, a: AppealState): string[] {
  const base = { appealId: a.appealId, on: LATE, today: LATE };
  const orders = a.orders;
  const candidates: [string, Command[]][] = [
    ['send-response', [{ type: 'SendAppealResponse', data: base }]],
    ['list-hearing', [{ type: 'ListHearing', data: { ...base, hearingOn: LATE } }]],
    ['record-outcome', [{ type: 'RecordAppealOutcome', data: { ...base, outcome: 'remitted', grounds: [], orders: [], costs: { awarded: false } } }]],
    ['concede', [{ type: 'ConcedeAppeal', data: { ...base, orders: [] } }]],
    ['withdraw', [{ type: 'WithdrawAppeal', data: base }]],
    ['respond-to-recommendations', [{ type: 'RespondToRecommendations', data: base }]],
    ['record-compliance', orders.flatMap((o) => o.steps.map((s): Command => ({ type: 'RecordCompliance', data: { orderId: o.orderId, step: s.step, on: LATE, today: LATE, by: 'recorded' } })))],
    ['apply-compliance-exception', orders.map((o): Command => ({ type: 'ApplyComplianceException', data: { orderId: o.orderId, on: LATE, today: LATE, reason: 'personal-circumstances', absenceDays: null } }))],
  ];
  return candidates.filter(([, commands]) => commands.some((c) => allowed(state, c))).map(([name]) => name);
}
