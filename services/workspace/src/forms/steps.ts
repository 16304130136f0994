import { EXCEPTION_LIMBS, NEEDS_PROFILE_CONTEXTS, type ExceptionLimb, type NeedsProfileContext } from '@ehc/domain-kernel';
import { poundsToPence } from '@ehc/money';
import { readDate } from './date-input';

/** One field of a step's form, in the words a caseworker uses; `name` is the API body's field. */
export type Field =
  | { kind: 'date'; name: string; label: string; hint?: string; optional?: boolean }
  | { kind: 'text'; name: string; label: string; hint?: string; optional?: boolean }
  | { kind: 'textarea'; name: string; label: string; hint?: string; optional?: boolean }
  | { kind: 'radios'; name: string; label: string; hint?: string; options: { value: string; text: string }[]; optional?: boolean }
  | { kind: 'yes-no'; name: string; label: string; hint?: string; optional?: boolean }
  /** Any number of the options: sent as the list of values chosen. */
  | { kind: 'checkboxes'; name: string; label: string; hint?: string; options: { value: string; text: string }[]; optional?: boolean }
  /** A whole number (days, weeks): sent as a number. */
  | { kind: 'number'; name: string; label: string; hint?: string; optional?: boolean; max?: number }
  /** A setting by its URN (6 or 7 digits) or by its name: sent as `{ urn }` or `{ name }`. */
  | { kind: 'setting'; name: string; label: string; hint?: string; optional?: boolean }
  /** A caseworker of the user's team, chosen by name (their id typed, when the user is in no team). */
  | { kind: 'caseworker'; name: string; label: string; hint?: string; optional?: boolean }
  /** Valuing SEND: a rating from 1 to 5 in each of the five domains, sent as five numbers (`radios`: each domain's five shown at once, not a select). */
  | { kind: 'ratings'; name: string; label: string; hint?: string; optional?: boolean; radios?: boolean }
  /** One of a long list (a band of the banding matrix): a select, its first option "choose". */
  | { kind: 'select'; name: string; label: string; hint?: string; options: { value: string; text: string }[]; optional?: boolean }
  /** An amount typed in pounds (`1234.56`, `£1,234.56`): sent as integer pence, as the API takes money. */
  | { kind: 'money'; name: string; label: string; hint?: string; optional?: boolean };

export interface Step {
  name: string; title: string; hint?: string; fields: Field[]; button: string;
  /** What the form shows before anything is typed, as form values (`settingUrn`, `from-day`): a setting the plan names. */
  defaults?: Record<string, string>;
}

/** An error in a form, as the GOV.UK error summary lists it (`href` to the field at fault). */
export interface FormError { text: string; href: string; field: string }

/** The step's effective date (the API's `on`): when it happened, never in the future. */
export const EFFECTIVE = (label: string, hint = 'For example, 27 3 2026. It cannot be in the future.'): Field => ({ kind: 'date', name: 'on', label, hint });

/** The id of the input an error links to: a date's first box at fault, any other field itself. */
export const inputId = (step: string, field: Field, part?: 'day' | 'month' | 'year') =>
  field.kind === 'date' ? `${step}-${field.name}-${part ?? 'day'}` : field.kind === 'ratings' ? `${step}-${field.name}-0` : `${step}-${field.name}`;

/**
 * A form's values as the API's command body: dates read from their three boxes, yes/no as true or
 * false, a setting by URN or name, empty optional fields left out. Faults the form itself can see
 * (a date that does not exist) come back as errors; the API judges the rest.
 */
