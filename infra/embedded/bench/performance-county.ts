// A synthetic county's PUBLISHED integration events over BENCH_YEARS years, for bench:performance:
// the five contracts the performance pack reads (needs-assessment, annual-review, tribunal, funding,
// surveys), each event's `data` as its contract's schema has it. Seeded: every case draws from its
// own generator (mulberry32 of the case's number), so the county is the same on every run.
//
// Each case's whole life (request, decision, plan, yearly reviews, amendments, appeals, funding,
// surveys) is drawn when its request comes in; the cases are then merged by the time the hub
// recorded each event (a k-way merge on a heap), and handed out in batches, the way a rebuild from
// event zero reads them. Only the lives of the cases begun so far are held, never the whole county.
import { addDays, addMonths, daysBetween, hash32, mulberry32, reviewDueBy, type CalendarDate } from '@ehc/domain-kernel';
import { financialYearOf, financialYearStartYear } from '@ehc/money';
import type { IntegrationEvent } from '@ehc/messaging';
import {
  DECIDED_NOT_TO_ASSESS_V1, DECIDED_NOT_TO_ISSUE_PLAN_V1, DECIDED_TO_ASSESS_V1, FINAL_PLAN_ISSUED_V1, NEEDS_ASSESSMENT_REQUESTED_V1, REQUESTERS,
  type DecisionV1, type FinalPlanIssuedV1, type NeedsAssessmentRequestedV1,
} from '@ehc/contracts/needs-assessment';
import {
  AMENDED_PLAN_ISSUED_V1, CEASE_DECISION_MADE_V1, DECIDED_NOT_TO_AMEND_V1, PLAN_CEASED_V1, REVIEW_DECISION_MADE_V1,
  type AmendedPlanIssuedV1, type CeaseDecisionMadeV1, type DecidedNotToAmendV1, type PlanCeasedV1, type ReviewDecisionMadeV1,
} from '@ehc/contracts/annual-review';
import {
  APPEAL_CONCLUDED_V1, APPEAL_REGISTERED_V1, APPEAL_WINDOW_OPENED_V1, MEDIATION_CERTIFICATE_ISSUED_V1, MEDIATION_REQUESTED_V1, ORDER_COMPLIED_WITH_V1,
  TRIBUNAL_ORDER_MADE_V1, type AppealConcludedV1, type AppealRegisteredV1, type AppealWindowOpenedV1, type DecisionTypeV1,
  type MediationCertificateIssuedV1, type MediationRequestedV1, type OrderCompliedWithV1, type TribunalOrderMadeV1,
} from '@ehc/contracts/tribunal';
import { COMMITMENT_CHANGED_V1, type CommitmentChangedV1 } from '@ehc/contracts/funding';
import { SURVEY_INVITATION_SENT_V1, SURVEY_RESPONSE_RECEIVED_V1, type RespondentRoleV1, type SurveyInvitationSentV1, type SurveyResponseReceivedV1 } from '@ehc/contracts/surveys';

export interface CountyOptions {
  /** The county's last day: nothing happens after it. */
  today: CalendarDate;
  years: number;
  requestsPerYear: number;
  /** Events per batch handed out. */
  batch: number;
}

/** What the county holds, counted as it is generated. */
export interface CountyTally {
  events: number;
  byType: Record<string, number>;
  requests: number;
  plans: number;
  lateRecorded: number;
}

type SettingType = AmendedPlanIssuedV1['namedSetting']['type'];
type Phase = AmendedPlanIssuedV1['namedSetting']['phase'];
interface Setting { urn: string; name: string; type: SettingType; phase: Phase }

