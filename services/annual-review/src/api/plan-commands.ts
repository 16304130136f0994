import { Type, type TProperties } from '@sinclair/typebox';
import type { CalendarDate, CommandPolicies, PhaseTransferKind } from '@ehc/domain-kernel';
import { CalendarDateField, defineCommand, FreeText, needsProfileFields, needsProfileOf, SettingReferenceField, settingReferenceOf, type CommandBody, type CommandDefinition, type CommandSpec, type PendingDocument, type ReadCommand, type SettingReferenceInput, OneOf } from '@ehc/commands';
import type { Command } from '../domain/annual-review';
import type { CeaseAppealOutcome, CeaseReason, ClosureReason, Setting } from '../domain/events';

/*
 * Every command on a plan, by its URL name (POST /annual-reviews/{planId}/{name}): its body defined
 * once (TypeBox), which gives the validation, the OpenAPI schema with its example, and the type the
 * domain command is built from. Settings named by URN are looked up in the settings directory first.
 */

const CEASE_REASONS: readonly CeaseReason[] = ['no-longer-responsible-moved', 'max-age', 'higher-education', 'paid-employment', 'disengaged-18-plus', 'no-longer-necessary'];
const APPEAL_OUTCOMES: readonly CeaseAppealOutcome[] = ['dismissed', 'withdrawn', 'allowed', 'conceded'];
const CLOSURE_REASONS: readonly ClosureReason[] = ['transferred-to-another-authority', 'died', 'other'];
const TRANSFER_KINDS: readonly PhaseTransferKind[] = ['early-years-to-school', 'infant-to-junior', 'primary-to-middle', 'primary-to-secondary', 'middle-to-secondary', 'secondary-to-post-16'];

/** A setting named in the body, by URN (looked up in the settings directory) or by name. */
export interface SettingRef { field: string; urn: string | null; name: string | null }

/** What building a plan command needs besides its body: "today", the local policies, the settings it names (looked up, in order). */
export interface PlanCommandContext { today: CalendarDate; policies: CommandPolicies; settings: Setting[] }

export type ParsedPlanCommand = ReadCommand<PlanCommandContext, Command>;
export interface PlanCommandDefinition extends CommandDefinition<PlanCommandContext, Command> {
  /** The settings the body names, to look up before the command is built. */
  settingRefs(body: Record<string, unknown>): SettingRef[];
}

const text = (kind: string, value: string | undefined): PendingDocument | null => (value ? { kind, content: { text: value } } : null);
const ref = (field: string, value: SettingReferenceInput | undefined): SettingRef[] => (value === undefined ? [] : [{ field, ...settingReferenceOf(value) }]);

function planCommand<P extends TProperties>(
  name: string,
  spec: CommandSpec<P, PlanCommandContext, Command> & { settings?: (body: CommandBody<P>) => SettingRef[] },
): PlanCommandDefinition {
  return { ...defineCommand(name, spec), settingRefs: (body) => spec.settings?.(body as CommandBody<P>) ?? [] };
}

const reasonsField = () => Type.Optional(FreeText(20_000, 'the reasons, kept outside the events and erasable'));

