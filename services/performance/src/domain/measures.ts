import { addDays, daysBetween, minDate, type CalendarDate } from '@ehc/domain-kernel';
import { financialYearOf, financialYearStartYear, nextFinancialYear } from '@ehc/money';
import type { CaseIndex } from './case-index';
import type { Fact, FactKind, Source } from './facts';
import { addMonthsTo, firstDayOf, lastDayOf, monthsEndingWith, type Month } from './months';

/** A case behind a figure, for the drill-down: in the numerator, or only in the denominator. */
export interface CaseLine {
  caseId: string;
  reference: string | null;
  inNumerator: boolean;
  /** What about the case put it here: a date, a stage, a type. */
  detail: string;
  daysOverdue?: number;
}

/** A measure's figure for one month. */
export interface Figure {
  numerator: number;
  denominator: number | null;
  cases: CaseLine[];
  /** Split by requester, stage, type, outcome… */
  breakdown?: Record<string, number>;
  /** Not final yet: windows still open or a deadline still to come at the snapshot. */
  provisional?: boolean;
}

export type Unit = 'count' | 'share' | 'mean' | 'pence';

export interface PackSettings {
  /** Caseload counts open assessments as well as active plans (domain §11.14). */
  caseloadIncludesAssessments: boolean;
  /** Sources whose contracts have landed: a measure of another says so instead of showing zero. */
  sources: readonly Source[];
}

export const DEFAULT_PACK_SETTINGS: PackSettings = {
  caseloadIncludesAssessments: true,
  sources: ['needs-assessment', 'annual-review', 'tribunal', 'funding', 'surveys'],
};

/** A month of survey invitations (by the month they were sent), counted: the surveys' measures read these, not each invitation. */
export interface SurveyMonth {
  invited: number;
  invitedByTrigger: Record<string, number>;
  /** Of those invited, how many answered. */
  answered: number;
  scoreSum: number;
  scoreCount: number;
}

export interface PackContext {
  index: CaseIndex;
  /**
   * The survey months counted by the database (a county sends tens of thousands of invitations a
   * year); without them, they are counted from the survey facts in the index.
   */
  surveys?: ReadonlyMap<Month, SurveyMonth>;
  /** The cases behind each figure are wanted (the pack's own month; the trend's months need counts only). */
  detail?: boolean;
  /** The last day a snapshot measure may look at: the as-at date, or today. */
  latest: CalendarDate;
  settings: PackSettings;
}

export interface MeasureSpec {
  name: string;
  title: string;
  definition: string;
  source: Source;
  unit: Unit;
  figure(ctx: PackContext, month: Month): Figure;
}

/** The request → plan conversion's fixed look-backs (domain §9: 20 and 30 weeks). */
const CONVERSION_WEEKS = [20, 30] as const;

const line = (ctx: PackContext, f: Fact, inNumerator: boolean, detail: string): CaseLine =>
  ({ caseId: f.caseId, reference: ctx.index.reference(f.caseId), inNumerator, detail });
/** Each fact's case line, when the cases are wanted. */
const lines = (ctx: PackContext, facts: Fact[], describe: (f: Fact) => string): CaseLine[] =>
  (ctx.detail ? facts.map((f) => line(ctx, f, true, describe(f))) : []);

// what a pack works out once, whichever of its months asks (keyed by the pack's index)
const memo = new WeakMap<CaseIndex, Map<string, unknown>>();
function once<T>(ctx: PackContext, key: string, make: () => T): T {
  let values = memo.get(ctx.index);
  if (!values) memo.set(ctx.index, (values = new Map()));
  if (!values.has(key)) values.set(key, make());
  return values.get(key) as T;
}

/** The last day of the month, or the latest day the pack may see if that comes first. */
export const snapshotOf = (ctx: PackContext, month: Month): CalendarDate => minDate(lastDayOf(month), ctx.latest);

const inMonth = <K extends Fact['kind']>(ctx: PackContext, kind: K, month: Month) => ctx.index.between(kind, firstDayOf(month), lastDayOf(month));

const count = (facts: Fact[], by: (f: Fact) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const f of facts) {
    const key = by(f);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
};

/** Share of `facts` that `onTime` accepts, with each case in the drill-down when wanted. */
function share(ctx: PackContext, facts: Fact[], onTime: (f: Fact) => boolean, describe: (f: Fact) => string): Figure {
  let numerator = 0;
  const cases: CaseLine[] = [];
  for (const f of facts) {
    const counted = onTime(f);
    if (counted) numerator++;
    if (ctx.detail) cases.push(line(ctx, f, counted, describe(f)));
  }
  return { numerator, denominator: facts.length, cases };
}

