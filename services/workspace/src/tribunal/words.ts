import {
  dayOfWeek, isBankHoliday, type AppealableDecisionType, type AppealDeadlineAdjustment, type AppealType, type CalendarDate,
  type ComplianceExceptionReason, type PlanSection, type TribunalOrderKind,
} from '@ehc/domain-kernel';
import { formatDate } from '../views';

/*
 * The tribunal service's codes in the words of the SEND Code of Practice, for the workspace's pages.
 * Each map is typed by the kernel's union where the kernel has one, so a code added there without
 * words here fails the build rather than showing as a code.
 */

/** Act s.51(2): the decisions a family can appeal. */
export const DECISION_TYPE_WORDS: Record<AppealableDecisionType, string> = {
  'refusal-to-assess': 'Refusal to carry out an EHC needs assessment',
  'decision-not-to-issue': 'Decision not to issue an EHC plan',
  'final-plan': 'Final EHC plan issued',
  'amended-plan': 'Amended EHC plan issued',
  'decision-not-to-amend': 'Decision not to amend the EHC plan',
  'refusal-to-reassess': 'Refusal to carry out a reassessment',
  cease: 'Decision to cease to maintain the EHC plan',
};

/** What the First-tier Tribunal (SEND) is asked to decide. */
export const APPEAL_TYPE_WORDS: Record<AppealType, string> = {
  'refusal-to-assess': 'Refusal to assess',
  'refusal-to-issue': 'Refusal to issue an EHC plan',
  contents: 'Contents of the plan (sections B, F and I)',
  'section-i-only': 'Section I only (the setting named)',
  cease: 'Decision to cease to maintain the plan',
  'refusal-to-amend': 'Refusal to amend the plan',
  'refusal-to-reassess': 'Refusal to reassess',
};

/** Where the appealable decision was made. */
export const SOURCE_WORDS: Record<string, string> = {
  'needs-assessment': 'Needs assessment',
  'annual-review': 'Annual review',
  'before-the-hub': 'Made before the hub (recorded by hand)',
};

export const WINDOW_STATUS_WORDS: Record<string, string> = { open: 'Open', closed: 'Closed' };

export const MEDIATION_STATUS_WORDS: Record<string, string> = {
  requested: 'Requested', screened: 'Screened', arranged: 'Arranged', 'not-arranged': 'Could not be arranged in time', held: 'Held',
  resolved: 'Resolved', 'certificate-issued': 'Certificate issued', withdrawn: 'Withdrawn',
};

export const SCREENING_OUTCOME_WORDS: Record<string, string> = {
  resolved: 'Resolved at screening', proceed: 'To go ahead to mediation',
};

/** What a mediation certificate followed (regs 34, 37, 39). */
export const CERTIFICATE_AFTER_WORDS: Record<string, string> = {
  declined: 'The family did not want mediation (reg 34)',
  'mediation-ended': 'Mediation ended (reg 39)',
  'not-arranged': 'Mediation could not be arranged within 30 days (reg 37)',
  screening: 'Resolved at screening, and the family still wanted a certificate',
};

export const APPEAL_STAGE_WORDS: Record<string, string> = {
  registered: 'Registered', 'response-sent': 'Response sent', 'hearing-listed': 'Hearing listed', decided: 'Decided', conceded: 'Conceded', withdrawn: 'Withdrawn',
};

/** The stages of an appeal not yet ended, in the order an appeal goes through them. */
export const OPEN_APPEAL_STAGES = ['registered', 'response-sent', 'hearing-listed'] as const;

export const APPEAL_OUTCOME_WORDS: Record<string, string> = {
  dismissed: 'Dismissed', allowed: 'Allowed', 'allowed-in-part': 'Allowed in part', remitted: 'Remitted to the authority to reconsider',
  'consent-order': 'Consent order', conceded: 'Conceded by the authority (reg 45)', withdrawn: 'Withdrawn by the family',
};

export const GROUND_OUTCOME_WORDS: Record<string, string> = {
  upheld: 'Upheld', 'not-upheld': 'Not upheld', 'recommendation-made': 'Recommendation made (health or social care)',
};

/** Plan sections an appeal or a recommendation can touch (reg 12). */
export const SECTION_WORDS: Record<PlanSection, string> = {
  B: 'Section B: special educational needs',
  C: 'Section C: health care needs (recommendation only)',
  D: 'Section D: social care needs (recommendation only)',
  F: 'Section F: special educational provision',
  G: 'Section G: health care provision (recommendation only)',
  H1: 'Section H1: social care provision under the CSDPA 1970 (recommendation only)',
  H2: 'Section H2: other social care provision (recommendation only)',
  I: 'Section I: the school or other setting named',
};
export const PLAN_SECTIONS = Object.keys(SECTION_WORDS) as PlanSection[];

/** What the tribunal ordered (reg 44(2)) or the authority conceded (reg 45), with its time limit. */
export const ORDER_KIND_WORDS: Record<TribunalOrderKind, string> = {
  'assess-or-reassess': 'Carry out an EHC needs assessment or reassessment',
  'make-and-maintain-plan': 'Make and maintain an EHC plan',
  'amend-special-educational-provision': 'Amend the special educational needs or provision (sections B and F)',
  'amend-section-i-only': 'Amend section I only',
  'amend-provision-and-section-i': 'Amend sections B and F and section I',
  'cease-decision-overturned': 'Continue to maintain the plan (the decision to cease is overturned)',
  'cease-appeal-dismissed': 'Cease to maintain the plan (the appeal against ceasing is dismissed)',
};
export const ORDER_KINDS = Object.keys(ORDER_KIND_WORDS) as TribunalOrderKind[];

