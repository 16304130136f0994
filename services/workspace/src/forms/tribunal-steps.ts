import { appealTypesFor, type AppealableDecisionType } from '@ehc/domain-kernel';
import { commandBody, EFFECTIVE, inputId, type Field, type FormError, type Step } from './steps';
import {
  APPEAL_OUTCOME_WORDS, APPEAL_TYPE_WORDS, COMPLIANCE_EXCEPTION_WORDS, DECISION_TYPE_WORDS, GROUND_OUTCOME_WORDS, ORDER_KIND_WORDS,
  ORDER_KINDS, ORDER_STEP_WORDS, PLAN_SECTIONS, SECTION_WORDS, SOURCE_WORDS, inWords,
} from '../tribunal/words';
import { formatDate } from '../views';

/**
 * A tribunal command's form: a step (its fields read as every step's are) whose values the API
 * takes in another shape — lists, a source, orders — so `toBody` maps the fields read to the body,
 * and `apiFields` names the form field each of the API's fields stands for (to show a refusal
 * beside the right field).
 */
export interface TribunalStep extends Step {
  toBody?: (fields: Record<string, unknown>) => { body: Record<string, unknown>; errors: FormError[] };
  apiFields?: Record<string, string>;
}

const options = (words: Record<string, string>, only?: readonly string[]) =>
  (only ?? Object.keys(words)).map((value) => ({ value, text: words[value] ?? value }));
const plain = (body: Record<string, unknown>) => ({ body, errors: [] as FormError[] });
const fieldOf = (step: Step, name: string) => step.fields.find((f) => f.name === name)!;

/**
 * The form's values as the API's body: every field read as a step's fields are (dates from their
 * boxes, yes/no, lists), then reshaped by the step's own mapping. Faults the form can see come back
 * as errors; the API judges the rest.
 */
export function tribunalBody(step: TribunalStep, form: Record<string, unknown>): { body: Record<string, unknown>; errors: FormError[] } {
  const read = commandBody(step, form);
  if (read.errors.length || !step.toBody) return read;
  const mapped = step.toBody(read.body);
  // a fault the mapping finds is beside its field, as the reading's are
  return { body: mapped.body, errors: mapped.errors.map((e) => ({ ...e, href: `#${inputId(step.name, fieldOf(step, e.field))}` })) };
}

/** The form field an API's field stands for: the step's own words for it, else the field of that name. */
export function formFieldFor(step: TribunalStep, apiField: string | undefined): string | undefined {
  if (!apiField) return undefined;
  const path = apiField.replace(/\[(\d+)\]/g, '.$1');
  const segments = path.split('.');
  for (let n = segments.length; n > 0; n--) {
    const prefix = segments.slice(0, n).join('.');
    if (step.apiFields?.[prefix]) return step.apiFields[prefix];
  }
  return step.fields.some((f) => f.name === segments[0]) ? segments[0] : undefined;
}

const lines = (text: unknown): string[] => (typeof text === 'string' ? text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean) : []);

// ---------------------------------------------------------------------------------------------
// An appeal window: opened by hand, and the mediation and appeal it can lead to
// ---------------------------------------------------------------------------------------------

