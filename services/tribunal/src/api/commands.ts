import { Type, type TProperties } from '@sinclair/typebox';
import type { CalendarDate } from '@ehc/domain-kernel';
import { CalendarDateField, defineCommand, FreeText, type CommandDefinition, type CommandSpec, type PendingDocument, OneOf } from '@ehc/commands';
import { ORDER_KINDS, ORDER_STEPS } from '@ehc/contracts/tribunal';
import type { Command } from '../domain/tribunal';
import { Section } from './bodies';

/*
 * Every command on a mediation (POST /mediations/{id}/{name}) and on an appeal (POST
 * /appeals/{id}/{name}), its body defined once: validation, the OpenAPI schema with its example,
 * and the domain command built from it.
 */

/** What building a command needs besides its body: the part it is on, and "today". */
export interface PartContext { partId: string; today: CalendarDate }
export type PartCommandDefinition = CommandDefinition<PartContext, Command>;

const command = <P extends TProperties>(name: string, spec: CommandSpec<P, PartContext, Command>): PartCommandDefinition => defineCommand(name, spec);
const text = (kind: string, value: unknown): PendingDocument | null => (value ? { kind, content: value } : null);

export const MEDIATION_COMMANDS: readonly PartCommandDefinition[] = [
  command('notify-health', {
    summary: 'The LA told the ICB of health care issues in the mediation (within 3 working days)',
    fields: {},
    example: { on: '2026-03-05' },
    build: ({ on }, { partId, today }): Command => ({ type: 'NotifyHealthBody', data: { mediationId: partId, on, today } }),
  }),
  command('screen', {
    summary: 'The local screening of the request: resolved (settled early) or proceed. It runs inside the 30 days and never stops them',
    fields: { outcome: OneOf(['resolved', 'proceed'] as const) },
    example: { on: '2026-03-06', outcome: 'proceed' },
    build: ({ on, outcome }, { partId, today }): Command => ({ type: 'ScreenMediationRequest', data: { mediationId: partId, on, outcome, today } }),
  }),
  command('arrange', {
    summary: 'Mediation arranged (it must take place within 30 days of the LA being told); the family is sent the letter',
    fields: { takesPlaceOn: CalendarDateField('the day the mediation will take place (may be in the future)') },
    example: { on: '2026-03-09', takesPlaceOn: '2026-03-26' },
    build: ({ on, takesPlaceOn }, { partId, today }): Command => ({ type: 'ArrangeMediation', data: { mediationId: partId, on, takesPlaceOn, today } }),
  }),
  command('record-not-arranged', {
    summary: 'Mediation cannot be arranged within the 30 days: the certificate is due within 3 working days',
    fields: {},
    example: { on: '2026-03-30' },
    build: ({ on }, { partId, today }): Command => ({ type: 'RecordMediationNotArranged', data: { mediationId: partId, on, today } }),
  }),
  command('hold', {
    summary: 'The mediation took place: the certificate is due within 3 working days',
    fields: {},
    example: { on: '2026-03-26' },
    build: ({ on }, { partId, today }): Command => ({ type: 'HoldMediation', data: { mediationId: partId, on, today } }),
  }),
  command('record-agreement', {
    summary: 'The agreement reached at mediation: its actions and their dates (the terms kept outside the events)',
    fields: {
      actions: Type.Optional(Type.Array(Type.Object({
        description: FreeText(2_000, 'what is to be done, kept outside the events'),
        dueBy: CalendarDateField('by when'),
      }, { additionalProperties: false }), { maxItems: 50 })),
      terms: Type.Optional(FreeText(20_000, 'the agreement\'s terms, kept outside the events')),
    },
    example: { on: '2026-03-26', actions: [{ description: 'Amend section F to add weekly speech and language therapy', dueBy: '2026-04-30' }] },
    documents: ({ actions, terms }) => [text('mediation-agreement', actions?.length || terms ? { text: JSON.stringify({ actions: (actions ?? []).map((a) => a.description), terms: terms ?? null }) } : null)],
    build: ({ on, actions }, { partId, today }, [doc]): Command => ({
      type: 'RecordMediationAgreement', data: { mediationId: partId, on, today, actionsDueBy: (actions ?? []).map((a) => a.dueBy), termsDocumentId: doc },
    }),
  }),
  command('issue-certificate', {
    summary: 'The mediation certificate issued (within 3 working days of the family declining, mediation ending, or it not being arranged); the appeal deadline moves if later',
    fields: {},
    example: { on: '2026-03-31' },
    build: ({ on }, { partId, today }): Command => ({ type: 'IssueMediationCertificate', data: { mediationId: partId, on, today } }),
  }),
  command('withdraw', {
    summary: 'The family withdrew from mediation',
    fields: {},
    example: { on: '2026-03-20' },
    build: ({ on }, { partId, today }): Command => ({ type: 'WithdrawMediation', data: { mediationId: partId, on, today } }),
  }),
];

