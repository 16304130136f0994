import { EXCEPTION_LIMBS, type CalendarDate, type ClosurePeriod, type CommandPolicies, type ExceptionLimb } from '@ehc/domain-kernel';
import { BodyReader } from '@ehc/platform';
import type { Command } from '../domain/needs-assessment';
import type { PendingDocument } from '@ehc/platform';
import type { AdviceType, ClosureReason, DomainRatings, NeedsProfileContext, Setting } from '../domain/events';

export const ADVICE_TYPES: readonly AdviceType[] = ['parent', 'child-or-young-person', 'educational', 'medical', 'psychological', 'social-care', 'preparing-for-adulthood', 'other'];
export const CLOSURE_REASONS: readonly ClosureReason[] = ['moved-to-another-authority', 'died', 'left-england', 'other'];
const PROFILE_CONTEXTS: readonly NeedsProfileContext[] = ['request', 'plan', 'review', 'other'];
const PLAN_SECTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K'] as const;

/** reg 10(4) limbs, also by their letters. */
const LIMB_ALIASES: Record<string, ExceptionLimb> = { a: 'school-closure', b: 'early-years-closure', c: 'exceptional-personal-circumstances', d: 'absence-from-area' };


export interface ParsedCommand {
  build(today: CalendarDate, documentIds: (string | null)[], policies: CommandPolicies): Command;
  documents: (PendingDocument | null)[];
}

type Parser = (input: BodyReader, on: CalendarDate) => ParsedCommand;

const simple = (build: (today: CalendarDate, docs: (string | null)[], policies: CommandPolicies) => Command, documents: (PendingDocument | null)[] = []): ParsedCommand => ({ build, documents });
const text = (kind: string, value: string | undefined): PendingDocument | null => (value ? { kind, content: { text: value } } : null);

function setting(input: BodyReader, field: string, required: boolean): Setting | null {
  const raw = input.raw(field);
  if (raw === undefined || raw === null || raw === '') {
    if (required) input.reject(field, 'Required', `${field} is required`);
    return null;
  }
  if (typeof raw === 'string') {
    const named = input.raw(input.field('settingName', 'name'));
    const name = typeof named === 'string' && named.trim() ? named.trim() : raw.trim();
    return /^\d{5,8}$/.test(raw.trim()) ? { urn: raw.trim(), name } : { urn: null, name: raw.trim() };
  }
  const s = input.object(field);
  const urn = s?.string('urn', { required: false, maxLength: 20 }) ?? null;
  const name = s?.string('name', { required: !urn, maxLength: 200 }) ?? urn ?? '';
  s?.done();
  return { urn, name };
}

function ratings(input: BodyReader, field: string): DomainRatings {
  const raw = input.raw(field);
  // Valuing SEND: five domains, each rated on the configured scale (1-5 here)
  if (!Array.isArray(raw) || raw.length !== 5 || !raw.every((n) => Number.isInteger(n) && n >= 1 && n <= 5)) {
    input.reject(field, 'FiveRatingsFrom1To5', `${field} must be five whole numbers from 1 to 5 (cognition and learning; communication and interaction; sensory and physical; social, emotional and mental health; independence)`);
    return [0, 0, 0, 0, 0];
  }
  return raw as DomainRatings;
}

