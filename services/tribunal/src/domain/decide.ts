import {
  appealDeadline, appealTypesFor, appealableSection, certificateAfterDeclineDueBy, certificateAfterMediationDueBy, certificateNeededFor,
  certificateWhenMediationNotArrangedDueBy, complianceExceptionApplies, fail as failWith, icbNotificationDueBy, isBefore, laResponseDueBy, maxDate, mediationContactDeadline,
  mediationMustTakePlaceBy, ok, onOrBefore, recommendationResponseDueBy, recommendationSection, type CalendarDate, type PlanSection, type Result,
} from '@ehc/domain-kernel';
import type { Command } from './commands';
import type { Event, GroundDecided, LetterKind, Order, OrderStep } from './events';
import {
  allOrders, appealDueBy, appealIsOpen, certificateOn, openMediation, standingAppeal, type AppealState, type DisagreementState, type MediationState, type OrderState, type WindowState,
} from './disagreement-state';
import { compliedOnTime, makeOrder, ORDER_FOLLOWING_ALLOWED_APPEAL, orderCompliedWith, orderFitsAppeal, outcomeCanOrder } from './orders';

export type RuleBroken =
  // 409: the disagreement's state does not allow it
  | 'WindowAlreadyOpen' | 'NoAppealWindow' | 'MediationAlreadyRequested' | 'AppealAlreadyRegistered' | 'NoSuchMediation' | 'CertificateOnlyRequested'
  | 'HealthNotInvolved' | 'HealthBodyAlreadyNotified' | 'AlreadyScreened' | 'MediationEnded' | 'MediationNotArranged' | 'MediationAlreadyHeld'
  | 'MediationNotHeld' | 'AgreementAlreadyRecorded' | 'MediationNotEnded' | 'NoSuchAppeal' | 'AppealConcluded' | 'ResponseAlreadySent'
  | 'NoRecommendations' | 'RecommendationsAlreadyAnswered' | 'StepAlreadyCompleted' | 'OrderAlreadyCompliedWith' | 'ExceptionAlreadyApplied'
  // 422: the request breaks a rule on its own terms
  | 'DateInFuture' | 'DateBeforeLetter' | 'CertificateBeforeLetter' | 'DateBeforeRequest' | 'DateBeforeArranged' | 'TakesPlaceBeforeArranged'
  | 'DateBeforeHeld' | 'ActionDueBeforeAgreement' | 'DateBeforeRegistration' | 'AppealTypeNotForDecision' | 'GroundsNotAppealable'
  | 'AppealOutOfTime' | 'DateBeforeAppealSent' | 'HearingBeforeListing' | 'OrdersNeedAnAllowedAppeal' | 'OrderNotForAppealType' | 'OrderRequired'
  | 'UnknownOrder' | 'StepNotInOrder' | 'DateBeforeOrder' | 'NoComplianceException';

type Decision = Result<Event[], RuleBroken>;
const fail = (rule: RuleBroken): Decision => failWith(rule);

export function decide(command: Command, state: DisagreementState): Decision {
  const today = command.data.today;
  if (command.type === 'OpenAppealWindow') {
    const d = command.data;
    if (state.window) return fail('WindowAlreadyOpen');
    if (!onOrBefore(d.letterOn, today)) return fail('DateInFuture');
    if (d.certificateOn !== null && !onOrBefore(d.certificateOn, today)) return fail('DateInFuture');
    if (d.certificateOn !== null && isBefore(d.certificateOn, d.letterOn)) return fail('CertificateBeforeLetter');
    return ok([{
      type: 'AppealWindowOpened',
      data: {
        decisionId: d.decisionId, source: d.source, childId: d.childId, decisionType: d.decisionType, letterOn: d.letterOn, letterId: d.letterId, recipient: d.recipient,
        openedBy: d.openedBy, certificateOn: d.certificateOn, mediationContactDueBy: mediationContactDeadline(d.letterOn), appealDueBy: appealDeadline(d.letterOn, d.certificateOn),
      },
    }]);
  }
  const window = state.window;
  if (!window) return fail('NoAppealWindow');
  const on = effectiveDate(command);
  if (!onOrBefore(on, today)) return fail('DateInFuture');
  if (isBefore(on, window.letterOn)) return fail('DateBeforeLetter');
  switch (command.type) {
    case 'RequestMediation':
    case 'NotifyHealthBody':
    case 'ScreenMediationRequest':
    case 'ArrangeMediation':
    case 'RecordMediationNotArranged':
    case 'HoldMediation':
    case 'RecordMediationAgreement':
    case 'IssueMediationCertificate':
    case 'WithdrawMediation':
      return decideOnMediation(command, state, window, on);
    default:
      return decideOnAppeal(command, state, window, on);
  }
}

