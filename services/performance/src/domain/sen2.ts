import { calendarDate, type CalendarDate } from '@ehc/domain-kernel';
import { CaseIndex } from './case-index';
import type { Fact, FactKind } from './facts';
import { censusDateOf } from './months';

/*
 * The DfE's person-level SEN2 return, built from the hub's facts. Item names and codes follow the
 * DfE's "Special educational needs person level survey" guide and technical specification (modules:
 * 1 person, 2 requests, 3 EHC needs assessments, 4 named plan, 5 active plans / placements). The
 * hub records no personal details in its events, so module 1 is empty: see SEN2_GAPS.
 */

/** Item 2.4 RequestOutcome: Y assessed, N not assessed, A decision yet to be made, W withdrawn or ceased first, H decided before the period. */
export type Sen2RequestOutcome = 'Y' | 'N' | 'A' | 'W' | 'H';
/** Item 3.1 AssessmentOutcome (decision to issue a plan), same letters as the request's. */
export type Sen2AssessmentOutcome = 'Y' | 'N' | 'A' | 'W' | 'H';
/** Item 4.6 CeaseReason. */
export type Sen2CeaseReason = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
/** Items 4.7c / 5.7c SENsetting: a placement with no URN or UKPRN. */
export type Sen2SettingCode = 'OLA' | 'OPA' | 'EHE' | 'EYP' | 'OTH' | 'NEET' | 'NIEC' | 'NIEO';
export type Sen2AgeBand = 'under 5' | '5 to 10' | '11 to 15' | '16 to 19' | '20 to 25';

export const SEN2_CEASE_REASONS: Readonly<Record<Sen2CeaseReason, string>> = {
  1: 'Max Age', 2: 'Needs Met', 3: 'Higher Ed', 4: 'Employed', 5: 'Transfer Out', 6: 'No Engagement', 7: 'Left England', 8: 'Deceased', 9: 'Other',
};

/** s.45 / reg 29 grounds as the annual-review contract publishes them, in SEN2's words. */
const CEASE_REASON_OF: Readonly<Record<string, Sen2CeaseReason>> = {
  'max-age': 1, 'no-longer-necessary': 2, 'higher-education': 3, 'paid-employment': 4, 'no-longer-responsible-moved': 5, 'disengaged-18-plus': 6,
};
/** A plan holder's case closed without a cease decision: death has no statutory rule (domain §2.7), nor leaving England. */
const CLOSURE_CEASE_REASON_OF: Readonly<Record<string, Sen2CeaseReason>> = { 'died': 8, 'left-england': 7, 'moved-to-another-authority': 5 };

/** Setting types the DfE expects no URN for: EOTAS under s.61 (OLA), and early-years providers not on GIAS (EYP). */
const SETTING_CODE_OF_TYPE: Readonly<Record<string, Sen2SettingCode>> = { 'otherwise-than-at-school': 'OLA', 'early-years': 'EYP' };