/** The county's ~40 settings named in plans: six special schools among them. */
export const SETTINGS: readonly Setting[] = [
  ...['Oakfield', 'Riverside', 'Hillcrest', 'Meadowbank', 'Brookside', 'Ashgrove'].map((n, i): Setting => ({ urn: String(140100 + i), name: `${n} Special School`, type: 'special', phase: 'all-through' })),
  ...Array.from({ length: 18 }, (_, i): Setting => ({ urn: String(120200 + i), name: `County Primary School ${i + 1}`, type: i % 6 === 0 ? 'resourced-provision' : 'mainstream', phase: 'primary' })),
  ...Array.from({ length: 10 }, (_, i): Setting => ({ urn: String(130300 + i), name: `County Secondary School ${i + 1}`, type: i % 5 === 0 ? 'resourced-provision' : 'mainstream', phase: 'secondary' })),
  ...Array.from({ length: 3 }, (_, i): Setting => ({ urn: String(10040000 + i), name: `County College ${i + 1}`, type: 'further-education', phase: 'post-16' })),
  { urn: '150400', name: 'Little Acorns Nursery', type: 'early-years', phase: 'early-years' },
  { urn: '150401', name: 'Sunflower Pre-school', type: 'early-years', phase: 'early-years' },
  { urn: '160500', name: 'The Bridge Independent School', type: 'independent-special', phase: 'secondary' },
];
const CASEWORKERS = Array.from({ length: 40 }, (_, i) => `cw-${String(i + 1).padStart(2, '0')}`);
const TEAMS = ['team-north', 'team-south', 'team-east', 'team-west'];
const REQUESTER_MIX: readonly (readonly [(typeof REQUESTERS)[number], number])[] = [
  ['parent', 0.5], ['school', 0.3], ['early-years-setting', 0.08], ['health-professional', 0.04], ['young-person', 0.03], ['post-16-institution', 0.02],
  ['social-care-professional', 0.02], ['other-professional', 0.01],
];
const BAND_PENCE: Record<SettingType, number> = {
  'mainstream': 650_000, 'resourced-provision': 1_200_000, 'special': 2_400_000, 'independent-special': 5_500_000, 'alternative-provision': 1_800_000,
  'further-education': 900_000, 'early-years': 400_000, 'otherwise-than-at-school': 2_000_000, 'other': 500_000,
};
const QUESTIONS = ['feltListenedTo', 'involvedInShapingPlan', 'keptInformed', 'clearLetters'];