/** A window opened by hand (POST /appeal-windows): a decision made before the hub, or one the hub missed. */
export const OPEN_WINDOW: TribunalStep = {
  name: 'open-window', title: 'Open an appeal window', button: 'Open the appeal window',
  hint: 'For an appealable decision the hub did not record: one made before the hub, for example. The deadlines are worked out from the letter.',
  fields: [
    { kind: 'radios', name: 'sourceService', label: 'Where the decision was made', optional: true, options: options(SOURCE_WORDS, ['before-the-hub', 'needs-assessment', 'annual-review']),
      hint: 'Leave blank for a decision made before the hub.' },
    { kind: 'text', name: 'sourceId', label: 'Reference of the case or plan', optional: true,
      hint: 'Your reference for a decision made before the hub (leave blank if it has none); the id of the case or plan for one made in the hub.' },
    { kind: 'radios', name: 'decisionType', label: 'The decision', options: options(DECISION_TYPE_WORDS) },
    { kind: 'date', name: 'letterOn', label: 'When the decision letter was sent', hint: 'For example, 27 3 2026. The appeal deadline runs from it.' },
    { kind: 'date', name: 'certificateOn', label: 'When a mediation certificate was issued', optional: true, hint: 'Only if one was issued before the hub knew of the decision. Leave blank if none.' },
    { kind: 'radios', name: 'recipient', label: 'Who the letter went to', optional: true, options: [{ value: 'parent', text: 'The parent' }, { value: 'young-person', text: 'The young person' }] },
  ],
  apiFields: { 'source.service': 'sourceService', 'source.id': 'sourceId', source: 'sourceService', decisionId: 'sourceId' },
  toBody: ({ sourceService, sourceId, ...rest }) => {
    // a decision of the hub's own is found by its case or plan; one before the hub may go under the window's own id
    if (sourceService && sourceService !== 'before-the-hub' && !sourceId) {
      return { body: {}, errors: [{ text: 'Enter the id of the case or plan the decision was made on', href: '', field: 'sourceId' }] };
    }
    return plain({ ...rest, ...(sourceId ? { source: { service: sourceService ?? 'before-the-hub', id: sourceId } } : {}) });
  },
};

/** A request for mediation (POST /mediations) about the window's decision. */
export const REQUEST_MEDIATION: TribunalStep = {
  name: 'request-mediation', title: 'Record a request for mediation', button: 'Record the request',
  hint: 'The family must contact the mediation adviser within 2 months of the decision letter (reg 33). If they want mediation, it must take place within 30 days of the authority being told; if not, the adviser issues a certificate within 3 working days (reg 34).',
  fields: [
    { kind: 'date', name: 'requestedOn', label: 'When the authority was told', hint: 'For example, 27 3 2026. It cannot be in the future.' },
    { kind: 'yes-no', name: 'wantsMediation', label: 'Does the family want mediation?', hint: 'Answer no if they only want a certificate so that they can appeal.' },
    { kind: 'yes-no', name: 'healthInvolved', label: 'Are health care issues in dispute?', optional: true, hint: 'If so, the authority tells the health commissioning body within 3 working days.' },
    { kind: 'textarea', name: 'issues', label: 'The issues the family wants to mediate', optional: true, hint: 'One a line. Kept apart from the history, so they can be erased.' },
  ],
  toBody: (fields) => plain({ ...fields, issues: fields.issues === undefined ? undefined : lines(fields.issues) }),
};

/** An appeal registered with the First-tier Tribunal (SEND) (POST /appeals): the types the decision opens (s.51), from the kernel. */
export function registerAppeal(decisionType: string): TribunalStep {
  let types: readonly string[];
  try {
    types = appealTypesFor(decisionType as AppealableDecisionType);
  } catch {
    types = Object.keys(APPEAL_TYPE_WORDS);
  }
  return {
    name: 'register-appeal', title: 'Record an appeal registered by the tribunal', button: 'Record the appeal',
    hint: 'A mediation certificate is needed first, except for an appeal about section I only (s.55). An appeal registered after the deadline is recorded as late; say whether the tribunal admitted it.',
    fields: [
      { kind: 'date', name: 'registeredOn', label: 'When the tribunal registered the appeal', hint: 'For example, 27 3 2026. It cannot be in the future.' },
      { kind: 'radios', name: 'type', label: 'What the appeal is about', options: options(APPEAL_TYPE_WORDS, types) },
      { kind: 'checkboxes', name: 'grounds', label: 'The sections appealed', optional: true, options: options(SECTION_WORDS, PLAN_SECTIONS),
        hint: 'For an appeal about the plan\'s contents. Health and social care sections can only bring recommendations, alongside B, F or I.' },
      { kind: 'date', name: 'sentToLaOn', label: 'When the tribunal sent the appeal to the authority', optional: true,
        hint: 'The authority\'s response is due 30 working days after it (the tribunal\'s directions). Leave blank if the day it was registered.' },
      { kind: 'yes-no', name: 'lateAppealAdmitted', label: 'Did the tribunal admit the appeal late?', optional: true, hint: 'Only for an appeal registered after the deadline.' },
    ],
    apiFields: { grounds: 'grounds' },
    toBody: ({ grounds, ...rest }) => plain({ ...rest, ...(Array.isArray(grounds) ? { grounds: grounds.map((section) => ({ section })) } : {}) }),
  };
}