/** reg 44(2)'s steps, each with its period from the order. */
export const ORDER_STEP_WORDS: Record<string, string> = {
  notify: 'Tell the family the assessment will be made (2 weeks)',
  'decision-not-to-issue': 'Decide not to issue a plan (10 weeks)',
  'final-plan': 'Issue the final EHC plan',
  'draft-plan': 'Issue the draft EHC plan (5 weeks)',
  'amended-plan': 'Issue the amended EHC plan',
  'continue-maintaining': 'Continue to maintain the plan (at once)',
  'plan-ceased': 'Cease to maintain the plan (at once)',
};

export const ORDER_STATUS_WORDS: Record<string, string> = { due: 'Due', overdue: 'Overdue', 'complied-with': 'Complied with' };

/** reg 44(3): why a compliance period need not be met. */
export const COMPLIANCE_EXCEPTION_WORDS: Record<ComplianceExceptionReason, string> = {
  'personal-circumstances': 'Exceptional personal circumstances of the child, the parent or the young person (reg 44(3)(a))',
  absence: 'The child, the parent or the young person is away from the area for at least 2 weeks (reg 44(3)(b))',
  closure: 'The school, post-16 institution or early years setting is closed (reg 44(3)(c))',
};

export const COSTS_AGAINST_WORDS: Record<string, string> = { 'local-authority': 'the local authority', 'parent-or-young-person': 'the parent or young person' };

export const LETTER_KIND_WORDS: Record<string, string> = {
  'mediation-arranged': 'Mediation arranged', 'recommendations-response': 'Response to the tribunal\'s recommendations', 'compliance-confirmed': 'Compliance with the order confirmed',
};

/** The kinds of deadline an open appeal can be waiting on (the list's "next deadline"); an order's step is `order:<step>`. */
export const NEXT_DEADLINE_WORDS: Record<string, string> = {
  'la-response': 'The authority\'s response', 'recommendations-response': 'Response to the recommendations',
  ...Object.fromEntries(Object.entries(ORDER_STEP_WORDS).map(([step, words]) => [`order:${step}`, `Order: ${words.charAt(0).toLowerCase()}${words.slice(1)}`])),
};

/** A code in words from its map, or the code itself made readable if the map does not know it (a newer API). */
export const inWords = (words: Record<string, string>, code: string | null | undefined): string =>
  (code ? words[code] ?? code.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()) : '');

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Why a date is not a working day, in words: "a Saturday", "a bank holiday". */
const nonWorkingDay = (date: CalendarDate) => (dayOfWeek(date) >= 6 ? `a ${WEEKDAYS[dayOfWeek(date) - 1]}` : isBankHoliday(date) ? 'a bank holiday' : 'not a working day');

/**
 * The appeal deadline's working in words (TR r.20 and r.12), from what the API computed: the date
 * before the r.12 adjustment, the adjustment, and the deadline. The rule is the kernel's; this only
 * says what it did.
 */
export function appealDeadlineWords(
  deadline: { due: CalendarDate; unadjusted: CalendarDate; adjustment: AppealDeadlineAdjustment },
  window: { letterOn: CalendarDate; certificateOn: CalendarDate | null },
): { working: string; adjustment: string } {
  const working = window.certificateOn
    ? `The later of 2 months after the decision letter of ${formatDate(window.letterOn)} and 1 month after the mediation certificate of ${formatDate(window.certificateOn)}: ${formatDate(deadline.unadjusted)} (Tribunal Procedure Rules r.20).`
    : `2 months after the decision letter of ${formatDate(window.letterOn)}: ${formatDate(deadline.unadjusted)} (Tribunal Procedure Rules r.20). A mediation certificate issued later can move it.`;
  const unadjusted = formatDate(deadline.unadjusted);
  const due = formatDate(deadline.due);
  const adjustment = {
    none: `${unadjusted} is a working day outside August and Christmas, so the deadline stays ${due}.`,
    august: `${unadjusted} falls in August, so the deadline moves to the first working day after 31 August: ${due} (r.12(3)).`,
    christmas: `${unadjusted} falls between 25 December and 1 January, so the deadline moves to the first working day after 1 January: ${due} (r.12(3)).`,
    'non-working-day': `${unadjusted} is ${nonWorkingDay(deadline.unadjusted)}, so the deadline moves to the next working day: ${due} (r.12(2)).`,
  }[deadline.adjustment] ?? `The deadline is ${due}.`;
  return { working, adjustment };
}

/** A child as a list shows them: their name, "(details erased)", or nothing known. */
export function childName(child: { givenName?: string | null; familyName?: string | null; erased?: boolean } | null | undefined): string | null {
  if (!child) return null;
  if (child.erased) return '(details erased)';
  const name = `${child.givenName ?? ''} ${child.familyName ?? ''}`.trim();
  return name || null;
}

/** The workspace page of the decision's own record (its case or plan), if the hub holds it. */
export function sourcePage(source: { service: string; id: string } | null | undefined): string | null {
  if (!source) return null;
  if (source.service === 'needs-assessment') return `/cases/${encodeURIComponent(source.id)}`;
  if (source.service === 'annual-review') return `/plans/${encodeURIComponent(source.id)}`;
  return null;
}

/** Where a family's window stands, from its days left: open with days left, its last day, or closed. */
export function windowDaysWords(daysLeft: number | null | undefined): string {
  if (daysLeft === null || daysLeft === undefined) return '';
  if (daysLeft > 1) return `${daysLeft} days left`;
  if (daysLeft === 1) return '1 day left';
  if (daysLeft === 0) return 'the last day is today';
  return 'closed';
}
