/**
 * Synthetic disagreements: for appealable decisions whose windows are open (or closed) in the hub,
 * the mediations, appeals, outcomes and reg 44 compliance that follow them, written as the tribunal
 * service's commands, for the demo county (`npm run seed:demo`) and the benchmark
 * (`npm run bench:tribunal`).
 *
 * Pure: no clock, no I/O, no Math.random. Each decision draws from its own seeded stream, keyed by
 * the seed, its decision type, its letter date and its place among the decisions of that type and
 * date, so the same decisions give the same disagreements whatever their ids.
 *
 * Calibration (shared/domain/send-statutory-process.md §12 and §3; the rates are this generator's
 * defaults, not facts about any one authority):
 *
 * - Appeals registered: 2.0% of appealable decisions (§12: about 1–3%, 0.9%–3.1% across
 *   authorities), weighted by decision so that refusals, decisions not to issue, cease decisions and
 *   new plans are appealed more often than a plan maintained unamended, and scaled so the decisions
 *   given land on 2.0% whatever their mix. A new or amended plan's appeal is about section I only in
 *   15% of cases, and needs no certificate (s.55).
 * - Mediation adviser (reg 33): every appeal that needs a certificate had contact within the 2
 *   months; 30% of those families wanted mediation, the rest a certificate only (reg 34). A further
 *   1.5% of decisions bring contact that ends without an appeal, 60% of them wanting mediation.
 * - Mediation (regs 35–42): health care raised in 25%; 60% screened locally (Lincolnshire, seed
 *   003), a fifth of those resolved at screening; 8% not arranged within the 30 days; 75% held within
 *   the 30 days; certificates within 3 working days; an agreement recorded after half of the
 *   mediations that do not go on to appeal.
 * - Appeals (§3.4): registered before the deadline (3% admitted late); the LA's response within the
 *   30 working days in 90%; withdrawn 22%, conceded (reg 45) 20%, consent order 8%, decided at a
 *   hearing 50% (allowed 60%, allowed in part 33%, dismissed 5%, remitted 2%: MoJ tables show most
 *   decided appeals going the family's way); recommendations on health and social care answered,
 *   80% within the 5 weeks.
 * - Orders (reg 44): complied with on time 70%, late 25%, a reg 44(3) exception 5%.
 * - Everything is dated on or before `today`: a disagreement is cut where `today` finds it.
 */
import {
  addDays, addWorkingDays, appealDeadline, hash32, mulberry32, appealTypesFor, daysBetween, isBefore, maxDate, nextWorkingDayOnOrAfter, onOrBefore, type AppealableDecisionType,
  type AppealType, type CalendarDate, type PlanSection, type TribunalOrderKind,
} from '@ehc/domain-kernel';
import type { Command } from '../domain/commands';
import { decide, evolve, initialState, type Event, type RuleBroken } from '../domain/tribunal';
import type { AppealOutcome, GroundDecided } from '../domain/events';
import { orderSteps } from '../domain/orders';

export interface AppealableDecisionOnFile {
  decisionId: string;
  decisionType: AppealableDecisionType;
  letterOn: CalendarDate;
}

export interface SyntheticDisagreement {
  decisionId: string;
  /** The commands after the window opened, in the order they are entered. */
  commands: Command[];
  /** An appeal registered on or before `today`. */
  appealed: boolean;
}

/** The rates this generator aims at; printed by the seed. */
export const APPEAL_RATES = {
  /** Appeals registered as a share of appealable decisions (§12: about 1–3%). */
  appealed: 0.02,
  contactWithoutAppeal: 0.015,
  wantsMediationBeforeAppeal: 0.3,
  wantsMediationWithoutAppeal: 0.6,
  sectionIOnly: 0.15,
  withdrawn: 0.22,
  conceded: 0.2,
  consentOrder: 0.08,
  compliedOnTime: 0.7,
  complianceException: 0.05,
} as const;