// ---------------------------------------------------------------------------------------------
// A mediation: one form for each command (POST /mediations/{id}/{command})
// ---------------------------------------------------------------------------------------------

const ACTIONS = [1, 2, 3];

export const MEDIATION_STEPS: TribunalStep[] = [
  { name: 'notify-health', title: 'Record the health commissioning body told', button: 'Record it',
    hint: 'Health care issues are in dispute: the authority tells the health commissioning body (ICB) within 3 working days of being told the issues.',
    fields: [EFFECTIVE('When the health commissioning body was told')] },
  { name: 'screen', title: 'Record the screening of the request', button: 'Record the screening',
    hint: 'Screening tries to settle the disagreement early. It runs inside the 30 days and never extends them.',
    fields: [EFFECTIVE('When the request was screened'),
      { kind: 'radios', name: 'outcome', label: 'The outcome', options: [{ value: 'resolved', text: 'Resolved at screening' }, { value: 'proceed', text: 'Go ahead to mediation' }] }] },
  { name: 'arrange', title: 'Arrange the mediation', button: 'Record the arrangement',
    hint: 'The mediation must take place within 30 days of the authority being told the family wants it. A letter goes to the family.',
    fields: [EFFECTIVE('When it was arranged'), { kind: 'date', name: 'takesPlaceOn', label: 'Date of the mediation', hint: 'For example, 27 3 2026. It may be in the future.' }] },
  { name: 'record-not-arranged', title: 'Record that mediation cannot take place within 30 days', button: 'Record it',
    hint: 'The mediation adviser issues a certificate within 3 working days of being told, so that the family can appeal.',
    fields: [EFFECTIVE('When the mediation adviser was told')] },
  { name: 'hold', title: 'Record the mediation held', button: 'Record the mediation',
    hint: 'The certificate is due within 3 working days after the mediation ends.', fields: [EFFECTIVE('When the mediation took place')] },
  { name: 'record-agreement', title: 'Record the agreement reached', button: 'Record the agreement',
    hint: 'What the authority agreed to do, each action with the date it is due. The terms are kept apart from the history, so they can be erased.',
    fields: [EFFECTIVE('When it was agreed'),
      ...ACTIONS.flatMap((n): Field[] => [
        { kind: 'text', name: `action${n}`, label: `Action ${n}`, optional: true },
        { kind: 'date', name: `action${n}DueBy`, label: `Action ${n} due by`, optional: true },
      ]),
      { kind: 'textarea', name: 'terms', label: 'The terms agreed', optional: true }],
    apiFields: { actions: 'action1', 'actions.0': 'action1', 'actions.1': 'action2', 'actions.2': 'action3' },
    toBody: (fields) => {
      const errors: FormError[] = [];
      const actions = ACTIONS.flatMap((n) => {
        const description = fields[`action${n}`] as string | undefined;
        const dueBy = fields[`action${n}DueBy`] as string | undefined;
        if (description && !dueBy) errors.push({ text: `Enter the date action ${n} is due by`, href: '', field: `action${n}DueBy` });
        if (!description && dueBy) errors.push({ text: `Enter action ${n}, or clear its date`, href: '', field: `action${n}` });
        return description && dueBy ? [{ description, dueBy }] : [];
      });
      return { body: { on: fields.on, ...(actions.length ? { actions } : {}), ...(fields.terms ? { terms: fields.terms } : {}) }, errors };
    } },
  { name: 'issue-certificate', title: 'Issue the mediation certificate', button: 'Issue the certificate',
    hint: 'The family can then appeal until the later of 2 months after the decision letter and 1 month after the certificate, moved off August, Christmas and non-working days (Tribunal Procedure Rules r.20, r.12).',
    fields: [EFFECTIVE('When the certificate was issued')] },
  { name: 'withdraw', title: 'Record the request withdrawn', button: 'Record the withdrawal', fields: [EFFECTIVE('When the family withdrew it')] },
];

