/**
 * A synthetic county: seeded, reproducible histories of EHC needs assessment cases, written as the
 * caseworker commands that would produce them (the HTTP command names and bodies of
 * api/case-commands.ts), for demos (`npm run seed:demo`) and benchmarks (`npm run bench:ehcna`).
 *
 * Pure: no clock, no I/O, no Math.random. The same options give the same county, case for case:
 * the days of receipt come from one PRNG stream (mulberry32), and each case then draws from its own
 * stream, seeded from `seed` and its place in the order of receipt. Only `today` defaults to the
 * clock (Europe/London); pass it to pin a county down completely.
 *
 * Assumptions (calibration from shared/domain/send-statutory-process.md §12 and seed 003; every
 * rate below is a default of this generator, not a fact about any one authority):
 *
 * - Volume: `requestsPerYear` (default 3,000, a large county: §12 gives ~1,100 to ~3,700) over
 *   `years` (default 3) ending on `today`. Requests arrive on working days (no weekends or England
 *   bank holidays), weighted by month: busiest in the autumn and spring terms, lightest in August.
 * - Child or young person: age on receipt under 5 20%, 5–10 43%, 11–15 28%, 16–19 7%, 20–24 2%;
 *   names from small built-in lists of English given and family names.
 * - Requester: 53% the school or setting (seed 003: "53% of requests come from schools"; an
 *   early-years setting, a school or a post-16 institution by age), 35% a parent (a young person
 *   aged 16+ asks for themselves in 40% of those), 12% health, social care or other professionals
 *   (s.24 notifications); a young person is always 16–24 on receipt (Act s.36(1)).
 * - Team: 12 caseworkers cw-01…cw-12, allocated at random; 5% of cases are reassigned once.
 * - Valuing SEND profile (seed 000, §8; ratings 1–5 as the API takes them): at request for 80% of
 *   cases, at the final plan for 65% of plans; setting readiness and family confidence trail need.
 * - Decision whether to assess: 88% within the 6 weeks (reg 5(1)), the rest up to 10 weeks.
 *   Refused: 25% of decisions (national 25.2%, §12). A refusal carries its reasons as a document.
 * - Advice (reg 6(1)): 4–6 kinds asked on or just after the decision — always parent, educational,
 *   psychological and medical; social care 45%, the child or young person's views 50%, preparing
 *   for adulthood from age 14 (Y9+); 78% back within the 6 weeks of reg 8, the rest 1–6 weeks late
 *   (psychological and medical advice more often late).
 * - Exceptions (reg 5(4), 10(4), 13(3)), ~3% of cases: the school or early-years closure limb when
 *   the head's or setting's advice was asked in the summer window (16 Jul – 27 Aug: from a week
 *   before a school closes for the summer on 23 Jul to a week before it reopens on 3 Sep, §10
 *   example 5, recorded with those closure dates), else
 *   exceptional personal circumstances or absence from the area for 4+ weeks. An excepted case
 *   usually finishes late: there is no fixed extension (§2.6).
 * - Decision not to issue a plan (reg 10): 6% of assessments, once the advice is in.
 * - Draft plan (never naming a setting, s.38(5)) once the last advice is in; settings consulted
 *   (s.39) on or just after service; 85% can meet needs, else a second setting is consulted; 8% of
 *   settings never answer and the LA decides anyway (CoP 9.83). 85% of families respond, mostly
 *   inside the 15 days of reg 13(1) (a meeting asked for in 20%, and then held before the plan is
 *   finalised; a final response with no further representations in 30% of the rest; a preferred
 *   setting in 40%). The final plan is never issued inside the 15 days beginning with service
 *   (reg 13(1)), and names a setting from a built-in list of ~40 Lincolnshire-style
 *   settings with 6-digit URNs (fictional names and numbers).
 * - 20-week timeliness (reg 13(2)): aimed at 50% of new plans issued within 140 days, inside the
 *   7.7%–96% range across authorities and close to the national 45.9% (§12). Late plans run a
 *   tail of about 6 weeks on average past the limit.
 * - Withdrawn: 3% of requests (before the decision, during the assessment, or with a draft out);
 *   closed because the child moved away: 1% (85% to another authority, 15% left England).
 * - Case notes: 0–3 per case, as documents (notes are free text and never in an event).
 * - Cases received recently are still open at the stage their age allows: every command is dated
 *   on or before `today`, so a case's history is cut at `today`.
 * - Effective dates of the LA's actions are working days; dates follow the decider's rules (no
 *   command before the request, advice returns after their request, responses after consultation).
 */