/** Days from the request to a fact, when the request is known. */
const daysFromRequest = (ctx: PackContext, f: Fact): number | null => {
  const received = f.kind === 'final-plan' ? (f as Fact<'final-plan'>).data.receivedOn : ctx.index.receivedOn(f.caseId);
  return received ? daysBetween(received, f.on) : null;
};

/** Within `days` of the request by the dates; a fact whose request the pack never saw falls back on the source's own verdict. */
const withinDaysOfRequest = (ctx: PackContext, f: Fact, days: number): boolean => {
  const elapsed = daysFromRequest(ctx, f);
  return elapsed === null ? Boolean((f.data as { withinStatutoryTime?: boolean }).withinStatutoryTime) : elapsed <= days;
};

/** The decisions an appeal was registered against. */
const appealedDecisions = (ctx: PackContext): Set<string> => once(ctx, 'appealed', () => new Set(ctx.index.of('appeal-registered').map((a) => a.data.decisionId)));

/** The day each order (decision and order id) was first complied with. */
const compliedOrders = (ctx: PackContext): Map<string, CalendarDate> => once(ctx, 'complied', () => {
  const on = new Map<string, CalendarDate>();
  for (const c of ctx.index.of('order-complied')) if (!on.has(`${c.data.decisionId}|${c.data.orderId}`)) on.set(`${c.data.decisionId}|${c.data.orderId}`, c.on);
  return on;
});

/**
 * Each review owed by a plan, by the month it falls due, with the decision that met it (the first
 * review decision after the duty began), worked out once for the pack's twelve months.
 */
const reviewsDueByMonth = (ctx: PackContext) => once(ctx, 'reviews-due', () => {
  const byMonth = new Map<Month, { caseId: string; dueBy: CalendarDate; decidedOn: CalendarDate | null }[]>();
  for (const caseId of plansOf(ctx)) {
    const decisions = ctx.index.caseFacts(caseId).filter((f) => f.kind === 'review-decision');
    for (const owed of ctx.index.reviewsOwed(caseId)) {
      const month = owed.dueBy.slice(0, 7);
      const next = decisions.find((f) => f.on > owed.anchorOn);
      const list = byMonth.get(month) ?? [];
      list.push({ caseId, dueBy: owed.dueBy, decidedOn: next?.on ?? null });
      byMonth.set(month, list);
    }
  }
  return byMonth;
});

/** The calendar year a date's financial year (1 April–31 March) starts in: read off the date, as thousands of plans ask it. */
const fyStartOf = (date: CalendarDate): number => Number(date.slice(0, 4)) - (date.slice(5, 7) < '04' ? 1 : 0);

/**
 * Each request's two statutory dates (reg 5(1), reg 13(2)), the day it was decided to assess and the
 * day the case ended (refused, no plan, a plan, closed), worked out once per pack.
 */
const requestDeadlines = (ctx: PackContext) => once(ctx, 'request-deadlines', () =>
  ctx.index.of('requested').map((r) => ({
    r, decisionDue: addDays(r.on, 42), finalDue: addDays(r.on, 140),
    decidedOn: ctx.index.first(r.caseId, 'decided-to-assess')?.on ?? null,
    closedOn: CLOSING.map((kind) => ctx.index.first(r.caseId, kind)?.on).filter((on): on is CalendarDate => on !== undefined).sort()[0] ?? null,
  })));
/** Open on `at`: received by then and not ended. */
const openOn = (q: { r: Fact; closedOn: CalendarDate | null }, at: CalendarDate) => q.r.on <= at && !(q.closedOn !== null && q.closedOn <= at);

/**
 * Each plan's latest commitment by `snapshot`: a sweep through the commitments in date order, kept
 * between calls so the twelve month-ends of a trend (asked in order) cost one pass.
 */
function latestCommitments(ctx: PackContext, snapshot: CalendarDate): Iterable<Fact<'commitment-changed'>> {
  const sweep = once(ctx, 'commitments', () => ({ next: 0, upTo: '', latest: new Map<string, Fact<'commitment-changed'>>() }));
  const all = ctx.index.of('commitment-changed');
  if (snapshot < sweep.upTo) Object.assign(sweep, { next: 0, latest: new Map() });
  while (sweep.next < all.length && all[sweep.next].on <= snapshot) {
    sweep.latest.set(all[sweep.next].caseId, all[sweep.next]);
    sweep.next++;
  }
  sweep.upTo = snapshot;
  return sweep.latest.values();
}