const pick = <T>(rnd: () => number, weighted: readonly (readonly [T, number])[]): T => {
  let r = rnd() * weighted.reduce((a, [, w]) => a + w, 0);
  for (const [v, w] of weighted) if ((r -= w) < 0) return v;
  return weighted[weighted.length - 1][0];
};
const between = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const hex8 = (rnd: () => number) => Math.floor(rnd() * 0x1_0000_0000).toString(16).padStart(8, '0');
/** A version 4 uuid from four draws. */
const uuid = (rnd: () => number) => {
  const a = hex8(rnd), b = hex8(rnd), c = hex8(rnd), d = hex8(rnd);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${(8 + (parseInt(c[0], 16) & 3)).toString(16)}${c.slice(1, 4)}-${c.slice(4)}${d}`;
};

/** One event of a case's life before it is numbered: its type, day, data and when the hub recorded it. */
interface Drawn { type: string; on: CalendarDate; recordedAt: string; subject: string; data: unknown }

/** A case's life, drawn whole from its own seed: the events dated by `today`, in the order they were recorded. */
function lifeOf(index: number, receivedOn: CalendarDate, options: CountyOptions, tally: CountyTally): Drawn[] {
  return drawLife(index, receivedOn, options, tally).sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0));
}

function drawLife(index: number, receivedOn: CalendarDate, options: CountyOptions, tally: CountyTally): Drawn[] {
  const rnd = mulberry32(hash32(`bench:performance:case:${index}`));
  const { today } = options;
  const out: Drawn[] = [];
  const caseUuid = uuid(rnd);
  const childId = uuid(rnd);
  const caseId = `ehcna-${caseUuid}`;
  const planId = `annualReview-${caseUuid}`;
  const caseworkerId = rnd() < 0.95 ? CASEWORKERS[Math.floor(rnd() * CASEWORKERS.length)] : null;
  const team = caseworkerId ? TEAMS[Number(caseworkerId.slice(3)) % TEAMS.length] : null;
  let letters = 0;
  const emit = (type: string, on: CalendarDate, subject: string, data: unknown) => {
    if (on > today) return false;
    // most recorded the same day, one in ten 1–30 days late (never after the county's last day)
    const late = rnd() < 0.1;
    const day = late ? addDays(on, between(rnd, 1, 30)) : on;
    const recordedOn = day > today ? today : day;
    if (recordedOn !== on) tally.lateRecorded++;
    const seconds = between(rnd, 8 * 3600, 17 * 3600);
    const time = `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
    out.push({ type, on, recordedAt: `${recordedOn}T${time}.000Z`, subject, data });
    return true;
  };

  // the child's school-year cohort: Reception in the September of `receptionYear`
  const year = Number(receivedOn.slice(0, 4));
  const receptionYear = year - between(rnd, 2, 17) + 4;

  /**
   * Survey invitations for a letter (about a third answered within four weeks): the parent always;
   * the setting too when an assessment is agreed and for a plan or a review, and the child or young
   * person from Year 7 for a plan or a review.
   */
  const survey = (source: SurveyInvitationSentV1['source'], trigger: string, questionSet: string, sentOn: CalendarDate) => {
    const roles: RespondentRoleV1[] = ['parent'];
    if (questionSet !== 'assessment-decision' || trigger === 'decision-to-assess') roles.push('setting');
    if (questionSet !== 'assessment-decision' && Number(sentOn.slice(0, 4)) - receptionYear >= 7) roles.push('child-or-young-person');
    for (const respondentRole of roles) {
      const invitationId = uuid(rnd);
      const ref = { invitationId, trigger, respondentRole, questionSet, team };
      const invited: SurveyInvitationSentV1 = { ...ref, letterId: `letter-${++letters}`, source, sentOn, expiresOn: addDays(sentOn, 28) };
      if (!emit(SURVEY_INVITATION_SENT_V1, sentOn, invitationId, invited)) return;
      if (rnd() < 0.3) {
        const answeredOn = addDays(sentOn, between(rnd, 0, 27));
        const scores = QUESTIONS.filter(() => rnd() < 0.9).map((question) => ({ question, score: between(rnd, 1, 5) }));
        const answer: SurveyResponseReceivedV1 = { ...ref, sentOn, answeredOn, scores, themes: [], commented: false };
        emit(SURVEY_RESPONSE_RECEIVED_V1, answeredOn, invitationId, answer);
      }
    }
  };

  /** An appealable decision's window, and now and then mediation, an appeal, its outcome and the tribunal's order. */
  const appealable = (service: 'needs-assessment' | 'annual-review', decisionType: DecisionTypeV1, letterOn: CalendarDate) => {
    const decisionId = uuid(rnd);
    const ref = { decisionId, source: { service, id: caseUuid }, childId };
    const appealDueBy = addMonths(letterOn, 2);
    const window: AppealWindowOpenedV1 = { ...ref, decisionType, letterOn, mediationContactDueBy: addMonths(letterOn, 2), appealDueBy };
    if (!emit(APPEAL_WINDOW_OPENED_V1, letterOn, decisionId, window)) return;
    const appealed = rnd() < 0.03;
    let mediated = false;
    if (rnd() < (appealed ? 0.5 : 0.04)) {
      const mediationId = uuid(rnd);
      const requestedOn = addDays(letterOn, between(rnd, 5, 50));
      const wantsMediation = rnd() < 0.6;
      const asked: MediationRequestedV1 = { ...ref, mediationId, requestedOn, wantsMediation, healthInvolved: rnd() < 0.2, withinContactWindow: requestedOn <= appealDueBy };
      emit(MEDIATION_REQUESTED_V1, requestedOn, decisionId, asked);
      mediated = wantsMediation;
      const issuedOn = addDays(requestedOn, wantsMediation ? between(rnd, 15, 45) : between(rnd, 1, 3));
      const certificate: MediationCertificateIssuedV1 = {
        ...ref, mediationId, issuedOn, after: wantsMediation ? 'mediation-ended' : 'declined', mediationHeld: wantsMediation,
        mediationHeldWithin30Days: wantsMediation ? daysBetween(requestedOn, issuedOn) <= 30 : null, onTime: rnd() < 0.9, appealDueBy: addMonths(issuedOn, 1),
      };
      emit(MEDIATION_CERTIFICATE_ISSUED_V1, issuedOn, decisionId, certificate);
    }
    if (!appealed) return;
    const appealId = uuid(rnd);
    const type = ({
      'refusal-to-assess': 'refusal-to-assess', 'decision-not-to-issue': 'refusal-to-issue', 'final-plan': 'contents', 'amended-plan': 'section-i-only',
      'decision-not-to-amend': 'refusal-to-amend', 'refusal-to-reassess': 'refusal-to-reassess', 'cease': 'cease',
    } as const)[decisionType];
    const registeredOn = addDays(letterOn, between(rnd, 30, 80));
    const registered: AppealRegisteredV1 = {
      ...ref, appealId, registeredOn, type, sections: type === 'contents' ? ['B', 'F', 'I'] : type === 'section-i-only' ? ['I'] : [], lateAppealAdmitted: false,
      afterMediation: mediated, laResponseDueBy: addDays(registeredOn, 30),
    };
    if (!emit(APPEAL_REGISTERED_V1, registeredOn, decisionId, registered)) return;
    const concludedOn = addDays(registeredOn, between(rnd, 90, 300));
    const outcome = pick(rnd, [['dismissed', 0.1], ['allowed', 0.35], ['allowed-in-part', 0.15], ['withdrawn', 0.15], ['conceded', 0.15], ['consent-order', 0.1]] as const);
    const ordered = outcome === 'allowed' || outcome === 'allowed-in-part' || outcome === 'conceded';
    const concluded: AppealConcludedV1 = { ...ref, appealId, type, registeredOn, concludedOn, outcome, grounds: [], orders: ordered ? 1 : 0 };
    if (!emit(APPEAL_CONCLUDED_V1, concludedOn, decisionId, concluded) || !ordered) return;
    const step = service === 'needs-assessment' ? (decisionType === 'refusal-to-assess' ? 'notify' : 'final-plan') : 'amended-plan';
    const kind = service === 'needs-assessment' ? (decisionType === 'refusal-to-assess' ? 'assess-or-reassess' : 'make-and-maintain-plan') : 'amend-section-i-only';
    const dueBy = addDays(concludedOn, step === 'notify' ? 28 : 35);
    const order: TribunalOrderMadeV1 = { ...ref, appealId, orderId: 'order-1', kind, orderedOn: concludedOn, concession: outcome === 'conceded', amendmentOrdered: false, steps: [{ step, dueBy }] };
    emit(TRIBUNAL_ORDER_MADE_V1, concludedOn, decisionId, order);
    const compliedOn = addDays(concludedOn, between(rnd, 10, rnd() < 0.85 ? 35 : 70));
    const complied: OrderCompliedWithV1 = { ...ref, appealId, orderId: 'order-1', kind, compliedOn, onTime: compliedOn <= dueBy, excepted: rnd() < 0.03 };
    emit(ORDER_COMPLIED_WITH_V1, compliedOn, decisionId, complied);
  };

  /** The plan's element 3 top-up after a change: open-ended at the setting's band, this financial year's share fixed. */
  const commitment = (cause: CommitmentChangedV1['cause'], recordedOn: CalendarDate, setting: Setting, from: CalendarDate) => {
    const fy = financialYearOf(recordedOn);
    const fyEnd = `${financialYearStartYear(fy) + 1}-03-31`;
    const annualPence = Math.round(BAND_PENCE[setting.type] * (0.8 + 0.4 * rnd()));
    const pence = Math.round((annualPence * (daysBetween(from, fyEnd) + 1)) / 365);
    const changed: CommitmentChangedV1 = {
      planId: caseUuid, reference, cause, recordedOn,
      commitments: [{ settingUrn: setting.urn, settingType: setting.type, band: `band-${setting.type === 'special' ? 'S' : 'M'}${between(rnd, 1, 5)}`, from, to: fyEnd, openEnded: true, annualPence, share: null, amountsByYear: [{ fy, pence }] }],
    };
    emit(COMMITMENT_CHANGED_V1, recordedOn, caseUuid, changed);
  };

  const reference = `NA-${year}-${String(index + 1).padStart(6, '0')}`;
  const requested: NeedsAssessmentRequestedV1 = {
    caseId, reference, childId, requestedBy: pick(rnd, REQUESTER_MIX), receivedOn, decisionToAssessDueBy: addDays(receivedOn, 42), caseworkerId,
  };
  emit(NEEDS_ASSESSMENT_REQUESTED_V1, receivedOn, caseId, requested);
  tally.requests++;

  // the decision whether to assess: nine in ten within six weeks
  const decidedOn = addDays(receivedOn, rnd() < 0.9 ? between(rnd, 20, 42) : between(rnd, 43, 80));
  const assess = rnd() < 0.75;
  const decision: DecisionV1 = { caseId, childId, decidedOn, withinStatutoryTime: daysBetween(receivedOn, decidedOn) <= 42, appealable: !assess };
  if (!emit(assess ? DECIDED_TO_ASSESS_V1 : DECIDED_NOT_TO_ASSESS_V1, decidedOn, caseId, decision)) return out;
  survey('needs-assessment', assess ? 'decision-to-assess' : 'refusal-to-assess', 'assessment-decision', decidedOn);
  if (!assess) {
    appealable('needs-assessment', 'refusal-to-assess', decidedOn);
    return out;
  }
  if (rnd() >= 0.9) {
    const notOn = addDays(receivedOn, between(rnd, 80, 130));
    const not: DecisionV1 = { caseId, childId, decidedOn: notOn, withinStatutoryTime: daysBetween(receivedOn, notOn) <= 112, appealable: true };
    if (!emit(DECIDED_NOT_TO_ISSUE_PLAN_V1, notOn, caseId, not)) return out;
    survey('needs-assessment', 'decision-not-to-issue', 'assessment-decision', notOn);
    appealable('needs-assessment', 'decision-not-to-issue', notOn);
    return out;
  }

  // the final plan: about half within 20 weeks
  const issuedOn = addDays(receivedOn, rnd() < 0.5 ? between(rnd, 100, 140) : between(rnd, 141, 260));
  const phaseSetting = (phase: Phase): Setting => {
    const fitting = SETTINGS.filter((s) => s.phase === phase || (s.type === 'special' && rnd() < 0.5));
    return fitting[Math.floor(rnd() * fitting.length)];
  };
  const phaseAt = (y: number): Phase => (y < receptionYear ? 'early-years' : y < receptionYear + 7 ? 'primary' : y < receptionYear + 12 ? 'secondary' : 'post-16');
  let setting = rnd() < 0.25 ? SETTINGS[Math.floor(rnd() * 6)] : phaseSetting(phaseAt(year));
  const plan: FinalPlanIssuedV1 = {
    caseId, reference, childId, issuedOn, receivedOn, namedSetting: { urn: setting.urn, name: setting.name }, withinStatutoryTime: daysBetween(receivedOn, issuedOn) <= 140,
    excepted: rnd() < 0.05, caseworkerId, cohort: { receptionYear, yearGroupOffset: 0 },
  };
  if (!emit(FINAL_PLAN_ISSUED_V1, issuedOn, caseId, plan)) return out;
  tally.plans++;
  survey('needs-assessment', 'final-plan', 'final-plan', issuedOn);
  appealable('needs-assessment', 'final-plan', issuedOn);
  commitment('top-up-agreed', issuedOn, setting, issuedOn);

  const amend = (on: CalendarDate, within: boolean, phaseTransfer: AmendedPlanIssuedV1['phaseTransfer'], next: Setting) => {
    setting = next;
    const amended: AmendedPlanIssuedV1 = { planId, childId, issuedOn: on, namedSetting: { ...setting }, withinStatutoryTime: within, phaseTransfer, appealable: true };
    if (!emit(AMENDED_PLAN_ISSUED_V1, on, planId, amended)) return;
    survey('annual-review', 'amended-plan', 'review', on);
    appealable('annual-review', 'amended-plan', on);
    commitment('band-changed', on, setting, on);
  };

  // the phase transfers the child's cohort makes while the plan lasts (reg 18(1)), planned in the autumn before
  const transfers = [[receptionYear, 'early-years-to-school'], [receptionYear + 7, 'primary-to-secondary'], [receptionYear + 12, 'secondary-to-post-16']] as const;
  // rates rise every April (each plan's open-ended top-up restated at the new matrix), and bands are
  // looked at again for the new school year each September
  let nextApril = `${financialYearStartYear(financialYearOf(issuedOn)) + 1}-04-01`;
  let nextSeptember = `${Number(issuedOn.slice(0, 4)) + (issuedOn.slice(5) >= '09-01' ? 1 : 0)}-09-01`;
  let anchor = issuedOn;
  let dueBy = reviewDueBy(issuedOn);
  for (;;) {
    const reviewOn = addDays(dueBy, rnd() < 0.85 ? -between(rnd, 0, 60) : between(rnd, 1, 60));
    while (nextApril <= reviewOn && nextApril <= today) {
      commitment('rate-changed', nextApril, setting, nextApril);
      nextApril = addMonths(nextApril, 12);
    }
    while (nextSeptember <= reviewOn && nextSeptember <= today) {
      commitment('band-changed', nextSeptember, setting, nextSeptember);
      nextSeptember = addMonths(nextSeptember, 12);
    }
    for (const [transferYear, kind] of transfers) {
      const deadline = kind === 'secondary-to-post-16' ? `${transferYear}-03-30` : `${transferYear}-02-14`;
      const on = addDays(`${transferYear - 1}-11-01`, rnd() < 0.88 ? between(rnd, 0, 100) : between(rnd, 107, 140));
      if (on > anchor && on <= reviewOn && on <= today) {
        amend(on, rnd() < 0.7, { kind, transferYear, deadline, met: on <= deadline }, phaseSetting(kind === 'early-years-to-school' ? 'primary' : kind === 'primary-to-secondary' ? 'secondary' : 'post-16'));
      }
    }
    const draw = rnd();
    const outcome = draw < 0.04 ? 'cease' : draw < 0.24 ? 'amend' : 'maintain';
    const review: ReviewDecisionMadeV1 = {
      planId, childId, outcome, decidedOn: reviewOn, withinStatutoryTime: rnd() < 0.8, reviewWithinTwelveMonths: reviewOn <= dueBy, nextReviewDueBy: reviewDueBy(reviewOn),
      appealable: outcome !== 'amend',
    };
    if (!emit(REVIEW_DECISION_MADE_V1, reviewOn, planId, review)) break;
    survey('annual-review', `decision-to-${outcome}`, 'review', reviewOn);
    if (outcome === 'cease') {
      const reason = pick(rnd, [['no-longer-necessary', 0.4], ['max-age', 0.2], ['paid-employment', 0.1], ['higher-education', 0.1], ['no-longer-responsible-moved', 0.2]] as const);
      const cease: CeaseDecisionMadeV1 = { planId, childId, reason, decidedOn: reviewOn, appealWindowEndsOn: addMonths(reviewOn, 2), appealable: true };
      emit(CEASE_DECISION_MADE_V1, reviewOn, planId, cease);
      appealable('annual-review', 'cease', reviewOn);
      const ceasedOn = addDays(addMonths(reviewOn, 2), between(rnd, 1, 20));
      const ceased: PlanCeasedV1 = { planId, childId, ceasedOn, reason, appeal: 'none' };
      emit(PLAN_CEASED_V1, ceasedOn, planId, ceased);
      break;
    }
    if (outcome === 'amend') {
      const on = addDays(reviewOn, between(rnd, 20, 75));
      if (rnd() < 0.8) amend(on, daysBetween(reviewOn, on) <= 56, null, rnd() < 0.3 ? phaseSetting(phaseAt(Number(on.slice(0, 4)))) : setting);
      else {
        const not: DecidedNotToAmendV1 = { planId, childId, decidedOn: on, withinStatutoryTime: daysBetween(reviewOn, on) <= 56, appealable: true };
        if (emit(DECIDED_NOT_TO_AMEND_V1, on, planId, not)) appealable('annual-review', 'decision-not-to-amend', on);
      }
    }
    anchor = reviewOn;
    dueBy = review.nextReviewDueBy;
    if (reviewOn > today) break;
  }
  return out;
}

