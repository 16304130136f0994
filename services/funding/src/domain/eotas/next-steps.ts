import type { Command } from './commands';
import { decide, type RuleBroken } from './decide';
import { COMMISSIONING_CHECKS } from './events';
import type { EotasPackage } from './package-state';

/** The API's names of the commands on a package (POST /funding/eotas-packages/{id}/<name>). */
export type EotasStepName = 'record-check' | 'approve' | 'decline' | 'review' | 'end';

/*
 * What a package allows now, by its command names: each asked of the decider itself, with dates
 * late enough that no date rule stands in the way, so the list never offers what the decider would
 * refuse for the state the package is in. Outstanding checks keep 'approve' off the list.
 */

const LATE = '2999-12-30';
const LATER = '2999-12-31';
const NOT_FOR_THIS_STATE: readonly RuleBroken[] = [
  'NoSuchPackage', 'PackageAlreadyProposed', 'AlreadyApproved', 'NotApproved', 'PackageDeclined', 'PackageEnded', 'CheckAlreadyRecorded', 'ChecksOutstanding',
];

const allowed = (p: EotasPackage, command: Command): boolean => {
  const result = decide(command, p);
  return result.ok || !NOT_FOR_THIS_STATE.includes(result.error);
};

export function eotasNextSteps(p: EotasPackage): EotasStepName[] {
  const at = { on: LATE, today: LATE };
  // the sign-off is asked as someone other than the proposer: who is asking is not the package's state
  const manager = `${p.proposedBy}/another`;
  const candidates: [EotasStepName, Command[]][] = [
    ['record-check', COMMISSIONING_CHECKS.map((check): Command => ({ type: 'RecordCommissioningCheck', data: { ...at, check } }))],
    ['approve', [{ type: 'ApproveEotasPackage', data: { ...at, panelOn: LATE, signedOffBy: manager } }]],
    ['decline', [{ type: 'DeclineEotasPackage', data: { ...at, panelOn: LATE, reasonsDocumentId: null } }]],
    ['review', [{ type: 'ReviewEotasPackage', data: { ...at, weeklyCostPence: 1, costFrom: LATE, nextReviewDate: LATER, notesDocumentId: null } }]],
    ['end', [{ type: 'EndEotasPackage', data: { ...at, lastDay: LATE, reason: 'other', notesDocumentId: null } }]],
  ];
  return candidates.filter(([, commands]) => commands.some((c) => allowed(p, c))).map(([name]) => name);
}