/** How much more (or less) often each decision is appealed than the average. */
const APPEAL_WEIGHT: Readonly<Record<AppealableDecisionType, number>> = {
  'refusal-to-assess': 1.6,
  'decision-not-to-issue': 2.2,
  'final-plan': 1.3,
  'amended-plan': 1.0,
  'decision-not-to-amend': 0.4,
  'refusal-to-reassess': 1.0,
  cease: 1.6,
};

// ---------------------------------------------------------------------------------------------
// deterministic randomness (the kernel's seeded generator)

class Draw {
  readonly next: () => number;
  constructor(...purpose: (string | number)[]) { this.next = mulberry32(hash32(purpose.join('|'))); }
  chance(p: number): boolean { return this.next() < p; }
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)]; }
  uuid(): string {
    const h = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16));
    h[12] = '4';
    h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * The disagreements that follow the decisions given (only those with something to record), cut at
 * `today`. Calibrated so that APPEAL_RATES.appealed of the decisions are appealed, whatever their mix.
 */
export function syntheticDisagreements(decisions: readonly AppealableDecisionOnFile[], o: { seed: string | number; today: CalendarDate }): SyntheticDisagreement[] {
  const meanWeight = decisions.reduce((sum, d) => sum + APPEAL_WEIGHT[d.decisionType], 0) / Math.max(1, decisions.length);
  const seen = new Map<string, number>();
  const out: SyntheticDisagreement[] = [];
  for (const d of decisions) {
    const key = `${d.decisionType}|${d.letterOn}`;
    const nth = seen.get(key) ?? 0;
    seen.set(key, nth + 1);
    const draw = new Draw(o.seed, 'disagreement', key, nth);
    const pAppeal = Math.min(1, (APPEAL_RATES.appealed * APPEAL_WEIGHT[d.decisionType]) / meanWeight);
    const disagreement = disagreementAbout(d, draw, pAppeal, o.today);
    if (disagreement.commands.length > 0) out.push(disagreement);
  }
  return out;
}

type Step = { on: CalendarDate; command: Command };

function disagreementAbout(d: AppealableDecisionOnFile, draw: Draw, pAppeal: number, today: CalendarDate): SyntheticDisagreement {
  const steps: Step[] = [];
  const add = (command: Command, on: CalendarDate) => steps.push({ on, command });
  const wd = (date: CalendarDate) => nextWorkingDayOnOrAfter(date);
  const appeals = draw.chance(pAppeal);
  const types = appealTypesFor(d.decisionType);
  const type: AppealType = types.length > 1 && draw.chance(APPEAL_RATES.sectionIOnly) ? 'section-i-only' : types[0];
  const needsCertificate = appeals && type !== 'section-i-only';

  // mediation adviser and mediation (regs 32-42)
  let certificate: CalendarDate | null = null;
  if (needsCertificate || (!appeals && draw.chance(APPEAL_RATES.contactWithoutAppeal))) {
    certificate = mediation(d, draw, appeals, add, wd);
  }

  let registeredOn: CalendarDate | null = null;
  if (appeals) {
    const deadline = appealDeadline(d.letterOn, certificate);
    const earliest = wd(maxDate(addDays(d.letterOn, 14), certificate ? addDays(certificate, 1) : d.letterOn));
    const late = !onOrBefore(earliest, deadline) || draw.chance(0.03);
    registeredOn = late ? wd(addDays(maxDate(earliest, deadline), draw.int(1, 14))) : wd(addDays(earliest, draw.int(0, Math.max(0, daysBetween(earliest, deadline) - 3))));
    if (!late && isBefore(deadline, registeredOn)) registeredOn = earliest;
    appeal(d, draw, type, registeredOn, late, add, wd);
  }

  // entered in date order, and on one day in the order made (which is the order the law needs); nothing after today
  const commands = steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.on < b.s.on ? -1 : a.s.on > b.s.on ? 1 : a.i - b.i))
    .filter(({ s }) => onOrBefore(s.on, today))
    .map(({ s }) => ({ ...s.command, data: { ...s.command.data, today } }) as Command);
  return { decisionId: d.decisionId, commands, appealed: registeredOn !== null && onOrBefore(registeredOn, today) };
}