/** Items the hub does not record: left out of the return, never made up. */
export const SEN2_GAPS: readonly { item: string; why: string }[] = [
  { item: 'Surname', why: 'Events carry a person id only (STYLE §1); names live in the people service and are not read by the pack.' },
  { item: 'Forename', why: 'As Surname.' },
  { item: 'PersonBirthDate', why: 'No contract publishes a date of birth; final plans carry only the Reception-year cohort.' },
  { item: 'Sex', why: 'Not in any published contract.' },
  { item: 'Ethnicity', why: 'Not in any published contract.' },
  { item: 'PostCode', why: 'Not in any published contract (an address is personal data kept out of events).' },
  { item: 'UPN', why: 'Not in any published contract.' },
  { item: 'UniqueLearnerNumber', why: 'Not in any published contract.' },
  { item: 'UPNunknown', why: 'Depends on UPN and ULN, which the hub does not hold.' },
  { item: 'RequestSource', why: 'The request records who asked (requestedBy), but the DfE code list for this item was not available to map it.' },
  { item: 'RYA', why: 'Whether a request was made while the young person was in relevant youth accommodation is not recorded.' },
  { item: 'Exported', why: 'A move out mid-assessment closes the case (moved-to-another-authority) and is returned as W; the DfE flag itself is not recorded.' },
  { item: 'TransferLA', why: 'The authority a plan came from on a reg 15 transfer in is not in any contract.' },
  { item: 'PlacementRank', why: 'One named setting per plan is published; no ranking of dual placements.' },
  { item: 'SENunitIndicator / ResourcedProvisionIndicator', why: 'Only amended plans carry a setting type; final plans do not, so the flag cannot be given for every placement.' },
  { item: 'EntryDate / LeavingDate', why: 'The hub records the day a plan named a setting, not the days the child started or left it.' },
  { item: 'AttendancePattern', why: 'Not recorded.' },
  { item: 'PlanRes / RES (residential)', why: 'Not recorded.' },
  { item: 'PlanWPB / WPB (work-based learning)', why: 'Not recorded.' },
  { item: 'PB / OA / DP (personal budget)', why: 'Personal budgets are not in any published contract.' },
  { item: 'SENtype / SENtypeRank (primary need ranking)', why: 'The plan\'s needs (section B) are not published as coded types.' },
  { item: 'ReviewMeeting', why: 'Only the review decision is published, not the meeting date.' },
  { item: 'SoftwareCode / Release / SerialNo / DateTime (header)', why: 'Set by the export at upload time; the return itself is computed without a clock.' },
];

export interface Sen2CaseKey {
  caseId: string;
  /** The case's reference, so the caseworker can open it. */
  reference: string | null;
  /** The child (the person), grouping a child's requests in one person record. */
  childId: string | null;
}

export interface Sen2Request extends Sen2CaseKey {
  receivedDate: CalendarDate | null;
  /** Received in the flows year (the rest are in scope as ongoing work or as a plan's request). */
  receivedInYear: boolean;
  requestOutcome: Sen2RequestOutcome;
  /** The decision's date; for W the day the case closed (the DfE asks for no date with W, A or H). */
  requestOutcomeDate: CalendarDate | null;
  requestMediation: boolean;
  requestTribunal: boolean;
}

export interface Sen2Assessment extends Sen2CaseKey {
  assessmentOutcome: Sen2AssessmentOutcome;
  assessmentOutcomeDate: CalendarDate | null;
  assessmentMediation: boolean;
  assessmentTribunal: boolean;
  /** Mediation or an appeal about the plan once made (contents, amendment, cease). */
  otherMediation: boolean;
  otherTribunal: boolean;
  /** A reg 10(4) exception lifted the 20-week limit. */
  week20: boolean;
}

export interface Sen2Setting {
  urn: string | null;
  ukprn: string | null;
  name: string;
  /** The setting type when an amended plan published one; final plans do not. */
  type: string | null;
  senSetting: Sen2SettingCode | null;
}

export interface Sen2NamedPlan extends Sen2CaseKey {
  startDate: CalendarDate;
  /** The setting the final plan named. */
  setting: Sen2Setting;
  /** Started in the flows year. */
  newInYear: boolean;
}

export interface Sen2CeasedPlan extends Sen2CaseKey {
  startDate: CalendarDate | null;
  ceaseDate: CalendarDate;
  ceaseReason: Sen2CeaseReason;
  /** The hub's own reason, as published. */
  hubReason: string;
}

export interface Sen2Placement extends Sen2CaseKey {
  setting: Sen2Setting;
  /** The day a plan (final or amended) named it. */
  namedOn: CalendarDate;
  /** The day a later plan named another setting, if one did by the census date. */
  replacedOn: CalendarDate | null;
  namedBy: 'final-plan' | 'amended-plan';
}

export interface Sen2ActivePlan extends Sen2CaseKey {
  startDate: CalendarDate;
  /** The setting in force at the census date. */
  setting: Sen2Setting;
  /** Item 5.10 LastReview: the latest review decision on or before the census date. */
  lastReview: CalendarDate | null;
  /** Census year − Reception year + 4, when the cohort is known; age on 31 August before the census, as school years count it. */
  ageAtCensus: number | null;
  ageBand: Sen2AgeBand | null;
}