/** The month's survey counts: from the database's count, else from the facts (the same rules). */
export const surveyMonth = (ctx: PackContext, month: Month): SurveyMonth =>
  (ctx.surveys ?? once(ctx, 'survey-months', () => surveyMonthsOf(ctx.index))).get(month) ?? { invited: 0, invitedByTrigger: {}, answered: 0, scoreSum: 0, scoreCount: 0 };

export function surveyMonthsOf(index: CaseIndex): Map<Month, SurveyMonth> {
  const months = new Map<Month, SurveyMonth>();
  const of = (month: Month) => {
    let m = months.get(month);
    if (!m) months.set(month, (m = { invited: 0, invitedByTrigger: {}, answered: 0, scoreSum: 0, scoreCount: 0 }));
    return m;
  };
  const answered = new Set(index.of('survey-answered').map((f) => f.data.invitationId));
  for (const f of index.of('survey-invited')) {
    const m = of(f.on.slice(0, 7));
    m.invited++;
    m.invitedByTrigger[f.data.trigger] = (m.invitedByTrigger[f.data.trigger] ?? 0) + 1;
    if (answered.has(f.data.invitationId)) m.answered++;
  }
  for (const f of index.of('survey-answered')) {
    const m = of(f.on.slice(0, 7));
    for (const score of f.data.scores) {
      m.scoreSum += score.score;
      m.scoreCount++;
    }
  }
  return months;
}

/** Every plan in the pack: a final plan, or a review decision of one made before the hub. */
const plansOf = (ctx: PackContext): string[] =>
  once(ctx, 'plans', () => [...new Set([...ctx.index.of('final-plan'), ...ctx.index.of('review-decision')].map((f) => f.caseId))]);

const decisionsToAssess = (ctx: PackContext, month: Month) =>
  [...inMonth(ctx, 'decided-to-assess', month), ...inMonth(ctx, 'refused-to-assess', month)] as Fact[];

const CLOSING: FactKind[] = ['case-closed', 'refused-to-assess', 'not-to-issue', 'final-plan'];

/** The transfer year a month reports on (reg 18(1)): the coming February's from September, else this year's. */
const transferYearOf = (month: Month): number => Number(month.slice(0, 4)) + (Number(month.slice(5)) >= 9 ? 1 : 0);

/** Years a child whose Reception year is `receptionYear` moves phase in: into Reception, Year 7, Year 12. */
const TRANSFER_OFFSETS: Record<number, string> = { 0: 'early-years-to-school', 7: 'primary-to-secondary', 12: 'secondary-to-post-16' };
const phaseDeadline = (year: number, kind: string): CalendarDate => (kind === 'secondary-to-post-16' ? `${year}-03-30` : `${year}-02-14`);

