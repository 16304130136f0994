import { complianceDeadlines, onOrBefore, type AppealType, type CalendarDate, type TribunalOrderKind } from '@ehc/domain-kernel';
import type { AppealOutcome, Order, OrderStep, OrderStepDue } from './events';
import type { OrderState } from './disagreement-state';

/*
 * The orders an appeal can end in (domain §3.4) and their reg 44 steps. An order must fit what was
 * appealed: an order to assess answers a refusal to assess, an order to amend a plan's contents.
 */

const FITTING: Readonly<Record<AppealType, readonly TribunalOrderKind[]>> = {
  'refusal-to-assess': ['assess-or-reassess'],
  'refusal-to-reassess': ['assess-or-reassess'],
  'refusal-to-issue': ['make-and-maintain-plan'],
  contents: ['amend-special-educational-provision', 'amend-provision-and-section-i', 'amend-section-i-only'],
  'section-i-only': ['amend-section-i-only'],
  'refusal-to-amend': ['amend-special-educational-provision', 'amend-provision-and-section-i', 'amend-section-i-only'],
  cease: ['cease-decision-overturned', 'cease-appeal-dismissed'],
};

/** Can this order end an appeal of this type? */
export const orderFitsAppeal = (kind: TribunalOrderKind, type: AppealType): boolean => FITTING[type].includes(kind);

/**
 * The order an allowed (or conceded) appeal brings when the tribunal's order leaves no choice: to
 * assess after a refusal, to make a plan after a refusal to issue, to keep a plan a cease decision
 * would end. An appeal about a plan's contents names what is to be amended, so it has no default.
 */
export const ORDER_FOLLOWING_ALLOWED_APPEAL: Readonly<Partial<Record<AppealType, TribunalOrderKind>>> = {
  'refusal-to-assess': 'assess-or-reassess',
  'refusal-to-reassess': 'assess-or-reassess',
  'refusal-to-issue': 'make-and-maintain-plan',
  'section-i-only': 'amend-section-i-only',
  cease: 'cease-decision-overturned',
};

/** Outcomes that can carry orders to change what the LA decided. */
export const outcomeCanOrder = (outcome: AppealOutcome): boolean => outcome === 'allowed' || outcome === 'allowed-in-part' || outcome === 'consent-order';

/** reg 44(2) as steps, each with its due date, from the order (or the reg 45 concession). */
export function orderSteps(kind: TribunalOrderKind, orderedOn: CalendarDate, amendmentOrdered: boolean): OrderStepDue[] {
  const d = complianceDeadlines(kind, orderedOn);
  switch (d.kind) {
    case 'assess-or-reassess':
      return [{ step: 'notify', dueBy: d.notifyBy }, { step: 'decision-not-to-issue', dueBy: d.decisionNotToIssueBy }, { step: 'final-plan', dueBy: d.finalPlanBy }];
    case 'make-and-maintain-plan':
      return [{ step: 'draft-plan', dueBy: d.draftPlanBy }, { step: 'final-plan', dueBy: d.finalPlanBy }];
    case 'amend-special-educational-provision':
    case 'amend-section-i-only':
    case 'amend-provision-and-section-i':
      return [{ step: 'amended-plan', dueBy: d.amendedPlanBy }];
    case 'cease-decision-overturned':
      return [{ step: 'continue-maintaining', dueBy: d.continueMaintainingFrom }, ...(amendmentOrdered ? [{ step: 'amended-plan' as const, dueBy: d.amendedPlanByIfOrdered }] : [])];
    case 'cease-appeal-dismissed':
      return [{ step: 'plan-ceased', dueBy: d.planCeasesOn }];
  }
}

export const makeOrder = (orderId: string, kind: TribunalOrderKind, orderedOn: CalendarDate, concession: boolean, amendmentOrdered: boolean): Order =>
  ({ orderId, kind, orderedOn, concession, amendmentOrdered, steps: orderSteps(kind, orderedOn, amendmentOrdered) });

/** An order to assess ends with either outcome of the assessment: a decision not to issue, or the final plan. */
export const assessmentEnded = (order: OrderState): boolean =>
  order.kind === 'assess-or-reassess' && order.completed.some((c) => c.step === 'decision-not-to-issue' || c.step === 'final-plan');

/** When is an order complied with? An order to assess when the assessment has ended; the others when every step they name is done. */
export function orderCompliedWith(order: OrderState): boolean {
  if (order.kind === 'assess-or-reassess') return assessmentEnded(order);
  const done = new Set<OrderStep>(order.completed.map((c) => c.step));
  return order.steps.every((s) => done.has(s.step));
}

/** Complied on time: every step done was done by its date. */
export const compliedOnTime = (order: OrderState): boolean =>
  order.completed.every((c) => { const due = order.steps.find((s) => s.step === c.step)?.dueBy; return !due || onOrBefore(c.on, due); });