/** One mediation about the decision; the day its certificate is issued, if one is. */
function mediation(d: AppealableDecisionOnFile, draw: Draw, appealFollows: boolean, add: (c: Command, on: CalendarDate) => void, wd: (date: CalendarDate) => CalendarDate): CalendarDate | null {
  const mediationId = draw.uuid();
  const today = d.letterOn; // replaced when the commands are cut at today
  // reg 33: within 2 months of the letter
  const requestedOn = wd(addDays(d.letterOn, draw.int(4, 45)));
  const wantsMediation = draw.chance(appealFollows ? APPEAL_RATES.wantsMediationBeforeAppeal : APPEAL_RATES.wantsMediationWithoutAppeal);
  const healthInvolved = wantsMediation && draw.chance(0.25);
  add({ type: 'RequestMediation', data: { mediationId, requestedOn, wantsMediation, healthInvolved, issuesDocumentId: null, today } }, requestedOn);
  const certify = (from: CalendarDate) => {
    const on = addWorkingDays(from, draw.int(1, 3));
    add({ type: 'IssueMediationCertificate', data: { mediationId, on, today } }, on);
    return on;
  };
  if (!wantsMediation) return certify(requestedOn);

  if (healthInvolved) {
    const on = addWorkingDays(requestedOn, draw.chance(0.9) ? draw.int(1, 3) : draw.int(4, 6));
    add({ type: 'NotifyHealthBody', data: { mediationId, on, today } }, on);
  }
  let ready = requestedOn;
  if (draw.chance(0.6)) {
    const on = wd(addDays(requestedOn, draw.int(1, 5)));
    const resolved = draw.chance(appealFollows ? 0.2 : 0.35);
    add({ type: 'ScreenMediationRequest', data: { mediationId, on, outcome: resolved ? 'resolved' : 'proceed', today } }, on);
    // resolved at screening: a certificate if the family still wants one (always before an appeal)
    if (resolved) return appealFollows || draw.chance(0.3) ? certify(on) : null;
    ready = on;
  }
  if (draw.chance(0.08)) {
    const on = maxDate(ready, wd(addDays(requestedOn, draw.int(20, 29))));
    add({ type: 'RecordMediationNotArranged', data: { mediationId, on, today } }, on);
    return certify(on);
  }
  const arrangedOn = maxDate(ready, wd(addDays(requestedOn, draw.int(2, 8))));
  // reg 37: within 30 days of the LA being told, 75% of the time
  const takesPlaceOn = maxDate(addDays(arrangedOn, 1), wd(addDays(requestedOn, draw.chance(0.75) ? draw.int(12, 29) : draw.int(31, 50))));
  add({ type: 'ArrangeMediation', data: { mediationId, on: arrangedOn, takesPlaceOn, today } }, arrangedOn);
  if (!appealFollows && draw.chance(0.05)) {
    const on = maxDate(arrangedOn, addDays(takesPlaceOn, -draw.int(1, 5)));
    add({ type: 'WithdrawMediation', data: { mediationId, on, today } }, on);
    return null;
  }
  add({ type: 'HoldMediation', data: { mediationId, on: takesPlaceOn, today } }, takesPlaceOn);
  if (draw.chance(appealFollows ? 0.2 : 0.5)) {
    const actionsDueBy = Array.from({ length: draw.int(1, 2) }, () => addDays(takesPlaceOn, draw.int(14, 42)));
    add({ type: 'RecordMediationAgreement', data: { mediationId, on: takesPlaceOn, actionsDueBy, termsDocumentId: null, today } }, takesPlaceOn);
  }
  return certify(takesPlaceOn);
}

const APPEALABLE: readonly PlanSection[] = ['B', 'F', 'I'];