export const MEASURES: readonly MeasureSpec[] = [
  {
    name: 'requestsReceived', title: 'Requests for an assessment received', source: 'needs-assessment', unit: 'count',
    definition: 'Requests for an EHC needs assessment (s.36) with a day of receipt in the month, split by who asked.',
    figure: (ctx, month) => {
      const facts = inMonth(ctx, 'requested', month);
      return {
        numerator: facts.length, denominator: null,
        cases: lines(ctx, facts, (f) => `received ${f.on} from ${(f as Fact<'requested'>).data.requestedBy}`),
        breakdown: count(facts, (f) => (f as Fact<'requested'>).data.requestedBy),
      };
    },
  },
  {
    name: 'decisionsToAssessOnTime', title: 'Decisions whether to assess within 6 weeks', source: 'needs-assessment', unit: 'share',
    definition: 'Decisions whether to assess made in the month (to assess or not) on or before the day of receipt + 42 days (reg 5(1)), over all such decisions made in the month.',
    figure: (ctx, month) => share(ctx, decisionsToAssess(ctx, month), (f) => withinDaysOfRequest(ctx, f, 42),
      (f) => `${f.kind === 'refused-to-assess' ? 'refused' : 'agreed'} ${f.on}, ${daysFromRequest(ctx, f) ?? '?'} days after the request`),
  },
  {
    name: 'refusalRate', title: 'Requests refused', source: 'needs-assessment', unit: 'share',
    definition: 'Decisions not to assess made in the month, over all decisions whether to assess made in the month (SEN2 divides refusals by initial requests instead).',
    figure: (ctx, month) => share(ctx, decisionsToAssess(ctx, month), (f) => f.kind === 'refused-to-assess', (f) => `${f.kind === 'refused-to-assess' ? 'refused' : 'agreed'} ${f.on}`),
  },
  {
    name: 'assessmentToPlan', title: 'Assessments leading to a plan', source: 'needs-assessment', unit: 'share',
    definition: 'Final plans issued after an assessment in the month, over final plans plus decisions not to issue a plan in the month (by the outcome\'s date).',
    figure: (ctx, month) => share(ctx, [...inMonth(ctx, 'final-plan', month), ...inMonth(ctx, 'not-to-issue', month)] as Fact[],
      (f) => f.kind === 'final-plan', (f) => `${f.kind === 'final-plan' ? 'plan issued' : 'decided not to issue'} ${f.on}`),
  },
  ...CONVERSION_WEEKS.map((weeks): MeasureSpec => ({
    name: `requestToPlanConversion${weeks}Weeks`,
    title: `Requests leading to a plan within ${weeks} weeks`, source: 'needs-assessment', unit: 'share',
    definition: `Of the requests received in the latest month all of whose requests have had ${weeks} weeks by the month's end (the cohort month, in the breakdown), the share with a final plan issued within ${weeks} weeks of receipt.`,
    figure: (ctx, month) => {
      const days = weeks * 7;
      let cohort = month;
      while (addDays(lastDayOf(cohort), days) > lastDayOf(month)) cohort = addMonthsTo(cohort, -1);
      const requests = inMonth(ctx, 'requested', cohort);
      const figure = share(ctx, requests, (f) => {
        const plan = ctx.index.first(f.caseId, 'final-plan');
        return plan !== undefined && daysBetween(f.on, plan.on) <= days;
      }, (f) => `received ${f.on}`);
      return { ...figure, breakdown: { [`cohort ${cohort}`]: requests.length }, provisional: addDays(lastDayOf(cohort), days) > ctx.latest };
    },
  })),
  {
    name: 'twentyWeekTimelinessInclExceptions', title: 'New plans issued within 20 weeks, including exceptions', source: 'needs-assessment', unit: 'share',
    definition: 'New EHC plans issued in the month within 140 days of the request (reg 13(2)), over all new plans issued in the month, cases with a reg 10(4) exception included.',
    figure: (ctx, month) => share(ctx, inMonth(ctx, 'final-plan', month), (f) => withinDaysOfRequest(ctx, f, 140),
      (f) => `issued ${f.on}, ${daysFromRequest(ctx, f)} days after the request${(f as Fact<'final-plan'>).data.excepted ? ' (exception)' : ''}`),
  },
  {
    name: 'twentyWeekTimelinessExclExceptions', title: 'New plans issued within 20 weeks, excluding exceptions', source: 'needs-assessment', unit: 'share',
    definition: 'As including exceptions, with the plans a reg 10(4) exception applied to removed from both the top and the bottom.',
    figure: (ctx, month) => share(ctx, inMonth(ctx, 'final-plan', month).filter((f) => !f.data.excepted), (f) => withinDaysOfRequest(ctx, f, 140),
      (f) => `issued ${f.on}, ${daysFromRequest(ctx, f)} days after the request`),
  },
  {
    name: 'sixteenWeekNoPlanOnTime', title: 'Decisions not to issue a plan within 16 weeks', source: 'needs-assessment', unit: 'share',
    definition: 'Decisions not to issue a plan made in the month on or before the day of receipt + 112 days (reg 10(1)), over all such decisions made in the month.',
    figure: (ctx, month) => share(ctx, inMonth(ctx, 'not-to-issue', month), (f) => withinDaysOfRequest(ctx, f, 112),
      (f) => `decided ${f.on}, ${daysFromRequest(ctx, f) ?? '?'} days after the request`),
  },
  {
    name: 'overdueCases', title: 'Cases overdue at the month\'s end', source: 'needs-assessment', unit: 'count',
    definition: 'At the snapshot (the month\'s last day, or the as-at date if earlier): open cases past a statutory due date, by stage, with days overdue. Stages: the decision whether to assess (request + 42 days), the final plan (request + 140 days), the review decision (the s.44 review date), a tribunal order\'s step (reg 44). Exceptions during an assessment are not published, so a final plan past 20 weeks under an exception is counted here.',
    figure: (ctx, month) => {
      const at = snapshotOf(ctx, month);
      const cases: CaseLine[] = [];
      const breakdown: Record<string, number> = {};
      let numerator = 0;
      const overdue = (caseId: string, stage: string, dueBy: CalendarDate) => {
        numerator++;
        breakdown[stage] = (breakdown[stage] ?? 0) + 1;
        if (ctx.detail) cases.push({ caseId, reference: ctx.index.reference(caseId), inNumerator: true, detail: `${stage} due ${dueBy}`, daysOverdue: daysBetween(dueBy, at) });
      };
      for (const q of requestDeadlines(ctx)) {
        if (q.decisionDue >= at || !openOn(q, at)) continue;
        if (q.decidedOn === null || q.decidedOn > at) overdue(q.r.caseId, 'decision', q.decisionDue);
        else if (q.finalDue < at) overdue(q.r.caseId, 'final', q.finalDue);
      }
      for (const caseId of plansOf(ctx)) {
        if (!ctx.index.planActiveOn(caseId, at)) continue;
        const owed = ctx.index.reviewsOwed(caseId);
        let last: { dueBy: CalendarDate } | undefined;
        for (const o of owed) if (o.anchorOn <= at) last = o;
        if (last && last.dueBy < at) overdue(caseId, 'review-decision', last.dueBy);
      }
      for (const order of ctx.index.of('order-made')) {
        if (order.on > at) continue;
        const compliedOn = compliedOrders(ctx).get(`${order.data.decisionId}|${order.data.orderId}`);
        const complied = compliedOn !== undefined && compliedOn <= at;
        const late = order.data.steps.filter((s) => s.dueBy < at);
        if (!complied && late.length > 0) overdue(order.caseId, 'tribunal-order', late[0].dueBy);
      }
      cases.sort((a, b) => (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0));
      return { numerator, denominator: null, cases, breakdown };
    },
  },
  {
    name: 'annualReviewsOnTime', title: 'Annual reviews on time', source: 'annual-review', unit: 'share',
    definition: 'Reviews falling due in the month (12 months from the plan, then the date each review decision set, s.44) whose review decision was made on or before the due date, over all reviews due in the month of plans still maintained.',
    figure: (ctx, month) => {
      const cases: CaseLine[] = [];
      let numerator = 0;
      let denominator = 0;
      for (const due of reviewsDueByMonth(ctx).get(month) ?? []) {
        if (!ctx.index.planActiveOn(due.caseId, due.dueBy)) continue;
        const onTime = due.decidedOn !== null && due.decidedOn <= due.dueBy;
        denominator++;
        if (onTime) numerator++;
        // a decision after the month's end is not the month's news (and the pack need not load it)
        const decided = due.decidedOn !== null && due.decidedOn <= lastDayOf(month) ? `decided ${due.decidedOn}` : 'not decided by the month\'s end';
        if (ctx.detail) cases.push({ caseId: due.caseId, reference: ctx.index.reference(due.caseId), inNumerator: onTime, detail: `due ${due.dueBy}, ${decided}` });
      }
      return { numerator, denominator, cases, provisional: lastDayOf(month) > ctx.latest };
    },
  },
  {
    name: 'reviewDecisionsWithinFourWeeks', title: 'Review decisions within 4 weeks of the meeting', source: 'annual-review', unit: 'share',
    definition: 'Review decisions (maintain, amend, cease) made in the month within 4 weeks of the review meeting (reg 20(10)), over all review decisions made in the month.',
    figure: (ctx, month) => share(ctx, inMonth(ctx, 'review-decision', month), (f) => (f as Fact<'review-decision'>).data.withinStatutoryTime,
      (f) => `${(f as Fact<'review-decision'>).data.outcome} ${f.on}`),
  },
  {
    name: 'amendmentsWithinEightWeeks', title: 'Amendments finalised within 8 weeks of the notice', source: 'annual-review', unit: 'share',
    definition: 'Amended plans issued and decisions not to amend made in the month within 8 weeks of the amendment notice (reg 22(3)), over all of them made in the month.',
    figure: (ctx, month) => share(ctx, [...inMonth(ctx, 'amended-plan', month), ...inMonth(ctx, 'not-to-amend', month)] as Fact[],
      (f) => (f.data as { withinStatutoryTime: boolean }).withinStatutoryTime, (f) => `${f.kind === 'amended-plan' ? 'amended plan' : 'decided not to amend'} ${f.on}`),
  },
  {
    name: 'phaseTransfersOnTime', title: 'Phase transfers on time', source: 'annual-review', unit: 'share',
    definition: 'The transfer year\'s cohort (plans maintained at the month\'s end, or at the deadline if earlier, whose child moves into Reception, Year 7 or Year 12 that September by the plan\'s cohort, or any plan amended for a phase transfer that year by then): those amended naming the new setting before 15 February (31 March into post-16, reg 18(1)) by the month\'s end. The month reports the coming transfer year from September; provisional until the deadlines pass.',
    figure: (ctx, month) => {
      const year = transferYearOf(month);
      // as the month ends: the cohort's plans maintained then, and the amendments made by then
      const at = snapshotOf(ctx, month);
      const { due, metBy } = once(ctx, `phase-transfers:${year}:${at}`, () => {
        const due = new Map<string, { kind: string; deadline: CalendarDate }>();
        for (const plan of ctx.index.of('final-plan')) {
          const reception = plan.data.receptionYear;
          const kind = reception === null ? undefined : TRANSFER_OFFSETS[year - reception];
          if (kind && ctx.index.planActiveOn(plan.caseId, minDate(phaseDeadline(year, kind), at))) due.set(plan.caseId, { kind, deadline: phaseDeadline(year, kind) });
        }
        const amended = ctx.index.of('amended-plan').filter((f) => f.data.phaseTransfer?.transferYear === year && f.on <= at);
        for (const f of amended) due.set(f.caseId, { kind: f.data.phaseTransfer!.kind, deadline: f.data.phaseTransfer!.deadline });
        return { due, metBy: new Set(amended.filter((f) => f.data.phaseTransfer!.met).map((f) => f.caseId)) };
      });
      let numerator = 0;
      const cases: CaseLine[] = [];
      for (const [caseId, d] of due) {
        const met = metBy.has(caseId);
        if (met) numerator++;
        if (ctx.detail) cases.push({ caseId, reference: ctx.index.reference(caseId), inNumerator: met, detail: `${d.kind} ${year}, last lawful day ${d.deadline}` });
      }
      return { numerator, denominator: due.size, cases, provisional: `${year}-03-30` > ctx.latest };
    },
  },
  {
    name: 'caseloadPerCaseworker', title: 'Caseload per caseworker', source: 'needs-assessment', unit: 'mean',
    definition: 'At the snapshot: active plans (and open assessments, PERFORMANCE_CASELOAD_INCLUDES_ASSESSMENTS) allocated to a caseworker, over the number of caseworkers holding any. By head, not FTE: FTE is not recorded in the hub.',
    figure: (ctx, month) => {
      const at = snapshotOf(ctx, month);
      const holder = new Map<string, string>();
      for (const plan of ctx.index.of('final-plan')) if (plan.data.caseworkerId && ctx.index.planActiveOn(plan.caseId, at)) holder.set(plan.caseId, plan.data.caseworkerId);
      if (ctx.settings.caseloadIncludesAssessments) {
        for (const q of requestDeadlines(ctx)) {
          const caseworker = (q.r as Fact<'requested'>).data.caseworkerId;
          if (caseworker && openOn(q, at)) holder.set(q.r.caseId, caseworker);
        }
      }
      const breakdown: Record<string, number> = {};
      for (const caseworker of holder.values()) breakdown[caseworker] = (breakdown[caseworker] ?? 0) + 1;
      const cases = ctx.detail ? [...holder].map(([caseId, cw]): CaseLine => ({ caseId, reference: ctx.index.reference(caseId), inNumerator: true, detail: cw })) : [];
      return { numerator: holder.size, denominator: Object.keys(breakdown).length, cases, breakdown };
    },
  },
  {
    name: 'mediationCertificatesIssued', title: 'Mediation certificates issued', source: 'tribunal', unit: 'count',
    definition: 'Certificates issued in the month (reg 34, 37, 39), split by what they followed: declined, mediation ended, not arranged.',
    figure: (ctx, month) => {
      const facts = inMonth(ctx, 'mediation-certificate', month);
      return {
        numerator: facts.length, denominator: null, cases: lines(ctx, facts, (f) => `issued ${f.on}${(f as Fact<'mediation-certificate'>).data.mediationHeld ? ' after mediation' : ''}`),
        breakdown: count(facts, (f) => ((f as Fact<'mediation-certificate'>).data.mediationHeld ? 'after mediation' : 'without mediation')),
      };
    },
  },
  {
    name: 'mediationsHeldWithin30Days', title: 'Mediations held within 30 days', source: 'tribunal', unit: 'share',
    definition: 'Mediations that ended in the month (certificate issued after a mediation) held within 30 days of the request (reg 37), over all of them.',
    figure: (ctx, month) => share(ctx, inMonth(ctx, 'mediation-certificate', month).filter((f) => f.data.mediationHeld),
      (f) => (f as Fact<'mediation-certificate'>).data.heldWithin30Days === true, (f) => `certificate ${f.on}`),
  },
  {
    name: 'mediationsFollowedByAppeal', title: 'Mediations followed by an appeal', source: 'tribunal', unit: 'share',
    definition: 'Mediations that ended in the month whose decision was later appealed (as recorded by the as-at date), over all mediations that ended in the month.',
    figure: (ctx, month) => share(ctx, inMonth(ctx, 'mediation-certificate', month).filter((f) => f.data.mediationHeld),
      (f) => appealedDecisions(ctx).has((f as Fact<'mediation-certificate'>).data.decisionId), (f) => `certificate ${f.on}`),
  },
  {
    name: 'appealsRegistered', title: 'Appeals registered', source: 'tribunal', unit: 'count',
    definition: 'Appeals registered with the tribunal in the month, by type (refusal to assess, refusal to issue, contents B/F/I, section I only, cease, refusal to amend, refusal to reassess).',
    figure: (ctx, month) => {
      const facts = inMonth(ctx, 'appeal-registered', month);
      return { numerator: facts.length, denominator: null, cases: lines(ctx, facts, (f) => `${(f as Fact<'appeal-registered'>).data.type} registered ${f.on}`), breakdown: count(facts, (f) => (f as Fact<'appeal-registered'>).data.type) };
    },
  },
  {
    name: 'appealRate', title: 'Appealable decisions appealed', source: 'tribunal', unit: 'share',
    definition: 'Cohort: appealable decisions notified in the month (the appeal window opened by the decision letter) that were appealed, as recorded by the as-at date. Provisional until every window in the cohort has closed.',
    figure: (ctx, month) => {
      const windows = inMonth(ctx, 'appeal-window', month);
      const appealed = appealedDecisions(ctx);
      const figure = share(ctx, windows, (f) => appealed.has((f as Fact<'appeal-window'>).data.decisionId),
        (f) => `${(f as Fact<'appeal-window'>).data.decisionType} notified ${f.on}`);
      return { ...figure, provisional: windows.some((w) => w.data.appealDueBy >= ctx.latest) };
    },
  },
  {
    name: 'appealRateFlow', title: 'Appeals registered against decisions two months earlier', source: 'tribunal', unit: 'share',
    definition: 'Flow alternative (domain §9): appeals registered in the month, over appealable decisions notified two months earlier. Not a share of one cohort; it can exceed 1.',
    figure: (ctx, month) => {
      const appeals = inMonth(ctx, 'appeal-registered', month);
      const decisions = inMonth(ctx, 'appeal-window', addMonthsTo(month, -2));
      return { numerator: appeals.length, denominator: decisions.length, cases: lines(ctx, appeals, (f) => `${(f as Fact<'appeal-registered'>).data.type} registered ${f.on}`) };
    },
  },
  {
    name: 'tribunalOutcomes', title: 'Tribunal appeals decided in the family\'s favour', source: 'tribunal', unit: 'share',
    definition: 'Appeals the tribunal decided in the month allowed wholly or in part, over all appeals it decided (allowed, allowed in part, dismissed, remitted). Withdrawn, conceded and consent orders are in the breakdown, outside the share.',
    figure: (ctx, month) => {
      const concluded = inMonth(ctx, 'appeal-concluded', month);
      const decided = concluded.filter((f) => ['allowed', 'allowed-in-part', 'dismissed', 'remitted'].includes(f.data.outcome));
      const figure = share(ctx, decided, (f) => ['allowed', 'allowed-in-part'].includes((f as Fact<'appeal-concluded'>).data.outcome), (f) => `${(f as Fact<'appeal-concluded'>).data.outcome} ${f.on}`);
      return { ...figure, breakdown: count(concluded, (f) => (f as Fact<'appeal-concluded'>).data.outcome) };
    },
  },
  {
    name: 'ordersCompliedOnTime', title: 'Tribunal orders complied with on time', source: 'tribunal', unit: 'share',
    definition: 'Orders complied with in the month within their reg 44 periods, over all complied with in the month; orders under a reg 44(3) exception are left out of both.',
    figure: (ctx, month) => share(ctx, inMonth(ctx, 'order-complied', month).filter((f) => !f.data.excepted), (f) => (f as Fact<'order-complied'>).data.onTime, (f) => `complied ${f.on}`),
  },
  ...(['fundingCommitted', 'fundingForecastNextYear'] as const).map((name): MeasureSpec => ({
    name, title: name === 'fundingCommitted' ? 'Top-up funding committed this financial year' : 'Top-up funding forecast for next financial year', source: 'funding', unit: 'pence',
    definition: name === 'fundingCommitted'
      ? 'Element 3 top-up committed for the financial year containing the month (1 April–31 March), from each plan\'s latest commitment recorded by the month\'s end, in pence.'
      : 'The same for the following financial year: fixed commitments in it, plus open-ended top-ups at their annual rate, in pence.',
    figure: (ctx, month) => {
      const fy = name === 'fundingCommitted' ? financialYearOf(lastDayOf(month)) : nextFinancialYear(financialYearOf(lastDayOf(month)));
      const committed = latestCommitments(ctx, snapshotOf(ctx, month));
      const fyStart = financialYearStartYear(fy);
      let numerator = 0;
      let plans = 0;
      const cases: CaseLine[] = [];
      for (const f of committed) {
        const fixed = f.data.commitments.find((c) => c.fy === fy)?.pence ?? 0;
        const open = fyStart > fyStartOf(f.on) ? f.data.annualPence : 0;
        if (fixed + open === 0) continue;
        numerator += fixed + open;
        plans++;
        // finance's own reference for the plan, as the commitment carries it
        if (ctx.detail) cases.push({ caseId: f.caseId, reference: f.data.reference ?? null, inNumerator: true, detail: `${fy}: ${fixed + open} pence` });
      }
      return { numerator, denominator: null, cases, breakdown: { [fy]: plans } };
    },
  })),
  {
    name: 'surveyResponseRate', title: 'Survey response rate', source: 'surveys', unit: 'share',
    definition: 'Survey invitations sent in the month that were answered (as recorded by the as-at date), over all sent in the month.',
    figure: (ctx, month) => {
      const m = surveyMonth(ctx, month);
      return { numerator: m.answered, denominator: m.invited, cases: [], breakdown: { ...m.invitedByTrigger } };
    },
  },
  {
    name: 'surveyMeanScore', title: 'Survey mean score (1–5)', source: 'surveys', unit: 'mean',
    definition: 'The mean of every 1–5 answer to the invitations sent in the month (numerator: the scores\' sum; denominator: how many).',
    figure: (ctx, month) => {
      const m = surveyMonth(ctx, month);
      return { numerator: m.scoreSum, denominator: m.scoreCount, cases: [] };
    },
  },
];

