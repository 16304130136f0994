import { Type } from '@sinclair/typebox';
import { EXCEPTION_LIMBS, type CalendarDate, type CommandPolicies, type ExceptionLimb } from '@ehc/domain-kernel';
import { CalendarDateField, defineCommand, FreeText, needsProfileFields, needsProfileOf, SettingReferenceField, settingReferenceOf, type CommandDefinition, type PendingDocument, type ReadCommand, type SettingReferenceInput, OneOf } from '@ehc/commands';
import type { Command } from '../domain/needs-assessment';
import type { AdviceType, ClosureReason, Setting } from '../domain/events';

/*
 * Every command on a case, by its URL name (POST /needs-assessments/{id}/{name}): its body defined
 * once (TypeBox), which gives the validation, the OpenAPI schema with its example, and the type the
 * domain command is built from. Rules on the case itself are the decider's, never here.
 */

/** What building a command needs besides its body: "today" (Europe/London) and the local policies. */
export interface CaseCommandContext { today: CalendarDate; policies: CommandPolicies }

export type CaseCommandDefinition = CommandDefinition<CaseCommandContext, Command>;
export type ParsedCaseCommand = ReadCommand<CaseCommandContext, Command>;

export const ADVICE_TYPES: readonly AdviceType[] = ['parent', 'child-or-young-person', 'educational', 'medical', 'psychological', 'social-care', 'preparing-for-adulthood', 'other'];
export const CLOSURE_REASONS: readonly ClosureReason[] = ['moved-to-another-authority', 'died', 'left-england', 'other'];

/** reg 10(4)'s own letters for its limbs, (a) to (d). */
const LIMB_LETTERS: Record<string, ExceptionLimb> = { a: 'school-closure', b: 'early-years-closure', c: 'exceptional-personal-circumstances', d: 'absence-from-area' };


const SettingField = SettingReferenceField;

/** A setting by URN, by name, or both; `settingName` names a setting given by URN alone. */
const settingOf = (value: SettingReferenceInput, settingName?: string): Setting => {
  const { urn, name } = settingReferenceOf(value);
  return { urn, name: name ?? settingName?.trim() ?? urn ?? '' };
};

/**
 * Section I names the school or type of setting; given without `namedSetting`, its first line is
 * taken as the name, bounded as a name is: the rest of the section is kept in the plan's document.
 */
const settingNamedIn = (sectionI: string): Setting => ({ urn: null, name: (sectionI.split('\n').map((line) => line.trim()).find(Boolean) ?? '').slice(0, 200) });

const section = () => Type.Optional(Type.String({ maxLength: 100_000 }));
const PlanSections = Type.Object({
  A: section(), B: section(), C: section(), D: section(), E: section(), F: section(), G: section(),
  H1: section(), H2: section(), I: section(), J: section(), K: section(),
}, { additionalProperties: false, description: 'plan sections A–K as text (reg 12)' });
/** The sections with any text in them; none is null. */
const sectionsOf = (sections: Record<string, string | undefined> | undefined): Record<string, string> | null => {
  if (!sections) return null;
  return Object.fromEntries(Object.entries(sections).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''));
};

const text = (kind: string, value: string | undefined): PendingDocument | null => (value ? { kind, content: { text: value } } : null);