/** The commands on a case, by their URL name, each reading its own fields. */
export const CASE_COMMANDS: Record<string, Parser> = {
  'decide-to-assess': (_i, on) => simple((today) => ({ type: 'DecideToAssess', data: { on, today } })),

  'refuse-assessment': (i, on) => {
    const reasons = i.string(i.field('reasons', 'reason'), { required: false, maxLength: 20_000 });
    return simple((today, [doc]) => ({ type: 'RefuseAssessment', data: { on, today, reasonsDocumentId: doc } }), [text('refusal-reasons', reasons)]);
  },

  'request-advice': (i, on) => {
    const adviceType = i.oneOf(i.field('adviceType', 'type', 'kind'), ADVICE_TYPES);
    const adviser = i.string('adviser', { required: false, maxLength: 200 }) ?? null;
    return simple((today) => ({ type: 'RequestAdvice', data: { on, today, adviceType: adviceType!, adviser } }));
  },

  'record-advice': (i, on) => {
    const adviceId = i.string('adviceId', { required: false, maxLength: 50 }) ?? null;
    const adviceType = i.oneOf(i.field('adviceType', 'type', 'kind'), ADVICE_TYPES, { required: !adviceId }) ?? null;
    return simple((today) => ({ type: 'RecordAdvice', data: { on, today, adviceId, adviceType } }));
  },

  'record-exception': (i, on) => {
    const field = i.field('limb', 'kind', 'type', 'exception');
    const raw = i.raw(field);
    const limb = typeof raw === 'string' ? (LIMB_ALIASES[raw.toLowerCase()] ?? (EXCEPTION_LIMBS.includes(raw as ExceptionLimb) ? (raw as ExceptionLimb) : undefined)) : undefined;
    if (!limb) i.reject(field, raw === undefined ? 'Required' : 'NotAllowedValue', `limb must be one of: ${EXCEPTION_LIMBS.join(', ')} (or a, b, c, d)`);
    const to = i.date('to', { required: false }) ?? null;
    const closure = closurePeriod(i);
    const evidence = i.string('evidence', { required: false, maxLength: 20_000 });
    return simple((today, [doc]) => ({ type: 'RecordException', data: { on, today, limb: limb!, to, closure, evidenceDocumentId: doc } }), [text('exception-evidence', evidence)]);
  },

  'decide-not-to-issue': (i, on) => {
    const reasons = i.string(i.field('reasons', 'reason'), { required: false, maxLength: 20_000 });
    return simple((today, [doc]) => ({ type: 'DecideNotToIssue', data: { on, today, reasonsDocumentId: doc } }), [text('not-to-issue-reasons', reasons)]);
  },

  'issue-draft-plan': (i, on) => {
    const sections = planSections(i);
    const namesSetting = !!sections?.I || i.raw('namedSetting') !== undefined || i.raw('setting') !== undefined;
    return simple((today, [doc]) => ({ type: 'IssueDraftPlan', data: { on, today, namesSetting, planDocumentId: doc } }), [sections ? { kind: 'draft-plan', content: sections } : null]);
  },

  'record-parent-response': (i, on) => {
    const meetingRequested = i.boolean('meetingRequested', { required: false }) ?? false;
    const final = i.boolean('final', { required: false }) ?? false;
    const preferredSetting = setting(i, i.field('preferredSetting', 'setting'), false);
    const representations = i.string('representations', { required: false, maxLength: 50_000 });
    return simple((today, [doc]) => ({ type: 'RecordParentResponse', data: { on, today, meetingRequested, final, preferredSetting, representationsDocumentId: doc } }), [text('representations', representations)]);
  },

  'hold-draft-plan-meeting': (_i, on) => simple((today) => ({ type: 'HoldDraftPlanMeeting', data: { on, today } })),

  'consult-setting': (i, on) => {
    const s = setting(i, i.field('setting', 'settingUrn', 'urn'), true);
    return simple((today) => ({ type: 'ConsultSetting', data: { on, today, setting: s! } }));
  },

  'record-setting-response': (i, on) => {
    const consultationId = i.string('consultationId', { required: false, maxLength: 50 }) ?? null;
    const urnRaw = i.raw('setting');
    const settingUrn = i.string('settingUrn', { required: false, maxLength: 20 }) ?? i.string('urn', { required: false, maxLength: 20 })
      ?? (typeof urnRaw === 'object' && urnRaw !== null ? String((urnRaw as { urn?: string }).urn ?? '') || null : typeof urnRaw === 'string' ? urnRaw : null);
    if (!consultationId && !settingUrn) i.reject('consultationId', 'Required', 'consultationId or settingUrn is required');
    const canMeetNeeds = i.boolean(i.field('canMeetNeeds', 'canMeet', 'accepted'));
    return simple((today) => ({ type: 'RecordSettingResponse', data: { on, today, consultationId, settingUrn: settingUrn ?? null, canMeetNeeds: canMeetNeeds! } }));
  },

  'issue-final-plan': (i, on) => {
    const sections = planSections(i);
    const field = i.field('namedSetting', 'setting', 'settingUrn');
    let named = setting(i, field, !sections?.I);
    if (!named && sections?.I) named = { urn: null, name: sections.I };
    return simple((today, [doc], { earlyFinalisation }) => ({ type: 'IssueFinalPlan', data: { on, today, namedSetting: named!, planDocumentId: doc, earlyFinalisation } }), [sections ? { kind: 'final-plan', content: sections } : null]);
  },

  withdraw: (i, on) => {
    const reason = i.string('reason', { required: false, maxLength: 5_000 });
    return simple((today, [doc]) => ({ type: 'Withdraw', data: { on, today, reasonDocumentId: doc } }), [text('withdrawal-reason', reason)]);
  },

  close: (i, on) => {
    const reason = i.oneOf('reason', CLOSURE_REASONS);
    return simple((today) => ({ type: 'Close', data: { on, today, reason: reason! } }));
  },

  reassign: (i, on) => {
    const caseworker = i.string(i.field('caseworker', 'caseworkerId', 'to'), { maxLength: 100 });
    return simple((today) => ({ type: 'Reassign', data: { on, today, caseworkerId: caseworker! } }));
  },

  'add-note': (i, on) => {
    const note = i.string(i.field('text', 'note'), { maxLength: 50_000 });
    return simple((today, [doc]) => ({ type: 'AddNote', data: { on, today, noteId: doc! } }), [{ kind: 'note', content: { text: note } }]);
  },

  'record-needs-profile': (i, on) => {
    const context = i.oneOf('context', PROFILE_CONTEXTS, { required: false }) ?? 'other';
    const needs = ratings(i, 'needs');
    const settingReadiness = ratings(i, 'settingReadiness');
    const familyConfidence = ratings(i, 'familyConfidence');
    return simple((today) => ({ type: 'RecordNeedsProfile', data: { on, today, context, needs, settingReadiness, familyConfidence } }));
  },
};