import {
  addDays, addYears, ageOn, hash32, mulberry32, daysBetween, finalPlanDueBy, isAfter, isBefore, isWorkingDay, maxDate,
  isYoungPerson, nextWorkingDayOnOrAfter, onOrBefore, partsOf, systemClock, todayInLondon, workingDayOnOrBefore, type CalendarDate,
} from '@ehc/domain-kernel';
import type { Requester } from '@ehc/contracts/needs-assessment';
import type { AdviceType, ClosureReason, DomainRatings, Setting } from '../domain/events';

// ---------------------------------------------------------------------------------------------
// options and output

export interface CountyOptions {
  /** Any number or string; the same seed gives the same county. Default 1. */
  seed?: number | string;
  /** Requests received a year. Default 3,000. */
  requestsPerYear?: number;
  /** Years of history ending on `today`. Default 3. */
  years?: number;
  /** The last day of the history (Europe/London). Default: today in London. */
  today?: CalendarDate;
}

/** The rates this generator aims at; printed by the seed and the benchmark. */
export const COUNTY_RATES = {
  refusal: 0.25,
  decisionWithinSixWeeks: 0.88,
  decisionNotToIssue: 0.06,
  planWithinTwentyWeeks: 0.5,
  withdrawn: 0.03,
  closedMovedAway: 0.01,
  reassigned: 0.05,
  profileAtRequest: 0.8,
  profileAtPlan: 0.65,
} as const;

/** The commands of api/case-commands.ts, by their URL name. */
export type StepCommand =
  | 'decide-to-assess' | 'refuse-assessment' | 'request-advice' | 'record-advice' | 'record-exception'
  | 'decide-not-to-issue' | 'issue-draft-plan' | 'record-parent-response' | 'consult-setting'
  | 'record-setting-response' | 'hold-draft-plan-meeting' | 'issue-final-plan' | 'withdraw' | 'close' | 'reassign' | 'add-note'
  | 'record-needs-profile';

/** One caseworker command: POST /needs-assessments/:id/:command with `body`. */
export interface CaseStep {
  command: StepCommand;
  body: { on: CalendarDate } & Record<string, unknown>;
  /** The caseworker who enters it (the subject of their access token). */
  actor: string;
}

/** POST /needs-assessments. */
export interface RequestBody {
  child: { givenName: string; familyName: string; dateOfBirth: CalendarDate };
  requestedBy: Requester;
  receivedOn: CalendarDate;
  caseworker: string;
}

export type CaseOutcome = 'awaiting-decision' | 'assessing' | 'refused' | 'no-plan' | 'draft-issued' | 'plan-issued' | 'withdrawn' | 'closed';

export interface SyntheticCase {
  /** 0-based, in order of receipt. */
  index: number;
  request: RequestBody;
  /** In the order they are entered; every `on` is on or before the county's `today`. */
  steps: CaseStep[];
  /** Where the case stands on `today`, from its steps. */
  outcome: CaseOutcome;
  /** Issued on, and whether within the 20 weeks of reg 13(2), when a final plan was issued. */
  finalPlan: { issuedOn: CalendarDate; withinTwentyWeeks: boolean } | null;
  excepted: boolean;
}

export interface SyntheticCounty {
  seed: number | string;
  requestsPerYear: number;
  years: number;
  today: CalendarDate;
  /** First and last possible day of receipt. */
  from: CalendarDate;
  cases: SyntheticCase[];
}

// ---------------------------------------------------------------------------------------------
// deterministic randomness

export { hash32, mulberry32 };

/** The PRNG stream for one purpose of one county, e.g. `rngFor(seed, 'case', 41)`. */
export const rngFor = (seed: number | string, ...purpose: (string | number)[]): (() => number) => mulberry32(hash32([seed, ...purpose].join('|')));

/** A version 4 UUID drawn from a seeded stream: reproducible ids for benchmarks and fixtures. */
export function uuidFrom(rng: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

class Draw {
  constructor(readonly next: () => number) {}
  chance(p: number): boolean { return this.next() < p; }
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)]; }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let u = this.next() * total;
    for (const [item, w] of items) if ((u -= w) < 0) return item;
    return items[items.length - 1][0];
  }
  /** Exponential with this mean, rounded to whole days. */
  expDays(mean: number): number { return Math.round(-Math.log(1 - this.next()) * mean); }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

// ---------------------------------------------------------------------------------------------
// built-in lists