/** A min-heap of the cases' lives, by the time their next event was recorded. */
class Lives {
  private readonly heap: { events: Drawn[]; at: number }[] = [];
  get size() { return this.heap.length; }
  peek() { return this.heap[0]; }
  private key(i: number) { const h = this.heap[i]; return h.events[h.at].recordedAt; }
  push(events: Drawn[]) {
    if (events.length === 0) return;
    this.heap.push({ events, at: 0 });
    let i = this.heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.key(p) <= this.key(i)) break;
      [this.heap[p], this.heap[i]] = [this.heap[i], this.heap[p]];
      i = p;
    }
  }
  /** The earliest recorded event of all, moving its case on. */
  take(): Drawn {
    const top = this.heap[0];
    const event = top.events[top.at++];
    if (top.at === top.events.length) {
      const last = this.heap.pop()!;
      if (this.heap.length === 0) return event;
      this.heap[0] = last;
    }
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.heap.length && this.key(l) < this.key(m)) m = l;
      if (r < this.heap.length && this.key(r) < this.key(m)) m = r;
      if (m === i) break;
      [this.heap[m], this.heap[i]] = [this.heap[i], this.heap[m]];
      i = m;
    }
    return event;
  }
}

const SOURCE_OF_TYPE = (type: string) => type.split('.')[0];