// ---------------------------------------------------------------------------------------------
// An appeal and its orders: one form for each command (POST /appeals/{id}/{command})
// ---------------------------------------------------------------------------------------------

/** The parts of the API's appeal view the appeal's forms are built from. */
export interface AppealForForms {
  grounds?: { section: string }[] | null;
  orders?: { orderId: string; kind: string; status: string; deadlines?: Record<string, { step?: string; due?: string | null; done?: string | null } | null> }[] | null;
}

const ORDER_OPTIONS = options(ORDER_KIND_WORDS, ORDER_KINDS);
const AMENDMENT_ORDERED: Field = { kind: 'yes-no', name: 'amendmentOrdered', label: 'Must the plan also be amended?', optional: true,
  hint: 'Only where a decision to cease is overturned and the order also asks for an amendment (within 5 weeks).' };
const ordersOf = (fields: Record<string, unknown>) => (Array.isArray(fields.orders)
  ? { orders: (fields.orders as string[]).map((kind) => ({ kind, ...(kind === 'cease-decision-overturned' && fields.amendmentOrdered === true ? { amendmentOrdered: true } : {}) })) }
  : {});

/** The tribunal's decision: its outcome, each ground appealed decided, the orders and costs. */
function recordOutcome(appeal: AppealForForms): TribunalStep {
  const sections = (appeal.grounds ?? []).map((g) => g.section);
  return {
    name: 'record-outcome', title: 'Record the tribunal\'s decision', button: 'Record the decision',
    hint: 'An order runs from the date of the decision (reg 44): each of its steps gets its date. Recommendations on health or social care need a written response within 5 weeks.',
    fields: [
      EFFECTIVE('Date of the decision'),
      { kind: 'radios', name: 'outcome', label: 'The outcome', options: options(APPEAL_OUTCOME_WORDS, ['dismissed', 'allowed', 'allowed-in-part', 'remitted', 'consent-order']) },
      ...sections.map((section): Field => ({ kind: 'radios', name: `ground-${section}`, label: SECTION_WORDS[section as keyof typeof SECTION_WORDS] ?? `Section ${section}`, optional: true, options: options(GROUND_OUTCOME_WORDS) })),
      { kind: 'checkboxes', name: 'orders', label: 'What the tribunal ordered', optional: true, options: ORDER_OPTIONS, hint: 'Leave blank if the appeal was dismissed with no order.' },
      AMENDMENT_ORDERED,
      { kind: 'radios', name: 'costs', label: 'Costs', optional: true, options: [
        { value: 'none', text: 'No costs awarded' }, { value: 'local-authority', text: 'Costs awarded against the local authority' },
        { value: 'parent-or-young-person', text: 'Costs awarded against the parent or young person' }] },
    ],
    apiFields: { grounds: sections.length ? `ground-${sections[0]}` : 'outcome', ...Object.fromEntries(sections.map((s, i) => [`grounds.${i}`, `ground-${s}`])), costs: 'costs', orders: 'orders' },
    toBody: (fields) => {
      const grounds = sections.filter((s) => fields[`ground-${s}`]).map((section) => ({ section, outcome: fields[`ground-${section}`] }));
      const costs = fields.costs === undefined ? {} : { costs: fields.costs === 'none' ? { awarded: false } : { awarded: true, against: fields.costs } };
      return plain({ on: fields.on, outcome: fields.outcome, ...(grounds.length ? { grounds } : {}), ...ordersOf(fields), ...costs });
    },
  };
}

/** Every step of every order not yet complied with, as "order: step (due …)". */
function openOrderSteps(appeal: AppealForForms) {
  return (appeal.orders ?? []).filter((o) => o.status !== 'complied-with').flatMap((o) => Object.entries(o.deadlines ?? {})
    .filter(([, d]) => d && !d.done)
    .map(([name, d]) => ({
      value: `${o.orderId}|${d!.step ?? name}`,
      text: `${inWords(ORDER_KIND_WORDS, o.kind)}: ${inWords(ORDER_STEP_WORDS, d!.step ?? name)}${d!.due ? `, due ${formatDate(d!.due)}` : ''}`,
    })));
}