const GIVEN_NAMES = [
  'Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Ava', 'Noah', 'Mia', 'Jack', 'Ivy', 'Leo', 'Lily', 'Arthur', 'Freya',
  'Muhammad', 'Florence', 'Oscar', 'Grace', 'Charlie', 'Evie', 'Alfie', 'Poppy', 'Theo', 'Sophie', 'Archie', 'Ella',
  'Thomas', 'Isabella', 'Henry', 'Rosie', 'Joshua', 'Emily', 'Jacob', 'Daisy', 'Riley', 'Millie', 'Ethan', 'Chloe',
  'Finley', 'Phoebe', 'Mason', 'Ruby', 'Lucas', 'Zara', 'Tyler', 'Maisie', 'Kai', 'Layla', 'Reuben', 'Amara', 'Jayden',
  'Hannah', 'Dylan', 'Niamh', 'Kacper', 'Zofia', 'Tomas', 'Aisha', 'Samuel', 'Eleanor',
];

const FAMILY_NAMES = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson',
  'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Patel', 'Khan', 'Lewis',
  'Harrison', 'Baker', 'Turner', 'Hill', 'Cooper', 'Ward', 'Moore', 'King', 'Watson', 'Parker', 'Bennett', 'Marshall',
  'Fox', 'Dawson', 'Brookes', 'Wells', 'Chapman', 'Holmes', 'Mason', 'Rogers', 'Barker', 'Nowak', 'Kowalski',
  'Okafor', 'Begum', 'Ahmed', 'Atkinson', 'Fletcher', 'Spencer', 'Riley', 'Gibson', 'Pearson', 'Grant', 'Hudson',
  'Tennyson', 'Skinner', 'Sharpe',
];

type SettingKind = 'early-years' | 'primary' | 'secondary' | 'special' | 'post-16';
interface NamedSetting extends Setting { urn: string; kind: SettingKind }

// Fictional names in Lincolnshire towns, fictional 6-digit URNs: synthetic data must not point at a
// real school.
const SETTINGS: readonly NamedSetting[] = ([
  ['early-years', 'Little Acorns Pre-School, Sleaford'], ['early-years', 'Rainbow Day Nursery, Spalding'],
  ['early-years', 'Castle Kids Nursery, Lincoln'], ['early-years', 'Busy Bees Pre-School, Louth'],
  ['early-years', 'Fenland Tots Nursery, Holbeach'], ['early-years', 'Wolds Little Learners, Horncastle'],
  ['primary', 'Witham Valley Primary School, Lincoln'], ['primary', 'Brayford Primary Academy, Lincoln'],
  ['primary', 'Haven Primary School, Boston'], ['primary', 'Welland Primary Academy, Spalding'],
  ['primary', 'Marsh Lane Primary School, Skegness'], ['primary', 'Ludford Road Primary School, Louth'],
  ['primary', 'Trent View Primary School, Gainsborough'], ['primary', 'Kesteven Primary Academy, Grantham'],
  ['primary', 'Westgate Primary School, Sleaford'], ['primary', 'Abbey Fields Primary School, Bourne'],
  ['primary', 'Meadows Primary School, Stamford'], ['primary', 'Bain Valley Primary School, Horncastle'],
  ['primary', 'Willingham Road Primary School, Market Rasen'], ['primary', 'Seaside Primary Academy, Mablethorpe'],
  ['secondary', 'Minster Road Academy, Lincoln'], ['secondary', 'Haven High School, Boston'],
  ['secondary', 'Fenland Academy, Spalding'], ['secondary', 'Witham Hill School, Grantham'],
  ['secondary', 'Coastal Academy, Skegness'], ['secondary', 'Wolds Academy, Louth'],
  ['secondary', 'Trent Academy, Gainsborough'], ['secondary', 'Kesteven High School, Sleaford'],
  ['secondary', 'Welland Academy, Stamford'], ['secondary', 'Fen Edge School, Bourne'],
  ['special', 'Wolds Special School, Louth'], ['special', 'Fenland Special School, Spalding'],
  ['special', 'Kesteven Special Academy, Grantham'], ['special', 'The Witham Special School, Lincoln'],
  ['special', 'Coastal Special School, Skegness'], ['special', 'Sleaford Special Academy'],
  ['special', 'Riverside Special School, Gainsborough'],
  ['post-16', 'Riverside College, Lincoln'], ['post-16', 'Fenland College, Boston'],
  ['post-16', 'Kesteven College, Grantham'], ['post-16', 'Wolds Sixth Form Centre, Louth'],
] as const).map(([kind, name], i) => ({ kind, name, urn: String(120_104 + i * 137) }));

export const SYNTHETIC_SETTINGS: readonly Setting[] = SETTINGS.map(({ urn, name }) => ({ urn, name }));

const settingsOf = (kind: SettingKind) => SETTINGS.filter((s) => s.kind === kind);