const OrderField = Type.Object({
  kind: OneOf(ORDER_KINDS, 'what the LA must do (reg 44(2))'),
  amendmentOrdered: Type.Optional(Type.Boolean({ description: 'with cease-decision-overturned: an amendment ordered too (5 weeks)' })),
}, { additionalProperties: false });
const orders = (given: { kind: (typeof ORDER_KINDS)[number]; amendmentOrdered?: boolean }[] | undefined) =>
  (given ?? []).map((o) => ({ kind: o.kind, amendmentOrdered: o.amendmentOrdered ?? false }));

export const APPEAL_COMMANDS: readonly PartCommandDefinition[] = [
  command('send-response', {
    summary: 'The LA\'s response sent to the tribunal (due 30 working days after the appeal was sent, by the tribunal\'s directions)',
    fields: {},
    example: { on: '2026-09-28' },
    build: ({ on }, { partId, today }): Command => ({ type: 'SendAppealResponse', data: { appealId: partId, on, today } }),
  }),
  command('list-hearing', {
    summary: 'The tribunal listed the hearing',
    fields: { hearingOn: CalendarDateField('the day of the hearing (may be in the future)') },
    example: { on: '2026-10-01', hearingOn: '2026-11-02' },
    build: ({ on, hearingOn }, { partId, today }): Command => ({ type: 'ListHearing', data: { appealId: partId, on, hearingOn, today } }),
  }),
  command('record-outcome', {
    summary: 'The tribunal\'s decision: dismissed, allowed (wholly or in part, with orders), remitted or a consent order; each order gets its reg 44 periods from its date',
    fields: {
      outcome: OneOf(['dismissed', 'allowed', 'allowed-in-part', 'remitted', 'consent-order'] as const),
      grounds: Type.Optional(Type.Array(Type.Object({ section: Section(), outcome: OneOf(['upheld', 'not-upheld', 'recommendation-made'] as const) }, { additionalProperties: false }), { maxItems: 8 })),
      orders: Type.Optional(Type.Array(OrderField, { maxItems: 5, description: 'what the tribunal ordered; an allowed refusal orders its one remedy by itself' })),
      costs: Type.Optional(Type.Union([
        Type.Object({ awarded: Type.Literal(false) }, { additionalProperties: false }),
        Type.Object({ awarded: Type.Literal(true), against: OneOf(['local-authority', 'parent-or-young-person'] as const) }, { additionalProperties: false }),
      ], { description: 'costs, rarely awarded' })),
    },
    example: { on: '2026-11-02', outcome: 'allowed', grounds: [{ section: 'F', outcome: 'upheld' }], orders: [{ kind: 'amend-special-educational-provision' }] },
    build: ({ on, outcome, grounds, orders: given, costs }, { partId, today }): Command => ({
      type: 'RecordAppealOutcome', data: { appealId: partId, on, today, outcome, grounds: grounds ?? [], orders: orders(given), costs: costs ?? { awarded: false } },
    }),
  }),
  command('concede', {
    summary: 'The LA told the tribunal it will not oppose (reg 45): the appeal is treated as determined, and the reg 44 periods run from this day',
    fields: { orders: Type.Optional(Type.Array(OrderField, { maxItems: 5 })) },
    example: { on: '2026-10-12' },
    build: ({ on, orders: given }, { partId, today }): Command => ({ type: 'ConcedeAppeal', data: { appealId: partId, on, today, orders: orders(given) } }),
  }),
  command('withdraw', {
    summary: 'The family withdrew the appeal',
    fields: {},
    example: { on: '2026-10-05' },
    build: ({ on }, { partId, today }): Command => ({ type: 'WithdrawAppeal', data: { appealId: partId, on, today } }),
  }),
  command('respond-to-recommendations', {
    summary: 'The written response to the tribunal\'s recommendations on health or social care (within 5 weeks); the family is sent it',
    fields: {},
    example: { on: '2026-12-01' },
    build: ({ on }, { partId, today }): Command => ({ type: 'RespondToRecommendations', data: { appealId: partId, on, today } }),
  }),
  command('record-compliance', {
    summary: 'A step of an order done (reg 44): once the order is complied with, the family is sent the confirmation',
    fields: { orderId: Type.String({ pattern: '^order-[0-9]+$', description: 'the order' }), step: OneOf(ORDER_STEPS, 'the step done') },
    example: { on: '2026-11-13', orderId: 'order-1', step: 'notify' },
    build: ({ on, orderId, step }, { today }): Command => ({ type: 'RecordCompliance', data: { orderId, step, on, today, by: 'recorded' } }),
  }),
  command('apply-compliance-exception', {
    summary: 'A reg 44(3) exception: the periods no longer bind (personal circumstances, an absence of at least 2 weeks, or the reg 10(4) closure limbs)',
    fields: {
      orderId: Type.String({ pattern: '^order-[0-9]+$' }),
      reason: OneOf(['personal-circumstances', 'absence', 'closure'] as const),
      absenceDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3660, description: 'with absence: its length in days (at least 14)' })),
    },
    example: { on: '2026-11-20', orderId: 'order-1', reason: 'absence', absenceDays: 21 },
    build: ({ on, orderId, reason, absenceDays }, { today }): Command => ({ type: 'ApplyComplianceException', data: { orderId, on, today, reason, absenceDays: absenceDays ?? null } }),
  }),
];
