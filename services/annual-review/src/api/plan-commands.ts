import type { CalendarDate, CommandPolicies, PhaseTransferKind } from '@ehc/domain-kernel';
import type { BodyReader, PendingDocument } from '@ehc/platform';
import type { Command } from '../domain/annual-review';
import type { CeaseAppealOutcome, CeaseReason, ClosureReason, Setting } from '../domain/events';

const CEASE_REASONS: readonly CeaseReason[] = ['no-longer-responsible-moved', 'max-age', 'higher-education', 'paid-employment', 'disengaged-18-plus', 'no-longer-necessary'];
const APPEAL_OUTCOMES: readonly CeaseAppealOutcome[] = ['dismissed', 'withdrawn', 'allowed', 'conceded'];
const CLOSURE_REASONS: readonly ClosureReason[] = ['transferred-to-another-authority', 'died', 'other'];
const TRANSFER_KINDS: readonly PhaseTransferKind[] = ['early-years-to-school', 'infant-to-junior', 'primary-to-middle', 'primary-to-secondary', 'middle-to-secondary', 'secondary-to-post-16'];


/** A setting named in the body, by URN (looked up in the settings directory) or by name. */
export interface SettingRef { field: string; urn: string | null; name: string | null }

export interface ParsedPlanCommand {
  documents: (PendingDocument | null)[];
  settings: SettingRef[];
  build(today: CalendarDate, documentIds: (string | null)[], settings: Setting[], policies: CommandPolicies): Command;
}

type Parser = (i: BodyReader, on: CalendarDate) => ParsedPlanCommand;

const text = (kind: string, value: string | undefined): PendingDocument | null => (value ? { kind, content: { text: value } } : null);
const plain = (build: (today: CalendarDate, docs: (string | null)[], policies: CommandPolicies) => Command, documents: (PendingDocument | null)[] = []): ParsedPlanCommand =>
  ({ documents, settings: [], build: (today, docs, _settings, policies) => build(today, docs, policies) });

function settingRef(i: BodyReader, fields: string[], required: boolean): SettingRef | null {
  const field = fields.find((f) => i.raw(f) !== undefined && i.raw(f) !== null) ?? fields[0];
  const raw = i.raw(field);
  if (raw === undefined || raw === null || raw === '') {
    if (required) i.reject(field, 'Required', `${field} is required (a URN, or {"urn", "name"})`);
    return null;
  }
  if (typeof raw === 'string') return /^\d{5,8}$/.test(raw) ? { field, urn: raw, name: null } : { field, urn: null, name: raw };
  const s = i.object(field);
  const urn = s?.string('urn', { required: false, maxLength: 20 }) ?? null;
  const name = s?.string('name', { required: !urn, maxLength: 200 }) ?? null;
  s?.done();
  return { field, urn, name };
}