const ADVISERS: Record<AdviceType, string> = {
  parent: 'Parent or carer',
  'child-or-young-person': 'Child or young person (with their key worker)',
  educational: 'SENCo',
  medical: 'Community paediatrics',
  psychological: 'Educational Psychology Service',
  'social-care': "Children's Services",
  'preparing-for-adulthood': 'Preparing for Adulthood team',
  other: 'Speech and language therapy',
};

const REFUSAL_REASONS = [
  'The evidence shows the school has not yet tried the graduated approach over two assess-plan-do-review cycles; we recommend targeted support and a review in one term.',
  'Needs can be met from the resources normally available to mainstream settings, with the Ask SALL advice line and specialist teacher outreach.',
  'The request does not show that the child may need special educational provision beyond that ordinarily available; the setting will apply for inclusion funding.',
];
const NOT_TO_ISSUE_REASONS = [
  'The assessment shows needs can be met within the school’s notional SEN budget with the outreach support described in the advice.',
  'The advice received shows progress with current support; a SEN support plan with the setting is proportionate.',
];
const NOTES = [
  'Phoned the parent to acknowledge the request and explain the 6-week decision.',
  'SENCo sent the last two assess-plan-do-review cycles and the current provision map.',
  'Chased the educational psychologist for the advice due this week.',
  'Family asked for correspondence by email; updated contact preference.',
  'Discussed at the weekly SEND panel; more evidence asked of the setting.',
  'Parent carer forum (LPCF) contact offered to the family.',
  'Liaise (SENDIAS) supporting the family with the draft plan.',
  'Setting visit arranged to observe the child in class.',
  'Health visitor shared the 2-year review outcome.',
];
const PLAN_SECTIONS = {
  A: 'Enjoys music and being outdoors; wants to make friends and be understood.',
  B: 'Difficulties with communication and interaction; sensory sensitivities; anxiety at transitions.',
  C: 'Diagnosed hypermobility; under community paediatrics.',
  D: 'Family support from early help; short breaks assessed.',
  E: 'By the end of the key stage, to communicate needs to familiar adults using words or symbols.',
  F: 'Speech and language therapy programme weekly; adult support in unstructured times; visual timetable.',
  G: 'Paediatric review yearly.',
  H1: 'None.',
  H2: 'Short breaks through the local offer.',
  J: 'No personal budget requested.',
  K: 'Advice from parent, SENCo, educational psychologist, paediatrician.',
};

// ---------------------------------------------------------------------------------------------
// the county

const MONTH_WEIGHT = [1.0, 1.05, 1.15, 0.85, 1.1, 1.05, 0.9, 0.35, 0.8, 1.2, 1.25, 0.8];

/** Generates the county. Pure except for the default of `today`. */
export function generateCounty(options: CountyOptions = {}): SyntheticCounty {
  const seed = options.seed ?? 1;
  const requestsPerYear = options.requestsPerYear ?? 3000;
  const years = options.years ?? 3;
  const today = options.today ?? todayInLondon(systemClock);
  if (!(requestsPerYear > 0) || !(years > 0)) throw new RangeError('requestsPerYear and years must be positive');
  const from = addDays(addYears(today, -Math.ceil(years)), Math.round((Math.ceil(years) - years) * 365) + 1);
  const total = Math.round(requestsPerYear * years);

  // days of receipt: working days, weighted by month
  const days: CalendarDate[] = [];
  const cumulative: number[] = [];
  let sum = 0;
  for (let d = from; onOrBefore(d, today); d = addDays(d, 1)) {
    if (!isWorkingDay(d)) continue;
    sum += MONTH_WEIGHT[partsOf(d).month - 1];
    days.push(d);
    cumulative.push(sum);
  }
  if (days.length === 0) throw new RangeError(`no working day between ${from} and ${today}`);
  const arrivals = rngFor(seed, 'arrivals');
  const received: CalendarDate[] = [];
  for (let i = 0; i < total; i++) {
    const u = arrivals() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > u) hi = mid; else lo = mid + 1;
    }
    received.push(days[lo]);
  }
  received.sort();

  const cases = received.map((receivedOn, index) => generateCase(new Draw(rngFor(seed, 'case', index)), index, receivedOn, today));
  return { seed, requestsPerYear, years, today, from, cases };
}

/** Counts a county's figures the way the monthly performance meeting would (domain §9). */
export function countyFigures(cases: readonly SyntheticCase[]) {
  const by = (o: CaseOutcome) => cases.filter((c) => c.outcome === o).length;
  const refused = by('refused');
  const decided = cases.filter((c) => c.steps.some((s) => s.command === 'decide-to-assess' || s.command === 'refuse-assessment')).length;
  const plans = cases.filter((c) => c.finalPlan);
  const within = plans.filter((c) => c.finalPlan!.withinTwentyWeeks).length;
  return {
    cases: cases.length,
    commands: cases.reduce((n, c) => n + 1 + c.steps.length, 0),
    refused,
    decided,
    refusalRate: decided ? refused / decided : 0,
    plans: plans.length,
    plansWithinTwentyWeeks: within,
    twentyWeekRate: plans.length ? within / plans.length : 0,
    noPlan: by('no-plan'),
    withdrawn: by('withdrawn'),
    closed: by('closed'),
    excepted: cases.filter((c) => c.excepted).length,
    open: cases.filter((c) => ['awaiting-decision', 'assessing', 'draft-issued'].includes(c.outcome)).length,
  };
}