export interface TrendPoint { month: Month; value: number | null; numerator: number | null; denominator: number | null }

export interface MeasureReport {
  title: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  unit: Unit;
  definition: string;
  source: Source;
  /** ok; no-cases (nothing to divide); source-not-landed (the source's contract is not read yet). */
  status: 'ok' | 'no-cases' | 'source-not-landed';
  provisional: boolean;
  /** Counts behind the figure by requester, stage, type… (null: suppressed, 1 to 4). */
  breakdown: Record<string, number | null>;
  trend: TrendPoint[];
  /** Drill-down (the cases behind the figure): removed from the answer for aggregate-only readers. */
  cases: CaseLine[];
  /** Some count of 1 to 4 was withheld from an aggregate-only reader. */
  suppressed?: boolean;
}

export interface Pack {
  month: Month;
  /** The as-at date or instant the pack was produced from (null: everything recorded so far). */
  asAt: string | null;
  snapshotOn: CalendarDate;
  measures: Record<string, MeasureReport>;
}

export const valueOf = (unit: Unit, f: { numerator: number; denominator: number | null }): number | null =>
  unit === 'count' || unit === 'pence' ? f.numerator : f.denominator ? f.numerator / f.denominator : null;

/** The pack for `month` from the facts in `ctx` (already limited to those recorded by the as-at time). */
export function computePack(ctx: PackContext, month: Month, asAt: string | null): Pack {
  const measures: Record<string, MeasureReport> = {};
  for (const spec of MEASURES) {
    const landed = ctx.settings.sources.includes(spec.source);
    const base = { title: spec.title, unit: spec.unit, definition: spec.definition, source: spec.source };
    if (!landed) {
      measures[spec.name] = { ...base, value: null, numerator: null, denominator: null, status: 'source-not-landed', provisional: false, breakdown: {}, trend: [], cases: [] };
      continue;
    }
    const trend = monthsEndingWith(month, 12).map((m) => {
      const f = spec.figure({ ...ctx, detail: m === month }, m);
      return { month: m, value: valueOf(spec.unit, f), numerator: f.numerator, denominator: f.denominator, figure: f };
    });
    const current = trend[trend.length - 1].figure;
    const value = valueOf(spec.unit, current);
    measures[spec.name] = {
      ...base, value, numerator: current.numerator, denominator: current.denominator,
      status: value === null ? 'no-cases' : 'ok', provisional: current.provisional ?? false, breakdown: current.breakdown ?? {},
      trend: trend.map(({ figure: _figure, ...point }) => point), cases: current.cases,
    };
  }
  return { month, asAt, snapshotOn: snapshotOf(ctx, month), measures };
}