export interface Sen2Totals {
  activePlans: number;
  activePlansByAgeBand: Record<string, number>;
  requestsReceived: number;
  /** Outcomes of the requests received in the year, as at the census date. */
  requestOutcomes: Record<Sen2RequestOutcome, number>;
  /** Assessments whose outcome is dated in the year. */
  assessmentsPlanIssued: number;
  assessmentsNoPlan: number;
  newPlans: number;
  newPlansWithException: number;
  ceasedPlans: number;
  ceasedByReason: Record<string, number>;
}

export interface Sen2Return {
  year: number;
  censusDate: CalendarDate;
  flowsFrom: CalendarDate;
  flowsTo: CalendarDate;
  stock: Sen2ActivePlan[];
  requests: Sen2Request[];
  assessments: Sen2Assessment[];
  /** Every plan in the return (module 4), new or older; `newPlans` are those started in the year. */
  namedPlans: Sen2NamedPlan[];
  newPlans: Sen2NamedPlan[];
  ceased: Sen2CeasedPlan[];
  placements: Sen2Placement[];
  totals: Sen2Totals;
  gaps: typeof SEN2_GAPS;
}

export interface Sen2Issue {
  /** Stable code, for filtering and for tests. */
  rule: string;
  message: string;
  caseId: string;
  reference: string | null;
  /** The SEN2 item at fault. */
  field: string;
}

const ageBandOf = (age: number): Sen2AgeBand | null =>
  age < 0 || age > 25 ? null : age < 5 ? 'under 5' : age <= 10 ? '5 to 10' : age <= 15 ? '11 to 15' : age <= 19 ? '16 to 19' : '20 to 25';

/** A UKPRN is eight digits starting with 1; anything else in the contract's `urn` is a URN. */
const settingOf = (s: { urn: string | null; name: string; type?: string }): Sen2Setting => {
  const ukprn = s.urn !== null && /^1\d{7}$/.test(s.urn) ? s.urn : null;
  const type = s.type ?? null;
  // a type with no named institution is SEN2's OTH ("a type of setting specified but no setting named")
  const senSetting = s.urn !== null ? null : type === null ? null : (SETTING_CODE_OF_TYPE[type] ?? 'OTH');
  return { urn: ukprn ? null : s.urn, ukprn, name: s.name, type, senSetting };
};

type Channel = 'request' | 'assessment' | 'other';

/** Which SEN2 flag pair a decision's mediation or appeal belongs to, by what was decided. */
const CHANNEL_OF_DECISION: Readonly<Record<string, Channel>> = { 'refusal-to-assess': 'request', 'decision-not-to-issue': 'assessment' };
const CHANNEL_OF_APPEAL: Readonly<Record<string, Channel>> = { 'refusal-to-assess': 'request', 'refusal-to-issue': 'assessment' };

/** The kinds of fact the return is made from. */
export const SEN2_FACT_KINDS: readonly FactKind[] = [
  'requested', 'decided-to-assess', 'refused-to-assess', 'not-to-issue', 'final-plan', 'case-closed', 'review-decision', 'amended-plan', 'plan-ceased',
  'appeal-window', 'mediation-requested', 'appeal-registered',
];

/**
 * The SEN2 return for collection year `year`: the plans active on the census date (the third
 * Thursday in January), and the flows of the previous calendar year. Every case in the return is
 * one request record (DfE scope: requests received in the year, work completed or still open in it,
 * and the requests behind the active and ceased plans); outcomes are as known on the census date.
 */