const openOrders = (appeal: AppealForForms) => (appeal.orders ?? []).filter((o) => o.status !== 'complied-with')
  .map((o) => ({ value: o.orderId, text: inWords(ORDER_KIND_WORDS, o.kind) }));

/** The appeal's forms, built from the appeal: the grounds it was brought on, the orders it ended in. */
export function appealSteps(appeal: AppealForForms): TribunalStep[] {
  const stepsOpen = openOrderSteps(appeal);
  const ordersOpen = openOrders(appeal);
  return [
    { name: 'send-response', title: 'Send the authority\'s response', button: 'Record the response',
      hint: 'Within the period the tribunal\'s directions set, usually 30 working days from the day the appeal was sent to the authority.',
      fields: [EFFECTIVE('When the response was sent')] },
    { name: 'list-hearing', title: 'Record the hearing date', button: 'Record the hearing',
      fields: [EFFECTIVE('When the tribunal listed the hearing'), { kind: 'date', name: 'hearingOn', label: 'Date of the hearing', hint: 'For example, 27 3 2026. It may be in the future.' }] },
    recordOutcome(appeal),
    { name: 'concede', title: 'Concede the appeal', button: 'Record the concession',
      hint: 'The authority tells the tribunal it will not oppose the appeal (reg 45): the order\'s periods run from that day, as if the tribunal had ordered it.',
      fields: [EFFECTIVE('When the tribunal was told'), { kind: 'checkboxes', name: 'orders', label: 'What the authority conceded', optional: true, options: ORDER_OPTIONS,
        hint: 'Leave blank for the order an appeal of this type brings.' }, AMENDMENT_ORDERED],
      apiFields: { orders: 'orders' },
      toBody: (fields) => plain({ on: fields.on, ...ordersOf(fields) }) },
    { name: 'withdraw', title: 'Record the appeal withdrawn', button: 'Record the withdrawal', fields: [EFFECTIVE('When the family withdrew it')] },
    { name: 'respond-to-recommendations', title: 'Record the response to the recommendations', button: 'Record the response',
      hint: 'The health or social care body responds in writing within 5 weeks of the recommendations. A letter goes to the family.',
      fields: [EFFECTIVE('When the response was sent')] },
    ...(stepsOpen.length ? [{
      name: 'record-compliance', title: 'Record a step of an order done', button: 'Record the step',
      hint: 'Each step has the period reg 44(2) sets from the order. A late step is recorded as late.',
      fields: [EFFECTIVE('When it was done'), { kind: 'radios', name: 'orderStep', label: 'Which step', options: stepsOpen }],
      apiFields: { orderId: 'orderStep', step: 'orderStep' },
      toBody: (fields: Record<string, unknown>) => {
        const [orderId, step] = String(fields.orderStep).split('|');
        return plain({ on: fields.on, orderId, step });
      },
    } satisfies TribunalStep] : []),
    ...(ordersOpen.length ? [{
      name: 'apply-compliance-exception', title: 'Record that an order\'s period cannot be met (reg 44(3))', button: 'Record the exception',
      hint: 'The periods need not be met where it is impractical because of one of these. Record when it applied.',
      fields: [EFFECTIVE('When it applied'), { kind: 'radios', name: 'orderId', label: 'Which order', options: ordersOpen },
        { kind: 'radios', name: 'reason', label: 'The reason', options: options(COMPLIANCE_EXCEPTION_WORDS) },
        { kind: 'number', name: 'absenceDays', label: 'How many days the absence lasts', optional: true, max: 3660,
          hint: 'For an absence only: from the first day away to the first day back. It must be at least 14 days.' }],
    } satisfies TribunalStep] : []),
  ];
}

/** Every step name a tribunal page can report done, with its title (for the "Recorded: …" banner). */
export const doneTitle = (steps: Step[], name: unknown): string | null =>
  (typeof name === 'string' ? steps.find((s) => s.name === name)?.title ?? null : null);