function effectiveDate(command: Exclude<Command, { type: 'OpenAppealWindow' }>): CalendarDate {
  switch (command.type) {
    case 'RequestMediation': return command.data.requestedOn;
    case 'RegisterAppeal': return command.data.registeredOn;
    default: return command.data.on;
  }
}

type MediationCommand = Extract<Command, { type: 'RequestMediation' | 'NotifyHealthBody' | 'ScreenMediationRequest' | 'ArrangeMediation' | 'RecordMediationNotArranged' | 'HoldMediation' | 'RecordMediationAgreement' | 'IssueMediationCertificate' | 'WithdrawMediation' }>;

function decideOnMediation(command: MediationCommand, state: DisagreementState, window: WindowState, on: CalendarDate): Decision {
  if (command.type === 'RequestMediation') {
    const d = command.data;
    if (openMediation(state)) return fail('MediationAlreadyRequested');
    if (standingAppeal(state)) return fail('AppealAlreadyRegistered');
    return ok([{
      type: 'MediationRequested',
      data: {
        mediationId: d.mediationId, requestedOn: on, wantsMediation: d.wantsMediation, healthInvolved: d.healthInvolved, issuesDocumentId: d.issuesDocumentId,
        withinContactWindow: onOrBefore(on, window.mediationContactDueBy),
        // the LA is told of the issues when the family asks to mediate: the ICB within 3 working days of that
        healthNotificationDueBy: d.wantsMediation && d.healthInvolved ? icbNotificationDueBy(on) : null,
        mediationDueBy: d.wantsMediation ? mediationMustTakePlaceBy(on) : null,
        certificateDueBy: d.wantsMediation ? null : certificateAfterDeclineDueBy(on),
      },
    }]);
  }
  const m = state.mediations.find((x) => x.mediationId === command.data.mediationId);
  if (!m) return fail('NoSuchMediation');
  if (isBefore(on, m.requestedOn)) return fail('DateBeforeRequest');
  const id = m.mediationId;
  const ended = m.status === 'certificate-issued' || m.status === 'withdrawn' || (m.status === 'resolved' && command.type !== 'IssueMediationCertificate');
  switch (command.type) {
    case 'NotifyHealthBody':
      if (!m.healthInvolved || !m.wantsMediation) return fail('HealthNotInvolved');
      if (m.healthNotifiedOn) return fail('HealthBodyAlreadyNotified');
      return ok([{ type: 'HealthBodyNotified', data: { mediationId: id, notifiedOn: on, withinTime: onOrBefore(on, m.healthNotificationDueBy!) } }]);
    case 'ScreenMediationRequest':
      if (!m.wantsMediation) return fail('CertificateOnlyRequested');
      if (ended) return fail('MediationEnded');
      // screening tries to settle it before mediation is arranged; it never stops the 30-day clock (domain §3.2, §11.9)
      if (m.status !== 'requested') return fail('AlreadyScreened');
      return ok([{ type: 'MediationRequestScreened', data: { mediationId: id, screenedOn: on, outcome: command.data.outcome } }]);
    case 'ArrangeMediation': {
      if (!m.wantsMediation) return fail('CertificateOnlyRequested');
      if (ended) return fail('MediationEnded');
      if (m.status === 'held') return fail('MediationAlreadyHeld');
      const takesPlaceOn = command.data.takesPlaceOn;
      if (isBefore(takesPlaceOn, on)) return fail('TakesPlaceBeforeArranged');
      // arranging again (a new date) is allowed until it is held
      return ok([
        { type: 'MediationArranged', data: { mediationId: id, arrangedOn: on, takesPlaceOn, withinThirtyDays: onOrBefore(takesPlaceOn, m.mediationDueBy!) } },
        letter(state, window, 'mediation-arranged', on, id),
      ]);
    }
    case 'RecordMediationNotArranged':
      if (!m.wantsMediation) return fail('CertificateOnlyRequested');
      if (ended) return fail('MediationEnded');
      if (m.status === 'held') return fail('MediationAlreadyHeld');
      if (m.status === 'not-arranged') return fail('MediationNotArranged');
      return ok([{ type: 'MediationNotArranged', data: { mediationId: id, on, certificateDueBy: certificateWhenMediationNotArrangedDueBy(on) } }]);
    case 'HoldMediation':
      if (ended) return fail('MediationEnded');
      if (m.status === 'held') return fail('MediationAlreadyHeld');
      if (m.status !== 'arranged') return fail('MediationNotArranged');
      if (isBefore(on, m.arrangedOn!)) return fail('DateBeforeArranged');
      return ok([{ type: 'MediationHeld', data: { mediationId: id, heldOn: on, withinThirtyDays: onOrBefore(on, m.mediationDueBy!), certificateDueBy: certificateAfterMediationDueBy(on) } }]);
    case 'RecordMediationAgreement': {
      if (m.heldOn === null) return fail('MediationNotHeld');
      if (m.agreement) return fail('AgreementAlreadyRecorded');
      if (isBefore(on, m.heldOn)) return fail('DateBeforeHeld');
      if (command.data.actionsDueBy.some((due) => isBefore(due, on))) return fail('ActionDueBeforeAgreement');
      const actions = command.data.actionsDueBy.map((dueBy, i) => ({ actionId: `action-${i + 1}`, dueBy }));
      return ok([{ type: 'MediationAgreementRecorded', data: { mediationId: id, agreedOn: on, actions, termsDocumentId: command.data.termsDocumentId } }]);
    }
    case 'IssueMediationCertificate': {
      if (m.status === 'certificate-issued' || m.status === 'withdrawn') return fail('MediationEnded');
      const after = certificateTrigger(m);
      if (!after) return fail('MediationNotEnded');
      if (isBefore(on, after.from)) return fail(after.from === m.heldOn ? 'DateBeforeHeld' : 'DateBeforeRequest');
      const certificate = maxDate(on, certificateOn(state) ?? on);
      return ok([{
        type: 'MediationCertificateIssued',
        data: { mediationId: id, issuedOn: on, after: after.after, dueBy: m.certificateDueBy, onTime: m.certificateDueBy === null || onOrBefore(on, m.certificateDueBy), appealDueBy: appealDueBy(window, certificate) },
      }]);
    }
    case 'WithdrawMediation':
      if (ended) return fail('MediationEnded');
      // once held, the mediation has ended: the certificate follows
      if (m.status === 'held') return fail('MediationAlreadyHeld');
      return ok([{ type: 'MediationWithdrawn', data: { mediationId: id, withdrawnOn: on } }]);
  }
}