function groundsOf(type: AppealType, draw: Draw): PlanSection[] {
  switch (type) {
    case 'section-i-only': return ['I'];
    case 'contents': {
      const sections = APPEALABLE.filter((s) => draw.chance(s === 'F' ? 0.85 : s === 'B' ? 0.5 : 0.45));
      if (sections.length === 0) sections.push('F');
      if (draw.chance(0.1)) sections.push('C');
      if (draw.chance(0.08)) sections.push('H1');
      return sections;
    }
    case 'refusal-to-amend': return draw.chance(0.5) ? ['F'] : [];
    default: return [];
  }
}

/** What an allowed or conceded appeal orders, when the tribunal must say (a plan's contents). */
function ordersFor(type: AppealType, grounds: PlanSection[]): { kind: TribunalOrderKind; amendmentOrdered: boolean }[] {
  if (type !== 'contents' && type !== 'refusal-to-amend') return [];
  const sectionI = grounds.includes('I');
  const provision = grounds.some((g) => g === 'B' || g === 'F');
  const kind: TribunalOrderKind = sectionI && provision ? 'amend-provision-and-section-i' : sectionI ? 'amend-section-i-only' : 'amend-special-educational-provision';
  return [{ kind, amendmentOrdered: false }];
}

const DEFAULT_ORDER: Partial<Record<AppealType, TribunalOrderKind>> = {
  'refusal-to-assess': 'assess-or-reassess', 'refusal-to-reassess': 'assess-or-reassess', 'refusal-to-issue': 'make-and-maintain-plan',
  'section-i-only': 'amend-section-i-only', cease: 'cease-decision-overturned',
};

function appeal(d: AppealableDecisionOnFile, draw: Draw, type: AppealType, registeredOn: CalendarDate, late: boolean, add: (c: Command, on: CalendarDate) => void, wd: (date: CalendarDate) => CalendarDate): void {
  const appealId = draw.uuid();
  const today = d.letterOn;
  const grounds = groundsOf(type, draw);
  add({ type: 'RegisterAppeal', data: { appealId, registeredOn, type, grounds: grounds.map((section) => ({ section })), lateAppealAdmitted: late, sentToLaOn: null, responseWorkingDays: 30, today } }, registeredOn);

  const path = draw.next();
  const { withdrawn, conceded, consentOrder } = APPEAL_RATES;
  const responseOn = wd(addDays(registeredOn, draw.chance(0.9) ? draw.int(20, 40) : draw.int(44, 60)));
  const hearingOn = wd(addDays(registeredOn, draw.int(150, 300)));
  const concludedOn = path < withdrawn ? wd(addDays(registeredOn, draw.int(20, 150)))
    : path < withdrawn + conceded ? wd(addDays(registeredOn, draw.int(30, 120)))
      : path < withdrawn + conceded + consentOrder ? wd(addDays(hearingOn, -draw.int(7, 30)))
        : hearingOn;
  if (isBefore(responseOn, concludedOn)) add({ type: 'SendAppealResponse', data: { appealId, on: responseOn, today } }, responseOn);
  const listedOn = wd(addDays(responseOn, draw.int(5, 30)));
  if (isBefore(listedOn, concludedOn) && isBefore(listedOn, hearingOn)) add({ type: 'ListHearing', data: { appealId, on: listedOn, hearingOn, today } }, listedOn);

  const orders = ordersFor(type, grounds);
  let ordered: TribunalOrderKind[] = [];
  if (path < withdrawn) {
    add({ type: 'WithdrawAppeal', data: { appealId, on: concludedOn, today } }, concludedOn);
    return;
  }
  if (path < withdrawn + conceded) {
    add({ type: 'ConcedeAppeal', data: { appealId, on: concludedOn, orders, today } }, concludedOn);
    ordered = orders.length ? orders.map((x) => x.kind) : [DEFAULT_ORDER[type]!];
  } else {
    const consent = path < withdrawn + conceded + consentOrder;
    const outcome: AppealOutcome = consent ? 'consent-order' : pickOutcome(draw);
    const favourable = outcome === 'allowed' || outcome === 'allowed-in-part' || outcome === 'consent-order';
    const decided: GroundDecided[] = consent ? [] : grounds.map((section) => ({
      section,
      outcome: APPEALABLE.includes(section)
        ? (outcome === 'allowed' || (outcome === 'allowed-in-part' && draw.chance(0.5)) ? 'upheld' : 'not-upheld')
        : (favourable && draw.chance(0.7) ? 'recommendation-made' : 'not-upheld'),
    }));
    add({ type: 'RecordAppealOutcome', data: { appealId, on: concludedOn, outcome, grounds: decided, orders: favourable ? orders : [], costs: { awarded: false }, today } }, concludedOn);
    if (decided.some((g) => g.outcome === 'recommendation-made')) {
      const on = wd(addDays(concludedOn, draw.chance(0.8) ? draw.int(10, 34) : draw.int(36, 50)));
      add({ type: 'RespondToRecommendations', data: { appealId, on, today } }, on);
    }
    if (favourable) ordered = orders.length ? orders.map((x) => x.kind) : [DEFAULT_ORDER[type]!];
    else if (outcome === 'dismissed' && type === 'cease') ordered = ['cease-appeal-dismissed'];
  }
  ordered.forEach((kind, i) => comply(`order-${i + 1}`, kind, concludedOn, draw, add));
}