export function commandBody(step: Step, form: Record<string, unknown>): { body: Record<string, unknown>; errors: FormError[] } {
  const body: Record<string, unknown> = {};
  const errors: FormError[] = [];
  const value = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
  for (const field of step.fields) {
    if (field.kind === 'date') {
      const parts = { day: value(`${field.name}-day`), month: value(`${field.name}-month`), year: value(`${field.name}-year`) };
      if (field.optional && !parts.day && !parts.month && !parts.year) continue;
      const read = readDate(parts, field.label.toLowerCase().replace(/^when /, 'the date '));
      if (read.ok) body[field.name] = read.date;
      else errors.push({ text: read.message, href: `#${inputId(step.name, field, read.part)}`, field: field.name });
      continue;
    }
    if (field.kind === 'ratings') {
      const ratings = [0, 1, 2, 3, 4].map((i) => value(`${field.name}-${i}`));
      const missing = ratings.findIndex((r) => !/^[1-5]$/.test(r));
      if (missing >= 0) errors.push({ text: `Select a ${field.label.toLowerCase()} rating for every domain`, href: `#${step.name}-${field.name}-${missing}`, field: field.name });
      else body[field.name] = ratings.map(Number);
      continue;
    }
    if (field.kind === 'checkboxes') {
      const known = new Set(field.options.map((o) => o.value));
      const chosen = [form[field.name]].flat().filter((v): v is string => typeof v === 'string' && known.has(v));
      if (chosen.length) body[field.name] = chosen;
      else if (!field.optional) errors.push({ text: `Select ${field.label.toLowerCase()}`, href: `#${inputId(step.name, field)}`, field: field.name });
      continue;
    }
    const typed = value(field.name);
    if (!typed) {
      if (!field.optional) errors.push({ text: field.kind === 'radios' || field.kind === 'yes-no' || field.kind === 'select' ? `Select ${field.label.toLowerCase()}` : `Enter ${field.label.toLowerCase()}`, href: `#${inputId(step.name, field)}`, field: field.name });
      continue;
    }
    if (field.kind === 'yes-no') body[field.name] = typed === 'yes';
    else if (field.kind === 'select') {
      if (field.options.some((o) => o.value === typed)) body[field.name] = typed;
      else errors.push({ text: `Select ${field.label.toLowerCase()} from the list`, href: `#${inputId(step.name, field)}`, field: field.name });
    }
    else if (field.kind === 'money') {
      // read as text, never through a float: 1234.56 is exactly 123456p
      const pence = poundsToPence(typed);
      if (pence.ok) body[field.name] = pence.value;
      else errors.push({ text: `${field.label} must be an amount in pounds and pence, like 3500 or 3500.50`, href: `#${inputId(step.name, field)}`, field: field.name });
    }
    else if (field.kind === 'number') {
      if (/^\d{1,6}$/.test(typed) && Number(typed) <= (field.max ?? 999_999)) body[field.name] = Number(typed);
      else errors.push({ text: `${field.label} must be a whole number${field.max ? ` from 0 to ${field.max}` : ''}, like 14`, href: `#${inputId(step.name, field)}`, field: field.name });
    }
    else if (field.kind === 'setting') body[field.name] = /^\d{5,8}$/.test(typed) ? { urn: typed } : { name: typed };
    else body[field.name] = typed;
  }
  return { body, errors };
}

const ADVICE = [
  ['parent', 'The parent'], ['child-or-young-person', 'The child or young person'], ['educational', 'Educational'], ['medical', 'Medical (health)'],
  ['psychological', 'Psychological'], ['social-care', 'Social care'], ['preparing-for-adulthood', 'Preparing for adulthood'], ['other', 'Other'],
].map(([value, text]) => ({ value, text }));

/** reg 10(4)'s limbs in its own words: every limb the kernel knows, and no other (a missing one fails the build). */
const LIMB_WORDS: Record<ExceptionLimb, string> = {
  'school-closure': 'The school or college is closed for 4 weeks or more (reg 10(4)(a))',
  'early-years-closure': 'The early years setting is closed for 4 weeks or more (reg 10(4)(b))',
  'exceptional-personal-circumstances': 'Exceptional personal circumstances of the child, parent or young person (reg 10(4)(c))',
  'absence-from-area': 'The child, parent or young person is away from the area for 4 weeks or more (reg 10(4)(d))',
};
const LIMBS = EXCEPTION_LIMBS.map((value) => ({ value, text: LIMB_WORDS[value] }));

/** When a profile was rated, in words: every context the kernel knows, and no other. */
const PROFILE_CONTEXT_WORDS: Record<NeedsProfileContext, string> = { request: 'At the request', plan: 'When the plan was made', review: 'At a review', other: 'At another time' };
const PROFILE_CONTEXTS = NEEDS_PROFILE_CONTEXTS.map((value) => ({ value, text: PROFILE_CONTEXT_WORDS[value] }));

const CLOSE_REASONS = [
  ['moved-to-another-authority', 'Moved to another local authority'], ['left-england', 'Left England'], ['died', 'Died'], ['other', 'Other'],
].map(([value, text]) => ({ value, text }));

/** Valuing SEND (domain §8): the same form on a case and on a plan, where it is re-rated in the review cycle. */
export const NEEDS_PROFILE_STEP: Step = {
  name: 'record-needs-profile', title: 'Record a Valuing SEND profile', button: 'Record the profile',
  hint: 'Needs, the setting\'s readiness and the family\'s confidence in each of the five domains, each from 1 to 5.',
  fields: [EFFECTIVE('When the ratings were made'), { kind: 'radios', name: 'context', label: 'When in the process', options: PROFILE_CONTEXTS },
    { kind: 'ratings', name: 'needs', label: 'Needs' }, { kind: 'ratings', name: 'settingReadiness', label: 'Setting readiness' }, { kind: 'ratings', name: 'familyConfidence', label: 'Family confidence' }],
};