export function sen2Return(facts: readonly Fact[], year: number): Sen2Return {
  const index = new CaseIndex(facts);
  const censusDate = censusDateOf(year);
  const flowsFrom = calendarDate(year - 1, 1, 1);
  const flowsTo = calendarDate(year - 1, 12, 31);
  const inFlows = (d: CalendarDate) => d >= flowsFrom && d <= flowsTo;
  const known = (f: Fact) => f.on <= censusDate;

  const decisionChannel = new Map<string, Channel>();
  for (const w of index.of('appeal-window')) decisionChannel.set(w.data.decisionId, CHANNEL_OF_DECISION[w.data.decisionType] ?? 'other');
  const channelsOf = (caseId: string) => {
    const mediation = new Set<Channel>();
    const tribunal = new Set<Channel>();
    for (const f of index.caseFacts(caseId).filter(known)) {
      // a request for a certificate only is not mediation
      if (f.kind === 'mediation-requested' && (f as Fact<'mediation-requested'>).data.wantsMediation) {
        mediation.add(decisionChannel.get((f as Fact<'mediation-requested'>).data.decisionId) ?? 'other');
      }
      if (f.kind === 'appeal-registered') {
        const d = (f as Fact<'appeal-registered'>).data;
        tribunal.add(decisionChannel.get(d.decisionId) ?? CHANNEL_OF_APPEAL[d.type] ?? 'other');
      }
    }
    return { mediation, tribunal };
  };

  const stock: Sen2ActivePlan[] = [];
  const requests: Sen2Request[] = [];
  const assessments: Sen2Assessment[] = [];
  const namedPlans: Sen2NamedPlan[] = [];
  const ceased: Sen2CeasedPlan[] = [];
  const placements: Sen2Placement[] = [];

  for (const caseId of index.cases()) {
    const all = index.caseFacts(caseId).filter(known);
    const first = <K extends Fact['kind']>(kind: K) => all.find((f) => f.kind === kind) as Fact<K> | undefined;
    const requested = first('requested');
    const plan = first('final-plan');
    const receivedDate = requested?.on ?? plan?.data.receivedOn ?? null;
    if (receivedDate === null) continue; // a tribunal- or funding-only case: nothing SEN2 counts
    const toAssess = first('decided-to-assess');
    const refused = first('refused-to-assess');
    const notToIssue = first('not-to-issue');
    const closed = first('case-closed');
    const planCeased = first('plan-ceased');
    const planActive = plan !== undefined && index.planActiveOn(caseId, censusDate);

    const ceaseFact = plan && planCeased ? { on: planCeased.on, reason: CEASE_REASON_OF[planCeased.data.reason] ?? 9, hubReason: planCeased.data.reason }
      : plan && closed && closed.on >= plan.on ? { on: closed.on, reason: CLOSURE_CEASE_REASON_OF[closed.data.reason] ?? 9, hubReason: `case closed: ${closed.data.reason}` }
      : null;
    const ceasedInYear = ceaseFact !== null && inFlows(ceaseFact.on);

    const ended = [refused, notToIssue, plan, closed].filter((f) => f !== undefined).map((f) => f.on).sort()[0];
    const openAtFlowsEnd = receivedDate <= flowsTo && (ended === undefined || ended > flowsTo);
    const workedInYear = inFlows(receivedDate) || [toAssess, refused, notToIssue, plan].some((f) => f !== undefined && inFlows(f.on));
    if (!(planActive || ceasedInYear || workedInYear || openAtFlowsEnd)) continue;

    const key: Sen2CaseKey = { caseId, reference: index.reference(caseId), childId: requested?.data.childId ?? plan?.data.childId ?? null };
    const { mediation, tribunal } = channelsOf(caseId);

    // the decision whether to assess; a final plan with no decision on file is a case from before the hub
    const decision = toAssess ?? refused;
    const request: Sen2Request = {
      ...key, receivedDate, receivedInYear: inFlows(receivedDate),
      requestOutcome: decision ? (decision.on < flowsFrom ? 'H' : decision === toAssess ? 'Y' : 'N')
        : plan ? (plan.on < flowsFrom ? 'H' : 'Y')
        : closed ? 'W' : 'A',
      requestOutcomeDate: decision ? decision.on : !plan && closed ? closed.on : null,
      requestMediation: mediation.has('request'), requestTribunal: tribunal.has('request'),
    };
    if (request.requestOutcome === 'H') request.requestOutcomeDate = null;
    requests.push(request);

    if (toAssess || plan || notToIssue) {
      const outcome = plan ?? notToIssue;
      const assessmentOutcome: Sen2AssessmentOutcome = outcome
        ? (outcome.on < flowsFrom ? 'H' : outcome === plan ? 'Y' : 'N')
        : closed ? 'W' : 'A';
      assessments.push({
        ...key, assessmentOutcome,
        assessmentOutcomeDate: outcome && (assessmentOutcome === 'Y' || assessmentOutcome === 'N') ? outcome.on : null,
        assessmentMediation: mediation.has('assessment'), assessmentTribunal: tribunal.has('assessment'),
        otherMediation: mediation.has('other'), otherTribunal: tribunal.has('other'),
        week20: plan?.data.excepted ?? false,
      });
    }

    if (!plan) continue;
    namedPlans.push({ ...key, startDate: plan.on, setting: settingOf(plan.data.setting), newInYear: inFlows(plan.on) });
    if (ceasedInYear) ceased.push({ ...key, startDate: plan.on, ceaseDate: ceaseFact.on, ceaseReason: ceaseFact.reason, hubReason: ceaseFact.hubReason });

    const namings: Sen2Placement[] = [];
    for (const f of all) {
      if (f.kind !== 'final-plan' && f.kind !== 'amended-plan') continue;
      const setting = settingOf((f as Fact<'final-plan' | 'amended-plan'>).data.setting);
      const previous = namings[namings.length - 1];
      if (previous) previous.replacedOn = f.on;
      namings.push({ ...key, setting, namedOn: f.on, replacedOn: null, namedBy: f.kind });
    }
    // the placements the year saw: the one in force when it began and each named since
    placements.push(...namings.filter((p) => p.replacedOn === null || p.replacedOn > flowsFrom));

    if (planActive) {
      const reviews = all.filter((f) => f.kind === 'review-decision');
      const receptionYear = plan.data.receptionYear;
      const ageAtCensus = receptionYear === null ? null : year - receptionYear + 4;
      stock.push({
        ...key, startDate: plan.on, setting: namings[namings.length - 1].setting,
        lastReview: reviews.length > 0 ? reviews[reviews.length - 1].on : null,
        ageAtCensus, ageBand: ageAtCensus === null ? null : ageBandOf(ageAtCensus),
      });
    }
  }

  const newPlans = namedPlans.filter((p) => p.newInYear);
  const received = requests.filter((r) => r.receivedInYear);
  const count = <T>(items: T[], by: (t: T) => string) => {
    const out: Record<string, number> = {};
    for (const t of items) out[by(t)] = (out[by(t)] ?? 0) + 1;
    return out;
  };
  const assessmentsDated = assessments.filter((a) => a.assessmentOutcomeDate !== null && inFlows(a.assessmentOutcomeDate));
  const totals: Sen2Totals = {
    activePlans: stock.length,
    activePlansByAgeBand: count(stock, (s) => s.ageBand ?? 'unknown'),
    requestsReceived: received.length,
    requestOutcomes: { Y: 0, N: 0, A: 0, W: 0, H: 0, ...count(received, (r) => r.requestOutcome) },
    assessmentsPlanIssued: assessmentsDated.filter((a) => a.assessmentOutcome === 'Y').length,
    assessmentsNoPlan: assessmentsDated.filter((a) => a.assessmentOutcome === 'N').length,
    newPlans: newPlans.length,
    newPlansWithException: assessments.filter((a) => a.week20 && newPlans.some((p) => p.caseId === a.caseId)).length,
    ceasedPlans: ceased.length,
    ceasedByReason: count(ceased, (c) => SEN2_CEASE_REASONS[c.ceaseReason]),
  };
  return { year, censusDate, flowsFrom, flowsTo, stock, requests, assessments, namedPlans, newPlans, ceased, placements, totals, gaps: SEN2_GAPS };
}

