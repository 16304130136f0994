import type { CalendarDate } from '@ehc/domain-kernel';

/** The services whose published contracts the pack reads. */
export const SOURCES = ['needs-assessment', 'annual-review', 'tribunal', 'funding', 'surveys'] as const;
export type Source = (typeof SOURCES)[number];

/**
 * One published event as the pack reads it: what happened (`kind`), to which case (the uuid the
 * assessment case and its plan share), on which day (`on`, the event's own date), and when the hub
 * recorded it (`recordedAt`, the source store's time: the pack "as at" T counts only facts recorded
 * by T, so late recording shows as a restatement instead of silently changing a published figure).
 */
export interface Fact<K extends FactKind = FactKind> {
  id: string;
  kind: K;
  caseId: string;
  on: CalendarDate;
  recordedAt: string;
  data: FactData[K];
}

export interface FactData {
  'requested': { reference: string; childId: string; requestedBy: string; caseworkerId: string | null };
  'decided-to-assess': { withinStatutoryTime: boolean };
  'refused-to-assess': { withinStatutoryTime: boolean };
  'not-to-issue': { withinStatutoryTime: boolean };
  'final-plan': {
    reference: string | null; childId: string; receivedOn: CalendarDate; excepted: boolean; caseworkerId: string | null;
    setting: { urn: string | null; name: string }; receptionYear: number | null;
  };
  'case-closed': { reason: string };
  'review-decision': { outcome: 'maintain' | 'amend' | 'cease'; withinStatutoryTime: boolean; nextReviewDueBy: CalendarDate };
  'amended-plan': {
    withinStatutoryTime: boolean; setting: { urn: string | null; name: string; type: string };
    phaseTransfer: { kind: string; transferYear: number; deadline: CalendarDate; met: boolean } | null;
  };
  'not-to-amend': { withinStatutoryTime: boolean };
  'cease-decision': { reason: string };
  'plan-ceased': { reason: string };
  'appeal-window': { decisionId: string; decisionType: string; appealDueBy: CalendarDate };
  'mediation-requested': { decisionId: string; wantsMediation: boolean };
  'mediation-certificate': { decisionId: string; mediationHeld: boolean; heldWithin30Days: boolean | null; onTime: boolean };
  'appeal-registered': { decisionId: string; appealId: string; type: string; afterMediation: boolean };
  'appeal-concluded': { decisionId: string; appealId: string; type: string; outcome: string };
  'order-made': { decisionId: string; orderId: string; kind: string; steps: { step: string; dueBy: CalendarDate }[] };
  'order-complied': { decisionId: string; orderId: string; onTime: boolean; excepted: boolean };
  'commitment-changed': { reference?: string | null; commitments: { fy: string; pence: number }[]; annualPence: number; settingUrns: string[] };
  'survey-invited': { invitationId: string; trigger: string };
  'survey-answered': { invitationId: string; trigger: string; scores: { question: string; score: number }[] };
}
export type FactKind = keyof FactData;

export const SOURCE_OF: Record<FactKind, Source> = {
  'requested': 'needs-assessment', 'decided-to-assess': 'needs-assessment', 'refused-to-assess': 'needs-assessment', 'not-to-issue': 'needs-assessment',
  'final-plan': 'needs-assessment', 'case-closed': 'needs-assessment',
  'review-decision': 'annual-review', 'amended-plan': 'annual-review', 'not-to-amend': 'annual-review', 'cease-decision': 'annual-review', 'plan-ceased': 'annual-review',
  'appeal-window': 'tribunal', 'mediation-requested': 'tribunal', 'mediation-certificate': 'tribunal', 'appeal-registered': 'tribunal',
  'appeal-concluded': 'tribunal', 'order-made': 'tribunal', 'order-complied': 'tribunal',
  'commitment-changed': 'funding',
  'survey-invited': 'surveys', 'survey-answered': 'surveys',
};

/** The case's uuid whichever service names it: `ehcna-<uuid>`, `annualReview-<uuid>`, or the uuid itself (a tribunal source, funding). */
export const caseUuid = (id: string): string => id.replace(/^(ehcna|annualReview)-/, '').toLowerCase();