/**
 * A closure for limbs (a) and (b): `closedFrom`, the first day closed, and `reopensOn`, the first day
 * open again, given at the top level or together as `closure`.
 */
function closurePeriod(i: BodyReader): ClosurePeriod | null {
  const nested = i.raw('closure') !== undefined ? i.object('closure') : undefined;
  const from = nested ? nested.date('closedFrom', { required: true }) : i.date('closedFrom', { required: false });
  const reopens = nested ? nested.date('reopensOn', { required: true }) : i.date('reopensOn', { required: false });
  nested?.done();
  if (!from && !reopens) return null;
  if (!from) i.reject('closedFrom', 'Required', 'closedFrom is required with reopensOn');
  if (!reopens) i.reject('reopensOn', 'Required', 'reopensOn is required with closedFrom');
  return from && reopens ? { closedFrom: from, reopensOn: reopens } : null;
}

/** Plan sections A–K as structured text (reg 12). */
function planSections(i: BodyReader): Record<string, string> | null {
  const raw = i.raw('sections');
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    i.reject('sections', 'MustBeObject', 'sections must be an object keyed by plan section (A–K)');
    return null;
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!(PLAN_SECTIONS as readonly string[]).includes(key)) i.reject(`sections.${key}`, 'UnknownPlanSection', `sections may only be ${PLAN_SECTIONS.join(', ')}`);
    else if (typeof value !== 'string') i.reject(`sections.${key}`, 'MustBeString', `sections.${key} must be text`);
    else if (value.trim()) out[key] = value;
  }
  return out;
}