export const CASE_COMMANDS: readonly CaseCommandDefinition[] = [
  defineCommand('decide-to-assess', {
    summary: 'Decide to secure an EHC needs assessment (reg 5(1): within 6 weeks of the request); a letter goes to the family',
    fields: {},
    example: { on: '2026-02-16' },
    build: ({ on }, { today }): Command => ({ type: 'DecideToAssess', data: { on, today } }),
  }),

  defineCommand('refuse-assessment', {
    summary: 'Decide not to assess (reg 5(1)); the letter carries appeal and mediation rights',
    fields: { reasons: Type.Optional(FreeText(20_000, 'the reasons, kept outside the events and erasable')) },
    example: { on: '2026-02-16', reasons: 'The evidence shows needs can be met from the resources ordinarily available to the school.' },
    deprecatedAliases: { reason: 'reasons' },
    documents: ({ reasons }) => [text('refusal-reasons', reasons)],
    build: ({ on }, { today }, [doc]): Command => ({ type: 'RefuseAssessment', data: { on, today, reasonsDocumentId: doc } }),
  }),

  defineCommand('request-advice', {
    summary: 'Ask for advice and information (reg 6); each adviser has 6 weeks (reg 8)',
    fields: { adviceType: OneOf(ADVICE_TYPES, 'whose advice'), adviser: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the service or person asked' })) },
    example: { on: '2026-02-16', adviceType: 'psychological', adviser: 'Educational Psychology Service' },
    deprecatedAliases: { type: 'adviceType', kind: 'adviceType' },
    build: ({ on, adviceType, adviser }, { today }): Command => ({ type: 'RequestAdvice', data: { on, today, adviceType, adviser: adviser ?? null } }),
  }),

  defineCommand('record-advice', {
    summary: 'Record advice received: by its adviceId, or by type when one request of that type is open',
    fields: { adviceId: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })), adviceType: Type.Optional(OneOf(ADVICE_TYPES)) },
    bodyOptions: { if: { not: { required: ['adviceId'] } }, then: { required: ['adviceType'] } },
    example: { on: '2026-03-27', adviceId: 'advice-1' },
    deprecatedAliases: { type: 'adviceType', kind: 'adviceType' },
    build: ({ on, adviceId, adviceType }, { today }): Command => ({ type: 'RecordAdvice', data: { on, today, adviceId: adviceId ?? null, adviceType: adviceType ?? null } }),
  }),

  defineCommand('record-exception', {
    summary: 'Record an exception to the time limits (reg 5(4), 10(4), 13(3)) with its evidence and dates; `on` is the day it began (for a closure, the day advice was asked)',
    fields: {
      limb: OneOf([...EXCEPTION_LIMBS, 'a', 'b', 'c', 'd', 'A', 'B', 'C', 'D'], 'the reg 10(4) limb, or its letter'),
      to: Type.Optional(CalendarDateField('the day it ended (the first day back, for an absence)')),
      closedFrom: Type.Optional(CalendarDateField('closure limbs: the first day the setting was closed')),
      reopensOn: Type.Optional(CalendarDateField('closure limbs: the first day it is open again')),
      closure: Type.Optional(Type.Object({ closedFrom: CalendarDateField(), reopensOn: CalendarDateField() }, { additionalProperties: false })),
      evidence: Type.Optional(FreeText(20_000, 'what shows the exception applies (required by the decider), kept outside the events')),
    },
    bodyOptions: { dependencies: { closedFrom: ['reopensOn'], reopensOn: ['closedFrom'] } },
    example: { on: '2026-03-02', limb: 'exceptional-personal-circumstances', to: '2026-04-06', evidence: 'Parent in hospital' },
    deprecatedAliases: { from: 'on', kind: 'limb', type: 'limb', exception: 'limb' },
    documents: ({ evidence }) => [text('exception-evidence', evidence)],
    build: ({ on, limb, to, closedFrom, reopensOn, closure }, { today }, [doc]): Command => ({
      type: 'RecordException',
      data: {
        on, today, limb: LIMB_LETTERS[limb.toLowerCase()] ?? (limb as ExceptionLimb), to: to ?? null,
        closure: closure ?? (closedFrom && reopensOn ? { closedFrom, reopensOn } : null), evidenceDocumentId: doc,
      },
    }),
  }),

  defineCommand('decide-not-to-issue', {
    summary: 'Decide not to issue a plan (reg 10(1): within 16 weeks of the request); appealable',
    fields: { reasons: Type.Optional(FreeText(20_000, 'the reasons, kept outside the events and erasable')) },
    example: { on: '2026-04-20', reasons: 'The assessment shows the special educational provision can be made without a plan.' },
    deprecatedAliases: { reason: 'reasons' },
    documents: ({ reasons }) => [text('not-to-issue-reasons', reasons)],
    build: ({ on }, { today }, [doc]): Command => ({ type: 'DecideNotToIssue', data: { on, today, reasonsDocumentId: doc } }),
  }),

  defineCommand('issue-draft-plan', {
    summary: 'Serve the draft plan: the family has 15 days beginning with service (reg 13(1)); it must not name a setting (s.38(5))',
    fields: {
      sections: Type.Optional(PlanSections),
      namedSetting: Type.Optional(SettingField('never given: a draft names no setting (s.38(5)), so this is refused')),
    },
    example: { on: '2026-04-17', sections: { A: 'Amara loves drawing.', B: 'Speech and language needs', F: '1:1 SALT weekly' } },
    deprecatedAliases: { setting: 'namedSetting' },
    documents: ({ sections }) => {
      const kept = sectionsOf(sections);
      return [kept ? { kind: 'draft-plan', content: kept } : null];
    },
    build: ({ on, sections, namedSetting }, { today }, [doc]): Command => ({
      type: 'IssueDraftPlan', data: { on, today, namesSetting: !!sectionsOf(sections)?.I || namedSetting !== undefined, planDocumentId: doc },
    }),
  }),

  defineCommand('record-parent-response', {
    summary: 'Record the family\'s response to the draft: representations, a meeting asked for, a setting preferred, or that they have nothing more to say (`final`)',
    fields: {
      meetingRequested: Type.Optional(Type.Boolean({ description: 'the family asks for a meeting about the draft' })),
      final: Type.Optional(Type.Boolean({ description: 'the family says in writing it has no further representations and wants no meeting' })),
      preferredSetting: Type.Optional(SettingField('the school or setting the family asks to be named')),
      settingName: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the name of a setting given by URN' })),
      representations: Type.Optional(FreeText(50_000, 'what the family said, kept outside the events')),
    },
    example: { on: '2026-04-30', meetingRequested: true, preferredSetting: { urn: '120345', name: 'Lincoln Castle Academy' } },
    deprecatedAliases: { setting: 'preferredSetting' },
    documents: ({ representations }) => [text('representations', representations)],
    build: ({ on, meetingRequested, final, preferredSetting, settingName }, { today }, [doc]): Command => ({
      type: 'RecordParentResponse',
      data: { on, today, meetingRequested: meetingRequested ?? false, final: final ?? false, preferredSetting: preferredSetting ? settingOf(preferredSetting, settingName) : null, representationsDocumentId: doc },
    }),
  }),

  defineCommand('hold-draft-plan-meeting', {
    summary: 'Record that the meeting the family asked for about the draft was held (it must be, before the plan is finalised)',
    fields: {},
    example: { on: '2026-05-04' },
    build: ({ on }, { today }): Command => ({ type: 'HoldDraftPlanMeeting', data: { on, today } }),
  }),

  defineCommand('consult-setting', {
    summary: 'Consult a school or setting about being named (s.39); it should answer within 15 days (CoP 9.83)',
    fields: { setting: SettingField('the setting consulted'), settingName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
    example: { on: '2026-04-17', setting: { urn: '120345', name: 'Lincoln Castle Academy' } },
    deprecatedAliases: { settingUrn: 'setting', urn: 'setting' },
    build: ({ on, setting, settingName }, { today }): Command => ({ type: 'ConsultSetting', data: { on, today, setting: settingOf(setting, settingName) } }),
  }),

  defineCommand('record-setting-response', {
    summary: 'Record a consulted setting\'s answer: whether it can meet the needs',
    fields: {
      consultationId: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
      settingUrn: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'the setting consulted, when no consultationId is given' })),
      canMeetNeeds: Type.Boolean(),
    },
    bodyOptions: { if: { not: { required: ['consultationId'] } }, then: { required: ['settingUrn'] } },
    example: { on: '2026-05-01', settingUrn: '120345', canMeetNeeds: true },
    deprecatedAliases: { urn: 'settingUrn', setting: 'settingUrn', canMeet: 'canMeetNeeds', accepted: 'canMeetNeeds' },
    build: ({ on, consultationId, settingUrn, canMeetNeeds }, { today }): Command => ({
      type: 'RecordSettingResponse', data: { on, today, consultationId: consultationId ?? null, settingUrn: settingUrn ?? null, canMeetNeeds },
    }),
  }),

  defineCommand('issue-final-plan', {
    summary: 'Issue the final plan naming the setting (reg 13(2): within 20 weeks of the request), from the 16th day after the draft was served (reg 13(1)); sections B, F and I are appealable',
    fields: {
      namedSetting: Type.Optional(SettingField('the setting named in section I')),
      settingName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      sections: Type.Optional(PlanSections),
    },
    bodyOptions: { if: { not: { required: ['sections'], properties: { sections: { required: ['I'] } } } }, then: { required: ['namedSetting'] } },
    example: { on: '2026-05-05', namedSetting: { urn: '120345', name: 'Lincoln Castle Academy' } },
    deprecatedAliases: { setting: 'namedSetting', settingUrn: 'namedSetting' },
    documents: ({ sections }) => {
      const kept = sectionsOf(sections);
      return [kept ? { kind: 'final-plan', content: kept } : null];
    },
    build: ({ on, namedSetting, settingName, sections }, { today, policies }, [doc]): Command => ({
      type: 'IssueFinalPlan',
      data: {
        on, today, namedSetting: namedSetting ? settingOf(namedSetting, settingName) : settingNamedIn(sectionsOf(sections)!.I),
        planDocumentId: doc, earlyFinalisation: policies.earlyFinalisation,
      },
    }),
  }),

  defineCommand('withdraw', {
    summary: 'The request is withdrawn: the clocks stop',
    fields: { reason: Type.Optional(FreeText(5_000, 'the reason the family gave, kept outside the events')) },
    example: { on: '2026-03-01', reason: 'The family has moved abroad.' },
    documents: ({ reason }) => [text('withdrawal-reason', reason)],
    build: ({ on }, { today }, [doc]): Command => ({ type: 'Withdraw', data: { on, today, reasonDocumentId: doc } }),
  }),

  defineCommand('close', {
    summary: 'Close the case (moved away, died, left England, other)',
    fields: { reason: OneOf(CLOSURE_REASONS) },
    example: { on: '2026-03-01', reason: 'moved-to-another-authority' },
    build: ({ on, reason }, { today }): Command => ({ type: 'Close', data: { on, today, reason } }),
  }),

  defineCommand('reassign', {
    summary: 'Hand the case to another caseworker',
    fields: { caseworker: Type.String({ minLength: 1, maxLength: 100 }) },
    example: { on: '2026-03-01', caseworker: 'cw-ben' },
    deprecatedAliases: { caseworkerId: 'caseworker', to: 'caseworker' },
    build: ({ on, caseworker }, { today }): Command => ({ type: 'Reassign', data: { on, today, caseworkerId: caseworker } }),
  }),

  defineCommand('add-note', {
    summary: 'Add a case note (kept outside the events, erasable)',
    fields: { text: FreeText(50_000, 'the note') },
    example: { on: '2026-03-01', text: 'Spoke to mum; EP visit booked.' },
    deprecatedAliases: { note: 'text' },
    documents: ({ text: note }) => [text('note', note)],
    build: ({ on }, { today }, [doc]): Command => ({ type: 'AddNote', data: { on, today, noteId: doc! } }),
  }),

  defineCommand('record-needs-profile', {
    summary: 'Record a Valuing SEND profile: needs, setting readiness and family confidence, five domains each',
    fields: needsProfileFields(),
    example: { on: '2026-01-05', context: 'request', needs: [4, 3, 2, 3, 4], settingReadiness: [2, 2, 3, 3, 2], familyConfidence: [3, 3, 3, 2, 2] },
    build: (body, { today }): Command => ({ type: 'RecordNeedsProfile', data: { on: body.on, today, ...needsProfileOf(body) } }),
  }),
];