/** The needs assessment's steps, each the form of one command (POST /needs-assessments/{id}/<name>). */
export const CASE_STEPS: Step[] = [
  { name: 'decide-to-assess', title: 'Decide to assess', hint: 'Within 6 weeks of the request (reg 4(2)). A letter with the decision goes to the family.', button: 'Record the decision to assess',
    fields: [EFFECTIVE('When the decision was made')] },
  { name: 'refuse-assessment', title: 'Refuse to assess', hint: 'The family has the right to mediation and to appeal: the letter tells them.', button: 'Record the refusal',
    fields: [EFFECTIVE('When the decision was made'), { kind: 'textarea', name: 'reasons', label: 'The reasons', optional: true }] },
  { name: 'request-advice', title: 'Request advice', hint: 'Advice should be returned within 6 weeks of the request (reg 8(1)).', button: 'Record the request for advice',
    fields: [EFFECTIVE('When the advice was requested'), { kind: 'radios', name: 'adviceType', label: 'Whose advice', options: ADVICE }, { kind: 'text', name: 'adviser', label: 'Adviser', hint: 'The service or person asked', optional: true }] },
  { name: 'record-advice', title: 'Record advice received', button: 'Record the advice',
    fields: [EFFECTIVE('When the advice was received'), { kind: 'radios', name: 'adviceType', label: 'Whose advice', options: ADVICE }] },
  { name: 'record-exception', title: 'Record an exception to the time limits', hint: 'Reg 10(4): the 16- and 20-week limits (and, but for an early years closure, the 6-week one) do not apply while it lasts.', button: 'Record the exception',
    fields: [EFFECTIVE('When it began'), { kind: 'radios', name: 'limb', label: 'Which exception', options: LIMBS }, { kind: 'date', name: 'to', label: 'When it ended', hint: 'The first day back, for an absence. Leave blank if it has not ended.', optional: true },
      { kind: 'textarea', name: 'evidence', label: 'The evidence', hint: 'What shows the exception applies' }] },
  { name: 'decide-not-to-issue', title: 'Decide not to issue a plan', hint: 'Within 16 weeks of the request (reg 10(1)). The family can appeal.', button: 'Record the decision',
    fields: [EFFECTIVE('When the decision was made'), { kind: 'textarea', name: 'reasons', label: 'The reasons', optional: true }] },
  { name: 'issue-draft-plan', title: 'Issue the draft plan', hint: 'The family has 15 days from service to make representations (reg 13(1)). A draft names no setting (s.38(5)).', button: 'Issue the draft plan',
    fields: [EFFECTIVE('When the draft was served')] },
  { name: 'record-parent-response', title: 'Record the family\'s response to the draft', button: 'Record the response',
    fields: [EFFECTIVE('When the response was received'), { kind: 'yes-no', name: 'meetingRequested', label: 'Did the family ask for a meeting?' },
      { kind: 'setting', name: 'preferredSetting', label: 'Setting the family asks for', hint: 'Its URN or its name. Leave blank if none.', optional: true },
      { kind: 'textarea', name: 'representations', label: 'What the family said', optional: true }] },
  { name: 'hold-draft-plan-meeting', title: 'Record the meeting about the draft', button: 'Record the meeting', fields: [EFFECTIVE('When the meeting was held')] },
  { name: 'consult-setting', title: 'Consult a setting', hint: 'It should answer within 15 days (CoP 9.83).', button: 'Record the consultation',
    fields: [EFFECTIVE('When the setting was consulted'), { kind: 'setting', name: 'setting', label: 'Setting', hint: 'Its URN or its name' }] },
  { name: 'record-setting-response', title: 'Record a setting\'s response', button: 'Record the response',
    fields: [EFFECTIVE('When the setting answered'), { kind: 'text', name: 'settingUrn', label: 'Setting URN' }, { kind: 'yes-no', name: 'canMeetNeeds', label: 'Can the setting meet the needs?' }] },
  { name: 'issue-final-plan', title: 'Issue the final plan', hint: 'Within 20 weeks of the request (reg 13(2)), from the 16th day after the draft was served. Sections B, F and I can be appealed.', button: 'Issue the final plan',
    fields: [EFFECTIVE('When the final plan was issued'), { kind: 'setting', name: 'namedSetting', label: 'Setting named in section I', hint: 'Its URN or its name' }] },
  NEEDS_PROFILE_STEP,
  { name: 'add-note', title: 'Add a case note', button: 'Add the note', fields: [EFFECTIVE('Date of the note'), { kind: 'textarea', name: 'text', label: 'Note' }] },
  { name: 'reassign', title: 'Reassign the case', hint: 'To a caseworker of your team.', button: 'Reassign', fields: [EFFECTIVE('From'), { kind: 'caseworker', name: 'caseworker', label: 'Caseworker' }] },
  { name: 'withdraw', title: 'Withdraw the request', button: 'Withdraw', fields: [EFFECTIVE('When the request was withdrawn'), { kind: 'textarea', name: 'reason', label: 'The reason the family gave', optional: true }] },
  { name: 'close', title: 'Close the case', button: 'Close the case', fields: [EFFECTIVE('When the case closed'), { kind: 'radios', name: 'reason', label: 'Why', options: CLOSE_REASONS }] },
];

export const stepNamed = (steps: Step[], name: string) => steps.find((s) => s.name === name);