/** The steps whose letters carry appeal and mediation rights (s.51, reg 32), by the decision they give notice of. */
const APPEALABLE_STEPS: Partial<Record<StepCommand, 'refusal-to-assess' | 'decision-not-to-issue' | 'final-plan'>> = {
  'refuse-assessment': 'refusal-to-assess', 'decide-not-to-issue': 'decision-not-to-issue', 'issue-final-plan': 'final-plan',
};

/** The county's appealable decisions, each dated by its letter (sent the day of the decision): what opens the tribunal's appeal windows. */
export function appealableDecisionsOf(cases: readonly SyntheticCase[]): { caseIndex: number; decisionType: 'refusal-to-assess' | 'decision-not-to-issue' | 'final-plan'; letterOn: CalendarDate }[] {
  return cases.flatMap((c) => c.steps.flatMap((s) => {
    const decisionType = APPEALABLE_STEPS[s.command];
    return decisionType ? [{ caseIndex: c.index, decisionType, letterOn: s.body.on }] : [];
  }));
}

// ---------------------------------------------------------------------------------------------
// one case

const CASEWORKERS = Array.from({ length: 12 }, (_, i) => `cw-${String(i + 1).padStart(2, '0')}`);

/** On or after `date`, the first working day: when the LA acts. */
const wd = (date: CalendarDate) => nextWorkingDayOnOrAfter(date);

function ratings(draw: Draw, base: number, spread: number): DomainRatings {
  return Array.from({ length: 5 }, () => Math.min(5, Math.max(1, base + draw.int(-spread, spread)))) as DomainRatings;
}

function profile(draw: Draw, context: 'request' | 'plan') {
  const need = draw.int(3, 4);
  // at the plan, support is agreed: the setting and the family are a little more confident
  const lift = context === 'plan' ? 1 : 0;
  return { context, needs: ratings(draw, need, 1), settingReadiness: ratings(draw, 2 + lift, 1), familyConfidence: ratings(draw, 2 + lift, 1) };
}

function ageBand(draw: Draw): number {
  const band = draw.weighted([['0-4', 20], ['5-10', 43], ['11-15', 28], ['16-19', 7], ['20-24', 2]] as const);
  switch (band) {
    case '0-4': return draw.weighted([[1, 1], [2, 3], [3, 5], [4, 6]] as const);
    case '5-10': return draw.int(5, 10);
    case '11-15': return draw.int(11, 15);
    case '16-19': return draw.int(16, 19);
    default: return draw.int(20, 24);
  }
}

/** `youngPerson`: over compulsory school age and under 25 on the day (Act s.36(1)): only then may they ask for themselves. */
function requesterFor(draw: Draw, age: number, youngPerson: boolean): Requester {
  const u = draw.next();
  if (u < 0.53) {
    if (age <= 3) return 'early-years-setting';
    if (age === 4) return draw.chance(0.5) ? 'early-years-setting' : 'school';
    if (age <= 15) return 'school';
    if (age <= 18) return draw.chance(0.35) ? 'school' : 'post-16-institution';
    return 'post-16-institution';
  }
  if (u < 0.88) return youngPerson && draw.chance(0.4) ? 'young-person' : 'parent';
  return draw.weighted([['health-professional', 45], ['social-care-professional', 30], ['other-professional', 25]] as const);
}

function currentSettingKind(age: number, requester: Requester): SettingKind {
  if (age <= 3 || (age === 4 && requester === 'early-years-setting')) return 'early-years';
  if (age <= 10) return 'primary';
  if (age <= 15) return 'secondary';
  return 'post-16';
}