/**
 * The county's published events in batches of `options.batch`, in the order the hub recorded them,
 * numbered per source (`sourcePosition`). `tally` is filled in as it goes.
 */
export function* countyEvents(options: CountyOptions, tally: CountyTally): Generator<IntegrationEvent[]> {
  const first = addDays(addMonths(options.today, -12 * options.years), 1);
  const span = daysBetween(first, options.today) + 1;
  const total = options.years * options.requestsPerYear;
  // the days requests came in, drawn up front (a number each) and sorted
  const rnd = mulberry32(hash32('bench:performance:requests'));
  const days = Float64Array.from({ length: total }, () => Math.floor(rnd() * span)).sort();
  const positions = new Map<string, number>();
  const ids = mulberry32(hash32('bench:performance:event-ids'));
  const lives = new Lives();
  let next = 0;
  let batch: IntegrationEvent[] = [];
  const publish = (d: Drawn) => {
    const source = SOURCE_OF_TYPE(d.type);
    const position = (positions.get(source) ?? 0) + 1;
    positions.set(source, position);
    batch.push({
      id: uuid(ids), type: d.type, subject: d.subject, occurredAt: `${d.on}T12:00:00.000Z`, recordedAt: d.recordedAt,
      correlationId: `bench-${d.subject}`, causationId: null, sourcePosition: position, data: d.data,
    });
    tally.events++;
    tally.byType[d.type] = (tally.byType[d.type] ?? 0) + 1;
  };
  while (next < total || lives.size > 0) {
    // a case joins the merge when its request is the next thing recorded: nothing of it comes before its request
    const nextRequest = next < total ? `${addDays(first, days[next])}T00:00:00.000Z` : null;
    const top = lives.peek();
    if (nextRequest !== null && (top === undefined || nextRequest <= top.events[top.at].recordedAt)) {
      lives.push(lifeOf(next, addDays(first, days[next]), options, tally));
      next++;
      continue;
    }
    publish(lives.take());
    if (batch.length >= options.batch) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