export const PLAN_COMMANDS: readonly PlanCommandDefinition[] = [
  planCommand('schedule-meeting', {
    summary: 'Schedule the review meeting: `on` is the day the invitations went out (at least 2 weeks before, reg 20)',
    fields: { meetingOn: Type.Optional(CalendarDateField('the day of the meeting (may be in the future); the day of the invitations if not given')) },
    example: { on: '2026-04-28', meetingOn: '2026-05-14' },
    deprecatedAliases: { meetingDate: 'meetingOn', meeting: 'meetingOn' },
    build: ({ on, meetingOn }, { today }): Command => ({ type: 'ScheduleMeeting', data: { on, today, meetingOn: meetingOn ?? on } }),
  }),
  planCommand('hold-meeting', {
    summary: 'Record the review meeting held: the report is due 2 weeks after, the decision 4 weeks after (reg 20)',
    fields: {},
    example: { on: '2026-05-14' },
    build: ({ on }, { today }): Command => ({ type: 'HoldMeeting', data: { on, today } }),
  }),
  planCommand('receive-report', {
    summary: 'Record the review report received (reg 20: within 2 weeks of the meeting)',
    fields: { report: Type.Optional(FreeText(100_000, 'the report, kept outside the events')) },
    example: { on: '2026-05-27', report: 'Progress towards the outcomes in section E…' },
    documents: ({ report }) => [text('review-report', report)],
    build: ({ on }, { today }, [doc]): Command => ({ type: 'ReceiveReport', data: { on, today, reportDocumentId: doc } }),
  }),
  planCommand('decide', {
    summary: 'The LA\'s decision after the review: maintain, amend or cease (reg 20(10): within 4 weeks of the meeting); maintain and cease are appealable',
    fields: { outcome: OneOf(['maintain', 'amend', 'cease'] as const), reasons: reasonsField() },
    example: { on: '2026-06-01', outcome: 'amend' },
    deprecatedAliases: { decision: 'outcome' },
    documents: ({ reasons }) => [text('review-decision-reasons', reasons)],
    build: ({ on, outcome }, { today }, [doc]): Command => ({ type: 'Decide', data: { on, today, outcome, reasonsDocumentId: doc } }),
  }),
  planCommand('issue-amendment-notice', {
    summary: 'Serve the amendment notice (reg 22(2)): the family has 15 days beginning with service; the amended plan within 8 weeks',
    fields: { proposedChanges: Type.Optional(FreeText(100_000, 'the proposed changes, kept outside the events')) },
    example: { on: '2026-06-08', proposedChanges: 'Section F: weekly speech and language therapy.' },
    documents: ({ proposedChanges }) => [text('proposed-changes', proposedChanges)],
    build: ({ on }, { today }, [doc]): Command => ({ type: 'IssueAmendmentNotice', data: { on, today, proposedChangesDocumentId: doc } }),
  }),
  planCommand('record-representations', {
    summary: 'Record the family\'s response to the amendment notice: representations, a meeting asked for, a setting preferred, or nothing more to say (`final`)',
    fields: {
      meetingRequested: Type.Optional(Type.Boolean()),
      final: Type.Optional(Type.Boolean({ description: 'the family says in writing it has no further representations and wants no meeting' })),
      preferredSetting: Type.Optional(SettingReferenceField('the setting the family asks to be named')),
      representations: Type.Optional(FreeText(100_000, 'what the family said, kept outside the events')),
    },
    example: { on: '2026-06-18', meetingRequested: true, representations: 'We would like to meet to talk about section F.' },
    documents: ({ representations }) => [text('representations', representations)],
    settings: ({ preferredSetting }) => ref('preferredSetting', preferredSetting),
    build: ({ on, meetingRequested, final, preferredSetting }, { today, settings }, [doc]): Command => ({
      type: 'RecordRepresentations',
      data: { on, today, meetingRequested: meetingRequested ?? false, final: final ?? false, preferredSetting: preferredSetting === undefined ? null : settings[0], representationsDocumentId: doc },
    }),
  }),
  planCommand('hold-amendment-meeting', {
    summary: 'Record that the meeting the family asked for about the amendment was held (it must be, before the plan is finalised)',
    fields: {},
    example: { on: '2026-06-25' },
    build: ({ on }, { today }): Command => ({ type: 'HoldAmendmentMeeting', data: { on, today } }),
  }),
  planCommand('record-post-16-transfer', {
    summary: 'Record a young person\'s move between post-16 institutions at another time than a phase transfer (reg 18(2)): the plan is amended at least five months before',
    fields: { transferOn: CalendarDateField('the day of the move'), newInstitution: Type.Optional(SettingReferenceField('the institution moved to')) },
    example: { on: '2026-07-01', transferOn: '2027-01-04', newInstitution: { urn: null, name: 'Boston College' } },
    settings: ({ newInstitution }) => ref('newInstitution', newInstitution),
    build: ({ on, transferOn, newInstitution }, { today, settings }): Command => ({
      type: 'RecordPost16Transfer', data: { on, today, transferOn, newInstitution: newInstitution === undefined ? null : settings[0] },
    }),
  }),
  planCommand('issue-amended-plan', {
    summary: 'Issue the amended plan naming the setting (reg 22(3): within 8 weeks of the notice), from the 16th day after the notice; an amendment a tribunal ordered goes first, with no notice, by the order\'s date (reg 44(2)); sections B, F and I are appealable',
    fields: {
      namedSetting: SettingReferenceField('the setting named in section I'),
      phaseTransfer: Type.Optional(Type.Union([
        Type.Null(),
        OneOf(TRANSFER_KINDS),
        Type.Object({ kind: OneOf(TRANSFER_KINDS), transferYear: Type.Optional(Type.Union([Type.Integer({ minimum: 2000, maximum: 2100 }), Type.Null()])) }, { additionalProperties: false }),
      ], { description: 'the reg 2 phase transfer this amendment is for (reg 18(1)); the year follows from the cohort where it can' })),
    },
    example: { on: '2026-06-30', namedSetting: '120350', phaseTransfer: null },
    deprecatedAliases: { setting: 'namedSetting', settingUrn: 'namedSetting' },
    settings: ({ namedSetting }) => ref('namedSetting', namedSetting),
    build: ({ on, phaseTransfer }, { today, settings, policies }): Command => ({
      type: 'IssueAmendedPlan',
      data: {
        on, today, namedSetting: settings[0], planDocumentId: null, earlyFinalisation: policies.earlyFinalisation,
        phaseTransfer: phaseTransfer === undefined || phaseTransfer === null ? null
          : typeof phaseTransfer === 'string' ? { kind: phaseTransfer, transferYear: null }
          : { kind: phaseTransfer.kind, transferYear: phaseTransfer.transferYear ?? null },
      },
    }),
  }),
  planCommand('decide-not-to-amend', {
    summary: 'Decide not to amend after all (reg 22(4)); appealable',
    fields: { reasons: reasonsField() },
    example: { on: '2026-07-20', reasons: 'The representations show the plan meets the child\'s needs as it is.' },
    documents: ({ reasons }) => [text('not-to-amend-reasons', reasons)],
    build: ({ on }, { today, policies }, [doc]): Command => ({ type: 'DecideNotToAmend', data: { on, today, reasonsDocumentId: doc, earlyFinalisation: policies.earlyFinalisation } }),
  }),
  planCommand('propose-cease', {
    summary: 'Consider ceasing to maintain the plan (s.45, reg 31): the family and the setting are consulted first',
    fields: { reason: OneOf(CEASE_REASONS), reasons: reasonsField() },
    example: { on: '2026-10-01', reason: 'no-longer-necessary', reasons: 'The outcomes in section E have been met.' },
    documents: ({ reasons }) => [text('cease-reasons', reasons)],
    build: ({ on, reason }, { today }, [doc]): Command => ({ type: 'ProposeCease', data: { on, today, reason, reasonsDocumentId: doc } }),
  }),
  planCommand('decide-not-to-cease', {
    summary: 'Decide to keep maintaining the plan after considering ceasing it',
    fields: {},
    example: { on: '2026-10-20' },
    build: ({ on }, { today }): Command => ({ type: 'DecideNotToCease', data: { on, today } }),
  }),
  planCommand('cease', {
    summary: 'Decide to cease to maintain the plan, with appeal rights; it is maintained until the appeal window closes or an appeal ends',
    fields: { reasons: reasonsField() },
    example: { on: '2026-10-26', reasons: 'The outcomes in section E have been met.' },
    documents: ({ reasons }) => [text('cease-decision-reasons', reasons)],
    build: ({ on }, { today }, [doc]): Command => ({ type: 'Cease', data: { on, today, reasonsDocumentId: doc } }),
  }),
  planCommand('record-cease-mediation-certificate', {
    summary: 'Record the mediation certificate issued about the decision to cease: the appeal deadline moves (TR r.20)',
    fields: {},
    example: { on: '2026-11-20' },
    build: ({ on }, { today }): Command => ({ type: 'RecordCeaseMediationCertificate', data: { on, today } }),
  }),
  planCommand('record-cease-appeal', {
    summary: 'Record an appeal registered against the decision to cease: the plan is maintained until it ends',
    fields: {},
    example: { on: '2026-12-01' },
    build: ({ on }, { today }): Command => ({ type: 'RecordCeaseAppeal', data: { on, today } }),
  }),
  planCommand('record-cease-appeal-outcome', {
    summary: 'Record how the appeal against ceasing ended: dismissed or withdrawn, the plan ends; allowed or conceded, it is maintained',
    fields: { outcome: OneOf(APPEAL_OUTCOMES) },
    example: { on: '2027-03-01', outcome: 'dismissed' },
    build: ({ on, outcome }, { today }): Command => ({ type: 'RecordCeaseAppealOutcome', data: { on, today, outcome } }),
  }),
  planCommand('cease-plan', {
    summary: 'Cease the plan, once the appeal window has closed with no appeal',
    fields: {},
    example: { on: '2027-01-05' },
    build: ({ on }, { today }): Command => ({ type: 'CeasePlan', data: { on, today } }),
  }),
  planCommand('agree-dual-registration', {
    summary: 'Agree a special school pupil\'s dual registration with a mainstream school (local protocol)',
    fields: {
      mainstream: SettingReferenceField('the mainstream school'),
      startOn: CalendarDateField('the first day at the mainstream school'),
      split: Type.Optional(Type.Union([Type.Null(), Type.Object({
        specialSessions: Type.Integer({ minimum: 0, maximum: 10 }), mainstreamSessions: Type.Integer({ minimum: 0, maximum: 10 }),
      }, { additionalProperties: false, description: 'half-day sessions a week at each' })])),
    },
    example: { on: '2026-09-01', mainstream: '120345', startOn: '2026-09-14', split: { specialSessions: 6, mainstreamSessions: 4 } },
    deprecatedAliases: { mainstreamSetting: 'mainstream' },
    settings: ({ mainstream }) => ref('mainstream', mainstream),
    build: ({ on, startOn, split }, { today, settings }): Command => ({ type: 'AgreeDualRegistration', data: { on, today, mainstream: settings[0], startOn, split: split ?? null } }),
  }),
  planCommand('submit-provision-form', {
    summary: 'Submit the provision form that releases funding to the mainstream school',
    fields: { form: Type.Optional(FreeText(100_000, 'the form, kept outside the events')) },
    example: { on: '2026-09-02' },
    documents: ({ form }) => [text('provision-form', form)],
    build: ({ on }, { today }, [doc]): Command => ({ type: 'SubmitProvisionForm', data: { on, today, formDocumentId: doc } }),
  }),
  planCommand('submit-transport-form', {
    summary: 'Submit the transport form for the dual registration',
    fields: { form: Type.Optional(FreeText(100_000, 'the form, kept outside the events')) },
    example: { on: '2026-09-03' },
    documents: ({ form }) => [text('transport-form', form)],
    build: ({ on }, { today }, [doc]): Command => ({ type: 'SubmitTransportForm', data: { on, today, formDocumentId: doc } }),
  }),
  planCommand('hold-transition-review', {
    summary: 'Record a transition review of the dual registration (every 6–8 weeks)',
    fields: {},
    example: { on: '2026-10-26' },
    build: ({ on }, { today }): Command => ({ type: 'HoldTransitionReview', data: { on, today } }),
  }),
  planCommand('end-dual-registration', {
    summary: 'End the dual registration at the annual review: success (the plan is rewritten) or failure (an amendment notice follows)',
    fields: { outcome: OneOf(['success', 'failure'] as const) },
    example: { on: '2027-05-20', outcome: 'success' },
    build: ({ on, outcome }, { today }): Command => ({ type: 'EndDualRegistration', data: { on, today, outcome } }),
  }),
  planCommand('close', {
    summary: 'Close the plan without a decision to cease (transferred to another authority, died, other); no letter',
    fields: { reason: OneOf(CLOSURE_REASONS) },
    example: { on: '2026-12-01', reason: 'transferred-to-another-authority' },
    build: ({ on, reason }, { today }): Command => ({ type: 'Close', data: { on, today, reason } }),
  }),
  planCommand('reassign', {
    summary: 'Hand the plan to another caseworker',
    fields: { caseworker: Type.String({ minLength: 1, maxLength: 100 }) },
    example: { on: '2026-12-01', caseworker: 'cw-ben' },
    build: ({ on, caseworker }, { today }): Command => ({ type: 'Reassign', data: { on, today, caseworkerId: caseworker } }),
  }),
  planCommand('add-note', {
    summary: 'Add a note to the plan (kept outside the events, erasable)',
    fields: { text: FreeText(50_000, 'the note') },
    example: { on: '2026-12-01', text: 'Phoned the SENCo about the transition plan.' },
    documents: ({ text: note }) => [text('note', note)],
    build: ({ on }, { today }, [doc]): Command => ({ type: 'AddNote', data: { on, today, noteId: doc! } }),
  }),
  planCommand('record-needs-profile', {
    summary: 'Record a Valuing SEND profile re-rated in the review cycle (termly, at transitions): needs, setting readiness and family confidence, five domains each',
    fields: needsProfileFields(),
    example: { on: '2026-05-14', context: 'review', needs: [4, 3, 2, 3, 4], settingReadiness: [3, 3, 3, 3, 2], familyConfidence: [3, 3, 4, 3, 3] },
    build: (body, { today }): Command => ({ type: 'RecordNeedsProfile', data: { on: body.on, today, ...needsProfileOf(body) } }),
  }),
];