/** The commands on a plan, by their URL name. */
export const PLAN_COMMANDS: Record<string, Parser> = {
  'schedule-meeting': (i, on) => {
    // `on` is the day the invitations went out; without `meetingOn` the meeting is taken to be on `on`
    const meetingField = ['meetingOn', 'meetingDate', 'meeting'].find((f) => i.raw(f) !== undefined) ?? 'meetingOn';
    const meetingOn = i.date(meetingField, { required: false }) ?? on;
    return plain((today) => ({ type: 'ScheduleMeeting', data: { on, today, meetingOn } }));
  },
  'hold-meeting': (_i, on) => plain((today) => ({ type: 'HoldMeeting', data: { on, today } })),
  'receive-report': (i, on) => {
    const report = i.string('report', { required: false, maxLength: 100_000 });
    return plain((today, [doc]) => ({ type: 'ReceiveReport', data: { on, today, reportDocumentId: doc } }), [text('review-report', report)]);
  },
  decide: (i, on) => {
    const field = i.raw('outcome') === undefined && i.raw('decision') !== undefined ? 'decision' : 'outcome';
    const outcome = i.oneOf(field, ['maintain', 'amend', 'cease'] as const);
    const reasons = i.string('reasons', { required: false, maxLength: 20_000 });
    return plain((today, [doc]) => ({ type: 'Decide', data: { on, today, outcome: outcome!, reasonsDocumentId: doc } }), [text('review-decision-reasons', reasons)]);
  },
  'issue-amendment-notice': (i, on) => {
    const changes = i.string('proposedChanges', { required: false, maxLength: 100_000 });
    return plain((today, [doc]) => ({ type: 'IssueAmendmentNotice', data: { on, today, proposedChangesDocumentId: doc } }), [text('proposed-changes', changes)]);
  },
  'record-representations': (i, on) => {
    const meetingRequested = i.boolean('meetingRequested', { required: false }) ?? false;
    const final = i.boolean('final', { required: false }) ?? false;
    const preferred = settingRef(i, ['preferredSetting'], false);
    const representations = i.string('representations', { required: false, maxLength: 100_000 });
    return {
      documents: [text('representations', representations)],
      settings: preferred ? [preferred] : [],
      build: (today, [doc], [setting]) => ({ type: 'RecordRepresentations', data: { on, today, meetingRequested, final, preferredSetting: setting ?? null, representationsDocumentId: doc } }),
    };
  },
  'hold-amendment-meeting': (_i, on) => plain((today) => ({ type: 'HoldAmendmentMeeting', data: { on, today } })),
  'record-post-16-transfer': (i, on) => {
    const transferOn = i.date('transferOn');
    const institution = settingRef(i, ['newInstitution'], false);
    return {
      documents: [], settings: institution ? [institution] : [],
      build: (today, _docs, [setting]) => ({ type: 'RecordPost16Transfer', data: { on, today, transferOn: transferOn!, newInstitution: setting ?? null } }),
    };
  },
  'issue-amended-plan': (i, on) => {
    const named = settingRef(i, ['namedSetting', 'setting', 'settingUrn'], true);
    const pt = i.raw('phaseTransfer');
    let phaseTransfer: { kind: PhaseTransferKind; transferYear: number | null } | null = null;
    if (pt !== undefined && pt !== null) {
      const kind = typeof pt === 'string' ? pt : (pt as { kind?: unknown }).kind;
      const year = typeof pt === 'object' ? (pt as { transferYear?: unknown }).transferYear : undefined;
      if (typeof kind !== 'string' || !TRANSFER_KINDS.includes(kind as PhaseTransferKind)) i.reject('phaseTransfer.kind', 'NotAllowedValue', `phaseTransfer.kind must be one of: ${TRANSFER_KINDS.join(', ')}`);
      else if (year !== undefined && (!Number.isInteger(year) || (year as number) < 2000 || (year as number) > 2100)) i.reject('phaseTransfer.transferYear', 'MustBeYear', 'phaseTransfer.transferYear must be a calendar year');
      else phaseTransfer = { kind: kind as PhaseTransferKind, transferYear: (year as number | undefined) ?? null };
    }
    return {
      documents: [], settings: named ? [named] : [],
      build: (today, _docs, [setting], { earlyFinalisation }) => ({ type: 'IssueAmendedPlan', data: { on, today, namedSetting: setting, phaseTransfer, planDocumentId: null, earlyFinalisation } }),
    };
  },
  'decide-not-to-amend': (i, on) => {
    const reasons = i.string('reasons', { required: false, maxLength: 20_000 });
    return plain((today, [doc], { earlyFinalisation }) => ({ type: 'DecideNotToAmend', data: { on, today, reasonsDocumentId: doc, earlyFinalisation } }), [text('not-to-amend-reasons', reasons)]);
  },
  'propose-cease': (i, on) => {
    const reason = i.oneOf('reason', CEASE_REASONS);
    const reasons = i.string('reasons', { required: false, maxLength: 20_000 });
    return plain((today, [doc]) => ({ type: 'ProposeCease', data: { on, today, reason: reason!, reasonsDocumentId: doc } }), [text('cease-reasons', reasons)]);
  },
  'decide-not-to-cease': (_i, on) => plain((today) => ({ type: 'DecideNotToCease', data: { on, today } })),
  cease: (i, on) => {
    const reasons = i.string('reasons', { required: false, maxLength: 20_000 });
    return plain((today, [doc]) => ({ type: 'Cease', data: { on, today, reasonsDocumentId: doc } }), [text('cease-decision-reasons', reasons)]);
  },
  'record-cease-mediation-certificate': (_i, on) => plain((today) => ({ type: 'RecordCeaseMediationCertificate', data: { on, today } })),
  'record-cease-appeal': (_i, on) => plain((today) => ({ type: 'RecordCeaseAppeal', data: { on, today } })),
  'record-cease-appeal-outcome': (i, on) => {
    const outcome = i.oneOf('outcome', APPEAL_OUTCOMES);
    return plain((today) => ({ type: 'RecordCeaseAppealOutcome', data: { on, today, outcome: outcome! } }));
  },
  'cease-plan': (_i, on) => plain((today) => ({ type: 'CeasePlan', data: { on, today } })),
  'agree-dual-registration': (i, on) => {
    const mainstream = settingRef(i, ['mainstream', 'mainstreamSetting'], true);
    const startOn = i.date('startOn');
    const split = i.raw('split');
    let parsedSplit: { specialSessions: number; mainstreamSessions: number } | null = null;
    if (split !== undefined && split !== null) {
      const s = split as { specialSessions?: unknown; mainstreamSessions?: unknown };
      if (typeof split !== 'object' || !Number.isInteger(s.specialSessions) || !Number.isInteger(s.mainstreamSessions)) i.reject('split', 'MustBeSessions', 'split must be {"specialSessions": n, "mainstreamSessions": n} (half-day sessions a week)');
      else parsedSplit = { specialSessions: s.specialSessions as number, mainstreamSessions: s.mainstreamSessions as number };
    }
    return {
      documents: [], settings: mainstream ? [mainstream] : [],
      build: (today, _d, [setting]) => ({ type: 'AgreeDualRegistration', data: { on, today, mainstream: setting, startOn: startOn!, split: parsedSplit } }),
    };
  },
  'submit-provision-form': (i, on) => {
    const form = i.string('form', { required: false, maxLength: 100_000 });
    return plain((today, [doc]) => ({ type: 'SubmitProvisionForm', data: { on, today, formDocumentId: doc } }), [text('provision-form', form)]);
  },
  'submit-transport-form': (i, on) => {
    const form = i.string('form', { required: false, maxLength: 100_000 });
    return plain((today, [doc]) => ({ type: 'SubmitTransportForm', data: { on, today, formDocumentId: doc } }), [text('transport-form', form)]);
  },
  'hold-transition-review': (_i, on) => plain((today) => ({ type: 'HoldTransitionReview', data: { on, today } })),
  'end-dual-registration': (i, on) => {
    const outcome = i.oneOf('outcome', ['success', 'failure'] as const);
    return plain((today) => ({ type: 'EndDualRegistration', data: { on, today, outcome: outcome! } }));
  },
  close: (i, on) => {
    const reason = i.oneOf('reason', CLOSURE_REASONS);
    return plain((today) => ({ type: 'Close', data: { on, today, reason: reason! } }));
  },
  reassign: (i, on) => {
    const caseworker = i.string('caseworker', { maxLength: 100 });
    return plain((today) => ({ type: 'Reassign', data: { on, today, caseworkerId: caseworker! } }));
  },
  'add-note': (i, on) => {
    const note = i.string('text', { maxLength: 50_000 });
    return plain((today, [doc]) => ({ type: 'AddNote', data: { on, today, noteId: doc! } }), [{ kind: 'note', content: { text: note } }]);
  },
};