/** What a certificate follows, and the day from which it may be issued (regs 34, 37, 39). */
function certificateTrigger(m: MediationState): { after: 'declined' | 'mediation-ended' | 'not-arranged' | 'screening'; from: CalendarDate } | null {
  if (!m.wantsMediation) return { after: 'declined', from: m.requestedOn };
  if (m.status === 'held') return { after: 'mediation-ended', from: m.heldOn! };
  if (m.status === 'not-arranged') return { after: 'not-arranged', from: m.notArrangedOn! };
  if (m.status === 'resolved') return { after: 'screening', from: m.screenedOn! };
  return null;
}

type AppealCommand = Extract<Command, { type: 'RegisterAppeal' | 'SendAppealResponse' | 'ListHearing' | 'RecordAppealOutcome' | 'ConcedeAppeal' | 'WithdrawAppeal' | 'RespondToRecommendations' | 'RecordCompliance' | 'ApplyComplianceException' }>;

function decideOnAppeal(command: AppealCommand, state: DisagreementState, window: WindowState, on: CalendarDate): Decision {
  switch (command.type) {
    case 'RegisterAppeal':
      return registerAppeal(command, state, window, on);
    case 'RecordCompliance':
    case 'ApplyComplianceException':
      return decideOnOrder(command, state, window, on);
    default:
      break;
  }
  const a = state.appeals.find((x) => x.appealId === command.data.appealId);
  if (!a) return fail('NoSuchAppeal');
  if (isBefore(on, a.registeredOn)) return fail('DateBeforeRegistration');
  const id = a.appealId;
  if (command.type === 'RespondToRecommendations') {
    if (a.recommendationsResponseDueBy === null) return fail('NoRecommendations');
    if (a.recommendationsRespondedOn) return fail('RecommendationsAlreadyAnswered');
    return ok([
      { type: 'RecommendationsResponded', data: { appealId: id, respondedOn: on, withinTime: onOrBefore(on, a.recommendationsResponseDueBy) } },
      letter(state, window, 'recommendations-response', on, id),
    ]);
  }
  if (!appealIsOpen(a)) return fail('AppealConcluded');
  switch (command.type) {
    case 'SendAppealResponse':
      if (a.responseSentOn) return fail('ResponseAlreadySent');
      if (isBefore(on, a.sentToLaOn)) return fail('DateBeforeAppealSent');
      return ok([{ type: 'AppealResponseSent', data: { appealId: id, sentOn: on, withinTime: onOrBefore(on, a.laResponseDueBy) } }]);
    case 'ListHearing':
      if (isBefore(command.data.hearingOn, on)) return fail('HearingBeforeListing');
      return ok([{ type: 'HearingListed', data: { appealId: id, listedOn: on, hearingOn: command.data.hearingOn } }]);
    case 'RecordAppealOutcome': {
      const d = command.data;
      const orders = ordersOf(a, d.orders, d.outcome, state, on, false);
      if (!orders.ok) return orders;
      const recommendations = d.grounds.some((g: GroundDecided) => g.outcome === 'recommendation-made');
      return ok([{
        type: 'AppealDecided',
        data: { appealId: id, decidedOn: on, outcome: d.outcome, grounds: d.grounds, orders: orders.value, recommendationsResponseDueBy: recommendations ? recommendationResponseDueBy(on) : null, costs: d.costs },
      }]);
    }
    case 'ConcedeAppeal': {
      // reg 45: the LA tells the tribunal it will not oppose; the reg 44 periods run from that day
      const orders = ordersOf(a, command.data.orders, 'allowed', state, on, true);
      if (!orders.ok) return orders;
      return ok([{ type: 'AppealConceded', data: { appealId: id, concededOn: on, orders: orders.value } }]);
    }
    case 'WithdrawAppeal':
      return ok([{ type: 'AppealWithdrawn', data: { appealId: id, withdrawnOn: on } }]);
  }
}