function generateCase(draw: Draw, index: number, receivedOn: CalendarDate, today: CalendarDate): SyntheticCase {
  const age = ageBand(draw);
  const dateOfBirth = addDays(addYears(receivedOn, -age), -draw.int(0, 364));
  const requestedBy = requesterFor(draw, ageOn(dateOfBirth, receivedOn), isYoungPerson(dateOfBirth, receivedOn));
  const caseworker = draw.pick(CASEWORKERS);
  const request: RequestBody = {
    child: { givenName: draw.pick(GIVEN_NAMES), familyName: draw.pick(FAMILY_NAMES), dateOfBirth },
    requestedBy, receivedOn, caseworker,
  };
  const current = draw.pick(settingsOf(currentSettingKind(age, requestedBy)));

  const steps: Omit<CaseStep, 'actor'>[] = [];
  const add = (command: StepCommand, on: CalendarDate, body: Record<string, unknown> = {}) => steps.push({ command, body: { on, ...body } });
  let excepted = false;

  if (draw.chance(COUNTY_RATES.profileAtRequest)) add('record-needs-profile', wd(addDays(receivedOn, draw.int(0, 6))), profile(draw, 'request'));

  // the fate of the case, drawn up front
  // a refused or no-plan case cannot be withdrawn afterwards, so a few more cases set out to be
  const withdrawn = COUNTY_RATES.withdrawn * 1.3;
  const fate = draw.weighted([
    ['withdrawn', withdrawn], ['closed', COUNTY_RATES.closedMovedAway], ['runs', 1 - withdrawn - COUNTY_RATES.closedMovedAway],
  ] as const);
  const endsAt = draw.weighted([['before-decision', 30], ['assessing', 55], ['draft', 15]] as const);
  const closureReason: ClosureReason = draw.chance(0.85) ? 'moved-to-another-authority' : 'left-england';
  const refuse = draw.chance(COUNTY_RATES.refusal);
  const notToIssue = draw.chance(COUNTY_RATES.decisionNotToIssue);
  // aimed above 50% because late advice and late settings push some of these past the limit
  const aimInTime = draw.chance(0.74);

  // reg 5(1): decide within 6 weeks of receipt
  const sixWeeks = addDays(receivedOn, 42);
  const decidedOn = draw.chance(COUNTY_RATES.decisionWithinSixWeeks)
    ? workingDayOnOrBefore(addDays(receivedOn, draw.int(18, 42)))
    : wd(addDays(sixWeeks, draw.int(1, 28)));

  // the end of a case that is withdrawn or closed, once its date is known
  const terminal = (earliest: CalendarDate, latest: CalendarDate) => {
    const span = Math.max(0, daysBetween(earliest, latest));
    const on = wd(addDays(earliest, draw.int(0, span)));
    if (fate === 'withdrawn') add('withdraw', on, { reason: draw.pick(['Family moved the child to an independent school.', 'Needs now met with SEN support; the family withdrew the request.', 'Parent asked to withdraw while the child is unwell.']) });
    else add('close', on, { reason: closureReason });
    return on;
  };

  let endOn: CalendarDate | null = null;
  let finalPlan: SyntheticCase['finalPlan'] = null;

  if (fate !== 'runs' && endsAt === 'before-decision') {
    endOn = terminal(addDays(receivedOn, 3), addDays(decidedOn, -1));
  } else if (refuse) {
    add('refuse-assessment', decidedOn, { reasons: draw.pick(REFUSAL_REASONS) });
  } else {
    add('decide-to-assess', decidedOn);

    // reg 6(1): advice and information, asked for on or just after the decision
    const kinds: AdviceType[] = ['parent', 'educational', 'psychological', 'medical'];
    if (draw.chance(0.45)) kinds.push('social-care');
    if (draw.chance(0.5)) kinds.push('child-or-young-person');
    if (age >= 14) kinds.push('preparing-for-adulthood');
    if (draw.chance(0.05)) kinds.push('other');
    const chosen = draw.shuffle(kinds.slice(4)).slice(0, 2);
    const asked = [...kinds.slice(0, 4), ...chosen].map((adviceType) => ({ adviceType, on: wd(addDays(decidedOn, draw.int(0, 4))) }))
      .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
    const returns: { adviceType: AdviceType; on: CalendarDate }[] = [];
    for (const a of asked) {
      add('request-advice', a.on, { adviceType: a.adviceType, adviser: a.adviceType === 'educational' ? `${ADVISERS.educational}, ${current.name}` : ADVISERS[a.adviceType] });
      // reg 8: each adviser has 6 weeks; EP and health advice run late most often
      const lateChance = a.adviceType === 'psychological' || a.adviceType === 'medical' ? 0.35 : 0.15;
      const delay = draw.chance(lateChance) ? draw.int(43, 84) : draw.int(10, 42);
      returns.push({ adviceType: a.adviceType, on: wd(addDays(a.on, delay)) });
    }
    const lastAdvice = returns.reduce((d, r) => maxDate(d, r.on), decidedOn);
    const educational = asked.find((a) => a.adviceType === 'educational')!;

    // reg 5(4), 10(4), 13(3): the exceptions to the time limits
    // the county's schools close 23 July and reopen 3 September: the window runs 16 July to 27 August
    const summer = (d: CalendarDate) => { const { year } = partsOf(d); return onOrBefore(`${year}-07-16`, d) && onOrBefore(d, `${year}-08-27`); };
    const closureLimb = age <= 4 && requestedBy === 'early-years-setting' ? 'early-years-closure' : age <= 18 ? 'school-closure' : null;
    const exceptionDraw = draw.next();
    const exceptionTo = draw.int(28, 70);
    let exceptionOn: CalendarDate | null = null;
    if (closureLimb && summer(educational.on) && exceptionDraw < 0.28) {
      excepted = true;
      exceptionOn = educational.on;
      const { year } = partsOf(educational.on);
      add('record-exception', educational.on, {
        limb: closureLimb, closedFrom: `${year}-07-23`, reopensOn: `${year}-09-03`, evidence: `Advice asked of ${current.name} during its summer closure.`,
      });
    } else if (exceptionDraw > 0.988) {
      excepted = true;
      const limb = exceptionDraw > 0.996 ? 'absence-from-area' : 'exceptional-personal-circumstances';
      // it begins while the 20-week limit is still running, or it would lift nothing
      exceptionOn = wd(addDays(receivedOn, draw.int(10, Math.min(125, Math.max(11, daysBetween(receivedOn, lastAdvice))))));
      add('record-exception', exceptionOn, {
        limb, to: addDays(exceptionOn, exceptionTo),
        evidence: limb === 'absence-from-area' ? 'Family abroad caring for a relative for six weeks.' : 'Parent in hospital; family asked for time.',
      });
    }

    if (fate !== 'runs' && endsAt === 'assessing') {
      endOn = terminal(addDays(decidedOn, 1), lastAdvice);
      for (const r of returns) if (isBefore(r.on, endOn)) add('record-advice', r.on, { adviceType: r.adviceType });
    } else {
      for (const r of returns) add('record-advice', r.on, { adviceType: r.adviceType });
      if (notToIssue) {
        // reg 10(1): a decision not to issue, once the advice shows the plan is not needed
        add('decide-not-to-issue', wd(addDays(lastAdvice, draw.int(3, 15))), { reasons: draw.pick(NOT_TO_ISSUE_REASONS) });
      } else {
        const dueBy = finalPlanDueBy(receivedOn);
        const earliestDraft = wd(addDays(lastAdvice, draw.int(2, 10)));
        // the representations window is 15 days from service (reg 13(1)); the plan follows it
        const gap = draw.int(15, 28);
        const lateBy = draw.int(1, 14) + draw.expDays(30) + (excepted ? draw.int(14, 56) : 0);
        let issueOn = aimInTime && !excepted
          ? workingDayOnOrBefore(addDays(receivedOn, draw.int(112, 140)))
          : wd(addDays(dueBy, lateBy));
        let draftOn = workingDayOnOrBefore(addDays(issueOn, -gap));
        if (isBefore(draftOn, earliestDraft)) {
          draftOn = earliestDraft;
          issueOn = wd(addDays(draftOn, gap));
        }
        add('issue-draft-plan', draftOn, { sections: { ...PLAN_SECTIONS } });

        // s.39: consult the setting the family or the LA has in mind; some cannot meet the needs
        const special = draw.chance(age <= 3 ? 0.1 : 0.3);
        const first = special ? draw.pick(settingsOf('special')) : current;
        const consultedOn = wd(addDays(draftOn, draw.int(0, 3)));
        add('consult-setting', consultedOn, { setting: { urn: first.urn, name: first.name } });
        let named: NamedSetting = first;
        let lastResponse = consultedOn;
        const firstAnswers = !draw.chance(0.08);
        const firstCanMeet = draw.chance(0.85);
        const firstRespondedOn = wd(addDays(consultedOn, draw.int(4, 22)));
        if (firstAnswers) {
          add('record-setting-response', firstRespondedOn, { settingUrn: first.urn, canMeetNeeds: firstCanMeet });
          lastResponse = firstRespondedOn;
          if (!firstCanMeet) {
            const second = draw.pick(settingsOf(first.kind === 'special' ? 'special' : currentSettingKind(age, requestedBy)).filter((s) => s.urn !== first.urn));
            const secondOn = wd(addDays(firstRespondedOn, draw.int(1, 5)));
            add('consult-setting', secondOn, { setting: { urn: second.urn, name: second.name } });
            lastResponse = wd(addDays(secondOn, draw.int(4, 15)));
            add('record-setting-response', lastResponse, { settingUrn: second.urn, canMeetNeeds: true });
            named = second;
          }
        }
        if (isBefore(issueOn, addDays(lastResponse, 1))) issueOn = wd(addDays(lastResponse, draw.int(1, 5)));

        // reg 13(1): 15 days for representations; most families answer inside them
        const responds = draw.chance(0.85);
        const respondedOn = addDays(draftOn, draw.chance(0.9) ? draw.int(2, 14) : draw.int(15, 25));
        if (responds && isBefore(respondedOn, issueOn)) {
          const prefers = draw.chance(0.4);
          const meetingRequested = draw.chance(0.2);
          // some families say they are done: no further representations, no meeting
          const final = !meetingRequested && draw.chance(0.3);
          add('record-parent-response', respondedOn, {
            meetingRequested, ...(final ? { final } : {}),
            ...(prefers ? { preferredSetting: { urn: named.urn, name: named.name } } : {}),
            ...(draw.chance(0.6) ? { representations: 'We agree with sections B and F; please add weekly speech and language therapy in school.' } : {}),
          });
          if (meetingRequested) {
            // the meeting the family asked for is held before the plan is finalised
            const meetingOn = wd(addDays(respondedOn, draw.int(3, 10)));
            add('hold-draft-plan-meeting', meetingOn, {});
            if (!isBefore(meetingOn, issueOn)) issueOn = wd(addDays(meetingOn, draw.int(1, 5)));
          }
        }

        if (fate !== 'runs' && endsAt === 'draft') {
          endOn = terminal(addDays(draftOn, 1), addDays(issueOn, -1));
        } else {
          add('issue-final-plan', issueOn, { namedSetting: { urn: named.urn, name: named.name }, sections: { ...PLAN_SECTIONS, I: named.name } });
          if (draw.chance(COUNTY_RATES.profileAtPlan)) add('record-needs-profile', issueOn, profile(draw, 'plan'));
          if (onOrBefore(issueOn, today)) finalPlan = { issuedOn: issueOn, withinTwentyWeeks: onOrBefore(issueOn, dueBy) };
        }
      }
    }
    if (exceptionOn && endOn && !isBefore(exceptionOn, endOn)) excepted = false;
  }

  // notes and a handover, somewhere in the life of the case
  const lastDate = steps.reduce((d, s) => maxDate(d, s.body.on), addDays(receivedOn, 60));
  const notes = draw.weighted([[0, 30], [1, 35], [2, 25], [3, 10]] as const);
  for (let i = 0; i < notes; i++) add('add-note', workingDayOnOrBefore(addDays(receivedOn, draw.int(0, daysBetween(receivedOn, lastDate)))), { text: draw.pick(NOTES) });
  if (draw.chance(COUNTY_RATES.reassigned)) {
    add('reassign', wd(addDays(receivedOn, draw.int(7, Math.max(8, daysBetween(receivedOn, lastDate))))), { caseworker: draw.pick(CASEWORKERS.filter((c) => c !== caseworker)) });
  }

  // Entered in date order; on the same day in the order they were made above, which is the order the
  // law needs (a request before its return, a draft before its consultation). Nothing after the end
  // of a withdrawn or closed case, nothing after today.
  const terminalAt = endOn;
  const ordered = steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.body.on < b.s.body.on ? -1 : a.s.body.on > b.s.body.on ? 1 : a.i - b.i))
    .map(({ s }) => s)
    .filter((s) => !terminalAt || isBefore(s.body.on, terminalAt) || s.command === 'withdraw' || s.command === 'close')
    .filter((s) => onOrBefore(s.body.on, today) && !isAfter(receivedOn, s.body.on));

  let actor = caseworker;
  const withActors: CaseStep[] = ordered.map((s) => {
    const step = { ...s, actor };
    if (s.command === 'reassign') actor = s.body.caseworker as string;
    return step;
  });

  return { index, request, steps: withActors, outcome: outcomeOf(withActors), finalPlan, excepted: excepted && withActors.some((s) => s.command === 'record-exception') };
}

const OUTCOME_OF: Partial<Record<StepCommand, CaseOutcome>> = {
  'decide-to-assess': 'assessing', 'refuse-assessment': 'refused', 'decide-not-to-issue': 'no-plan', 'issue-draft-plan': 'draft-issued',
  'issue-final-plan': 'plan-issued', withdraw: 'withdrawn', close: 'closed',
};

function outcomeOf(steps: readonly CaseStep[]): CaseOutcome {
  return steps.reduce<CaseOutcome>((o, s) => OUTCOME_OF[s.command] ?? o, 'awaiting-decision');
}
export const SYNTHETIC_SETTING_DIRECTORY: readonly { urn: string; name: string; kind: SettingKind }[] = SETTINGS.map(({ urn, name, kind }) => ({ urn, name, kind }));