/** DfE-style checks the hub's facts can answer; each names the case and the SEN2 item at fault. */
export function validateSen2(ret: Sen2Return): Sen2Issue[] {
  const issues: Sen2Issue[] = [];
  const issue = (k: Sen2CaseKey, rule: string, field: string, message: string) =>
    issues.push({ rule, message, caseId: k.caseId, reference: k.reference, field });
  const requestOf = new Map(ret.requests.map((r) => [r.caseId, r]));
  const assessmentOf = new Map(ret.assessments.map((a) => [a.caseId, a]));

  for (const r of ret.requests) {
    if (r.receivedDate && r.requestOutcomeDate && r.requestOutcomeDate < r.receivedDate) {
      issue(r, 'request-outcome-before-received', 'RequestOutcomeDate', `Request outcome date ${r.requestOutcomeDate} is before the date the request was received (${r.receivedDate}).`);
    }
    if ((r.requestOutcome === 'Y' || r.requestOutcome === 'N') && r.requestOutcomeDate === null) {
      issue(r, 'request-outcome-date-missing', 'RequestOutcomeDate', `Request outcome is ${r.requestOutcome} but no request outcome date is recorded.`);
    }
  }
  for (const a of ret.assessments) {
    const r = requestOf.get(a.caseId);
    if (!r || (r.requestOutcome !== 'Y' && r.requestOutcome !== 'H')) {
      issue(a, 'assessment-without-decision-to-assess', 'AssessmentOutcome',
        `An assessment outcome is recorded but the request outcome is ${r?.requestOutcome ?? 'missing'}, not Y (the LA decided to assess).`);
    }
    if (r?.receivedDate && a.assessmentOutcomeDate && a.assessmentOutcomeDate < r.receivedDate) {
      issue(a, 'assessment-outcome-before-received', 'AssessmentOutcomeDate', `Assessment outcome date ${a.assessmentOutcomeDate} is before the date the request was received (${r.receivedDate}).`);
    }
  }
  for (const p of ret.namedPlans) {
    const a = assessmentOf.get(p.caseId);
    if (!a || (a.assessmentOutcome !== 'Y' && a.assessmentOutcome !== 'H')) {
      issue(p, 'plan-without-assessment', 'StartDate', `A plan starting ${p.startDate} has no assessment with outcome Y (plan to be issued).`);
    }
    const received = requestOf.get(p.caseId)?.receivedDate;
    if (received && p.startDate < received) {
      issue(p, 'plan-start-before-request', 'StartDate', `Plan start date ${p.startDate} is before the date the request was received (${received}).`);
    }
  }
  const missingUrn = (s: Sen2Setting) => s.urn === null && s.ukprn === null && s.senSetting === null;
  for (const p of ret.placements) {
    if (missingUrn(p.setting)) {
      issue(p, 'missing-urn', 'URN', `The setting named on ${p.namedOn} ("${p.setting.name}") has no URN or UKPRN and no SEN setting code (such as OLA or EYP).`);
    }
  }
  for (const c of ret.ceased) {
    if (c.startDate && c.ceaseDate < c.startDate) {
      issue(c, 'ceased-before-start', 'CeaseDate', `Cease date ${c.ceaseDate} is before the plan's start date (${c.startDate}).`);
    }
  }
  for (const s of ret.stock) {
    if (s.ageAtCensus !== null && (s.ageAtCensus < 0 || s.ageAtCensus > 25)) {
      issue(s, 'age-out-of-range', 'PersonBirthDate', `Age at the census date works out at ${s.ageAtCensus} from the Reception year on the plan; an EHC plan covers ages 0 to 25.`);
    }
  }
  const open = (r: Sen2Request) => r.requestOutcome === 'A' || assessmentOf.get(r.caseId)?.assessmentOutcome === 'A';
  const openByChild = new Map<string, Sen2Request>();
  for (const r of ret.requests) {
    if (r.childId === null || !open(r)) continue;
    const earlier = openByChild.get(r.childId);
    if (earlier) {
      issue(r, 'duplicate-open-request', 'ReceivedDate',
        `The child already has an open request (${earlier.reference ?? earlier.caseId}, received ${earlier.receivedDate}); a second request received ${r.receivedDate} is also open.`);
    } else openByChild.set(r.childId, r);
  }
  return issues;
}