function pickOutcome(draw: Draw): AppealOutcome {
  const u = draw.next();
  return u < 0.6 ? 'allowed' : u < 0.93 ? 'allowed-in-part' : u < 0.98 ? 'dismissed' : 'remitted';
}

/** reg 44: each step of an order done, on time or late, or a reg 44(3) exception first. */
function comply(orderId: string, kind: TribunalOrderKind, orderedOn: CalendarDate, draw: Draw, add: (c: Command, on: CalendarDate) => void): void {
  const today = orderedOn;
  let steps = orderSteps(kind, orderedOn, false);
  // an order to assess ends with the final plan, or (one time in ten) a decision not to issue one
  if (kind === 'assess-or-reassess') steps = steps.filter((s) => s.step === 'notify' || s.step === (draw.chance(0.1) ? 'decision-not-to-issue' : 'final-plan'));
  // what is due the day the order is made (keep maintaining the plan, or let it end) is done that day
  const instant = steps.every((s) => s.step === 'continue-maintaining' || s.step === 'plan-ceased');
  const u = draw.next();
  const excepted = !instant && u < APPEAL_RATES.complianceException;
  if (excepted) {
    const on = addDays(orderedOn, draw.int(2, 10));
    const absence = draw.chance(0.5);
    add({ type: 'ApplyComplianceException', data: { orderId, on, reason: absence ? 'absence' : 'personal-circumstances', absenceDays: absence ? draw.int(14, 42) : null, today } }, on);
  }
  const onTime = instant || (!excepted && draw.chance(APPEAL_RATES.compliedOnTime / (1 - APPEAL_RATES.complianceException)));
  let previous = orderedOn;
  for (const { step, dueBy } of steps) {
    const on = onTime
      ? maxDate(previous, addDays(orderedOn, Math.floor(daysBetween(orderedOn, dueBy) * (0.4 + draw.next() * 0.6))))
      : maxDate(previous, addDays(dueBy, draw.int(1, 35)));
    add({ type: 'RecordCompliance', data: { orderId, step, on, by: 'recorded', today } }, on);
    previous = on;
  }
}

/** Runs a disagreement through the decider, from its window opening: the events, and any command refused. */
export function replayDisagreement(open: Extract<Command, { type: 'OpenAppealWindow' }>, commands: readonly Command[]): { events: Event[]; refused: { command: Command; error: RuleBroken }[] } {
  let state = initialState();
  const events: Event[] = [];
  const refused: { command: Command; error: RuleBroken }[] = [];
  for (const command of [open, ...commands]) {
    const result = decide(command, state);
    if (!result.ok) { refused.push({ command, error: result.error }); continue; }
    for (const e of result.value) { state = evolve(state, e); events.push(e); }
  }
  return { events, refused };
}
