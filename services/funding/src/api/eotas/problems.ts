import { ruleProblems, type RuleAnswer } from '@ehc/http';
import type { RuleBroken } from '../../domain/eotas/eotas';

/** The one table from a broken rule to its HTTP status (STYLE §7): 404 no such package, 409 the state moved on, 422 the request breaks a rule itself. */
export const EOTAS_RULES: Record<RuleBroken, RuleAnswer> = {
  NoSuchPackage: { status: 404, title: 'No such EOTAS package' },
  PackageAlreadyProposed: { status: 409, title: 'This EOTAS package has already been proposed' },
  AlreadyApproved: { status: 409, title: 'The package has already been approved' },
  NotApproved: { status: 409, title: 'The package has not been approved: only an approved package is reviewed or ended' },
  PackageDeclined: { status: 409, title: 'The panel declined this package' },
  PackageEnded: { status: 409, title: 'The package has ended' },
  CheckAlreadyRecorded: { status: 409, title: 'That commissioning check is already recorded', field: 'check' },
  DateInFuture: { status: 422, title: 'An effective date cannot be in the future', field: 'on' },
  DateBeforeProposal: { status: 422, title: 'The date is before the package was proposed', field: 'on' },
  DateBeforeApproval: { status: 422, title: 'The date is before the package was approved', field: 'on' },
  PanelAfterDecision: { status: 422, title: 'The panel cannot sit after the decision it made', field: 'panelOn' },
  PanelBeforeProposal: { status: 422, title: 'The panel cannot have considered the package before it was proposed', field: 'panelOn' },
  ReviewDateNotAfter: { status: 422, title: 'The review date must be after the start and after the proposal', field: 'reviewDate' },
  NextReviewDateNotAfter: { status: 422, title: 'The next review must be after this one', field: 'nextReviewDate' },
  LastDayBeforeStart: { status: 422, title: 'The last day cannot be before the package starts', field: 'lastDay' },
  SignOffByProposer: { status: 422, title: 'The package must be signed off by a manager other than the officer who proposed it' },
  ChecksOutstanding: { status: 422, title: 'An unregulated provider needs every commissioning check done before sign-off (the package lists those outstanding)' },
  CostNotPositive: { status: 422, title: 'The weekly cost must be a whole number of pence, at least 1', field: 'weeklyCostPence' },
  CostChangeBeforeStart: { status: 422, title: 'A weekly cost cannot apply from before the package starts', field: 'costFrom' },
};

export const ruleProblem = ruleProblems(EOTAS_RULES);