function registerAppeal(command: Extract<Command, { type: 'RegisterAppeal' }>, state: DisagreementState, window: WindowState, on: CalendarDate): Decision {
  const d = command.data;
  if (standingAppeal(state)) return fail('AppealAlreadyRegistered');
  if (!appealTypesFor(window.decisionType).includes(d.type)) return fail('AppealTypeNotForDecision');
  const grounds = d.type === 'section-i-only' && d.grounds.length === 0 ? [{ section: 'I' as const }] : d.grounds;
  if (!groundsFit(d.type, grounds.map((g) => g.section))) return fail('GroundsNotAppealable');
  const sentToLaOn = d.sentToLaOn ?? on;
  if (isBefore(sentToLaOn, on)) return fail('DateBeforeRegistration');
  // an appeal about section I only needs no certificate, so its deadline runs from the letter alone
  const certificate = certificateNeededFor(d.type) ? certificateOn(state) : null;
  const late = isBefore(appealDueBy(window, certificate), on);
  if (late && !d.lateAppealAdmitted) return fail('AppealOutOfTime');
  return ok([{
    type: 'AppealRegistered',
    data: {
      appealId: d.appealId, registeredOn: on, type: d.type, grounds, lateAppealAdmitted: d.lateAppealAdmitted, late, certificateOnFile: certificateOn(state) !== null,
      sentToLaOn, laResponseDueBy: laResponseDueBy(sentToLaOn, d.responseWorkingDays),
    },
  }]);
}

/**
 * s.51: a plan's appeal is about B, F or I; health and social care (C, D, G, H1, H2) only alongside
 * one of them; an appeal about section I only is about I. A refusal or a cease decision is appealed
 * as a whole: sections, if given, are the ones in dispute.
 */
function groundsFit(type: AppealState['type'], sections: readonly PlanSection[]): boolean {
  if (sections.some((s) => !appealableSection(s) && !recommendationSection(s))) return false;
  const appealable = sections.filter(appealableSection);
  if (type === 'section-i-only') return sections.length > 0 && sections.every((s) => s === 'I');
  if (type === 'contents') return appealable.length > 0;
  return sections.length === 0 || appealable.length > 0;
}

function ordersOf(a: AppealState, asked: { kind: Order['kind']; amendmentOrdered: boolean }[], outcome: Parameters<typeof outcomeCanOrder>[0], state: DisagreementState, on: CalendarDate, concession: boolean): Result<Order[], RuleBroken> {
  let kinds = asked;
  if (kinds.length === 0) {
    if (outcome === 'dismissed' && a.type === 'cease') kinds = [{ kind: 'cease-appeal-dismissed', amendmentOrdered: false }];
    else if (outcomeCanOrder(outcome)) {
      const following = ORDER_FOLLOWING_ALLOWED_APPEAL[a.type];
      if (!following) return failWith<RuleBroken>('OrderRequired');
      kinds = [{ kind: following, amendmentOrdered: false }];
    }
  } else {
    const dismissedCease = outcome === 'dismissed' && kinds.every((k) => k.kind === 'cease-appeal-dismissed');
    if (!outcomeCanOrder(outcome) && !dismissedCease) return failWith<RuleBroken>('OrdersNeedAnAllowedAppeal');
  }
  if (kinds.some((k) => !orderFitsAppeal(k.kind, a.type))) return failWith<RuleBroken>('OrderNotForAppealType');
  if (outcomeCanOrder(outcome) && kinds.some((k) => k.kind === 'cease-appeal-dismissed')) return failWith<RuleBroken>('OrderNotForAppealType');
  return ok(kinds.map((k, i) => makeOrder(`order-${state.ordersMade + i + 1}`, k.kind, on, concession, k.amendmentOrdered)));
}

function decideOnOrder(command: Extract<Command, { type: 'RecordCompliance' | 'ApplyComplianceException' }>, state: DisagreementState, window: WindowState, on: CalendarDate): Decision {
  const o: OrderState | undefined = allOrders(state).find((x) => x.orderId === command.data.orderId);
  if (!o) return fail('UnknownOrder');
  if (isBefore(on, o.orderedOn)) return fail('DateBeforeOrder');
  if (command.type === 'ApplyComplianceException') {
    if (o.compliedOn) return fail('OrderAlreadyCompliedWith');
    if (o.exception) return fail('ExceptionAlreadyApplied');
    if (!complianceExceptionApplies(command.data.reason, command.data.absenceDays ?? undefined)) return fail('NoComplianceException');
    return ok([{ type: 'ComplianceExceptionApplied', data: { orderId: o.orderId, appliedOn: on, reason: command.data.reason } }]);
  }
  const step: OrderStep = command.data.step;
  if (!o.steps.some((s) => s.step === step)) return fail('StepNotInOrder');
  if (o.completed.some((c) => c.step === step)) return fail('StepAlreadyCompleted');
  const completed: Event = { type: 'OrderStepCompleted', data: { orderId: o.orderId, step, completedOn: on, by: command.data.by } };
  const after: OrderState = { ...o, completed: [...o.completed, { step, on, by: command.data.by }] };
  if (o.compliedOn || !orderCompliedWith(after)) return ok([completed]);
  return ok([
    completed,
    { type: 'OrderCompliedWith', data: { orderId: o.orderId, compliedOn: on, onTime: compliedOnTime(after), excepted: o.exception !== null } },
    letter(state, window, 'compliance-confirmed', on, o.orderId),
  ]);
}

function letter(state: DisagreementState, window: WindowState, kind: LetterKind, sentOn: CalendarDate, about: string): Event {
  return { type: 'LetterSent', data: { letterId: `letter-${state.letters.length + 1}`, kind, recipient: window.recipient, sentOn, about } };
}

