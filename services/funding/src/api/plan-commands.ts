import { Type, type TProperties } from '@sinclair/typebox';
import type { CalendarDate } from '@ehc/domain-kernel';
import { CalendarDateField, defineCommand, FreeText, type CommandDefinition, type CommandSpec, type PendingDocument, OneOf } from '@ehc/commands';
import type { Command } from '../domain/plan-funding/plan-funding';
import { SETTING_TYPES, type SettingType } from '../domain/plan-funding/events';
import type { MatrixRates } from '../domain/plan-funding/commands';
import { fieldProblem } from './problems';

/*
 * Every command on a plan's funding (POST /funding/plans/{planId}/{name}), its body defined once:
 * validation, the OpenAPI schema with its example, and the domain command built from it. Money is
 * integer pence in every body and answer.
 */

/** What building a command needs besides its body: the plan, "today", the banding matrix and what the plan already holds. */
export interface PlanContext {
  planId: string;
  today: CalendarDate;
  /** The band's rate for the setting type from a date, and the later versions the matrix holds. */
  rates(band: string, settingType: SettingType, from: CalendarDate): MatrixRates;
  /** The setting type of a URN, as far as the plan's funding knows it (its named setting, its placements). */
  settingTypeOf(urn: string): SettingType | null;
  /** The setting types the matrix has the band for on a date. */
  typesWithBand(band: string, on: CalendarDate): SettingType[];
  /** The running top-up's setting and type, for a band change. */
  running: { settingUrn: string; settingType: SettingType } | null;
  nextTopUpId: string;
  nextRequestId: string;
}
export type PlanCommandDefinition = CommandDefinition<PlanContext, Command>;

const command = <P extends TProperties>(name: string, spec: CommandSpec<P, PlanContext, Command>): PlanCommandDefinition => defineCommand(name, spec);
const text = (kind: string, value: unknown): PendingDocument | null => (value ? { kind, content: { text: value } } : null);
export const Urn = (description = 'the setting\'s URN or UKPRN') => Type.String({ pattern: '^[0-9A-Za-z-]{1,20}$', description });
export const Band = (description = 'a band of the banding matrix') => Type.String({ pattern: '^[0-9A-Za-z][0-9A-Za-z .+-]{0,19}$', description });
const Pence = (description: string) => Type.Integer({ minimum: 0, maximum: 100_000_000_00, description: `${description}, in pence` });
const Reasons = () => Type.Optional(FreeText(10_000, 'the reasons, kept outside the events'));

/** A top-up's setting type: given, known from the plan, or the one type the matrix has the band for. */
function settingTypeFor(body: { settingType?: SettingType; band: string; from: CalendarDate }, urn: string, context: PlanContext): SettingType {
  const known = body.settingType ?? context.settingTypeOf(urn);
  if (known) return known;
  const types = context.typesWithBand(body.band, body.from);
  if (types.length === 1) return types[0];
  throw fieldProblem('SettingTypeNeeded', 'settingType', types.length === 0
    ? `the banding matrix has no band ${body.band} on ${body.from}`
    : `band ${body.band} has rates for ${types.join(', ')}: say which setting type ${urn} is (settingType)`);
}

/** A band change's rates: the running top-up's setting type's (none when no top-up runs: the decider refuses it). */
const ratesOf = (context: PlanContext, band: string, from: CalendarDate): MatrixRates =>
  (context.running ? context.rates(band, context.running.settingType, from) : { rate: null, later: [] });

export const PLAN_COMMANDS: readonly PlanCommandDefinition[] = [
  command('agree-top-up', {
    summary: 'Agree the element 3 top-up: the band from the banding matrix, for the setting, from a date (the plan leaves the awaiting-funding tray)',
    fields: {
      band: Band(),
      settingUrn: Urn(),
      from: CalendarDateField('the first day funded (may be before today, or after it)'),
      settingType: Type.Optional(OneOf(SETTING_TYPES, 'the setting\'s type in the banding matrix (default: as the plan names it, or the one type the band exists for)')),
      settingName: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the setting\'s name, for the lists' })),
    },
    example: { on: '2026-09-14', band: 'C', settingUrn: '120345', from: '2026-09-01' },
    build: (body, context): Command => {
      const settingType = settingTypeFor(body, body.settingUrn, context);
      return {
        type: 'AgreeTopUp',
        data: {
          on: body.on, today: context.today, topUpId: context.nextTopUpId, band: body.band, settingUrn: body.settingUrn, settingName: body.settingName ?? null, settingType,
          from: body.from, rates: context.rates(body.band, settingType, body.from),
        },
      };
    },
  }),
  command('record-top-up-not-required', {
    summary: 'The plan needs no element 3 top-up (the setting meets the provision from its own budget): it leaves the awaiting-funding tray',
    fields: { reasons: Reasons() },
    example: { on: '2026-05-20', reasons: 'Provision met from the school\'s notional SEN budget' },
    documents: ({ reasons }) => [text('top-up-not-required', reasons)],
    build: ({ on }, { today }, [doc]): Command => ({ type: 'RecordTopUpNotRequired', data: { on, today, reasonsDocumentId: doc } }),
  }),
  command('change-band', {
    summary: 'Change the band from a date (the running band ends the day before); paid months are adjusted, never rewritten',
    fields: { band: Band('the new band'), from: Type.Optional(CalendarDateField('the first day at the new band (default: on)')) },
    example: { on: '2026-11-02', band: 'D', from: '2026-11-01' },
    build: ({ on, band, from }, context): Command => ({
      type: 'ChangeBand',
      data: { on, today: context.today, topUpId: context.nextTopUpId, band, from: from ?? on, rates: ratesOf(context, band, from ?? on) },
    }),
  }),
  command('request-funding-increase', {
    summary: 'The setting asked for more funding (a funding increase request), with its reasons',
    fields: { requestedBand: Type.Optional(Band('the band the setting asks for')), reasons: Reasons() },
    example: { on: '2026-10-05', requestedBand: 'D', reasons: 'Needs 1:1 support at lunchtimes since October' },
    documents: ({ reasons }) => [text('funding-increase-request', reasons)],
    build: ({ on, requestedBand }, { today, nextRequestId }, [doc]): Command => ({
      type: 'RequestFundingIncrease', data: { on, today, requestId: nextRequestId, requestedBand: requestedBand ?? null, reasonsDocumentId: doc },
    }),
  }),
  command('decide-funding-increase', {
    summary: 'Decide the open funding increase request: agreed (the band changes from a date) or refused (with reasons)',
    fields: {
      outcome: OneOf(['agreed', 'refused'] as const),
      band: Type.Optional(Band('with agreed: the new band')),
      from: Type.Optional(CalendarDateField('with agreed: the first day at the new band')),
      reasons: Reasons(),
    },
    bodyOptions: { if: { properties: { outcome: { const: 'agreed' } } }, then: { required: ['band', 'from'] } },
    example: { on: '2026-10-19', outcome: 'agreed', band: 'D', from: '2026-10-05' },
    documents: ({ reasons }) => [text('funding-increase-decision', reasons)],
    build: ({ on, outcome, band, from }, context, [doc]): Command => ({
      type: 'DecideFundingIncrease',
      data: {
        on, today: context.today, outcome, reasonsDocumentId: doc,
        change: outcome === 'agreed' && band && from
          ? { topUpId: context.nextTopUpId, band, from, rates: ratesOf(context, band, from) }
          : null,
      },
    }),
  }),
  command('end-top-up', {
    summary: 'End the top-up on its last funded day (plan ceased, placement ended, moved away, other); paid months after it are clawed back as adjustments',
    fields: {
      lastDay: Type.Optional(CalendarDateField('the last day funded (default: on)')),
      reason: Type.Optional(OneOf(['plan-ceased', 'placement-ended', 'moved-away', 'other'] as const, 'why it ends (default: other)')),
    },
    example: { on: '2026-12-01', lastDay: '2026-12-18', reason: 'moved-away' },
    build: ({ on, lastDay, reason }, { today }): Command => ({ type: 'EndTopUp', data: { on, today, lastDay: lastDay ?? on, reason: reason ?? 'other' } }),
  }),
  command('start-placement', {
    summary: 'A placement started at a setting, by URN/UKPRN',
    fields: {
      settingUrn: Urn(), from: Type.Optional(CalendarDateField('the first day at the setting (default: on)')),
      settingType: Type.Optional(OneOf(SETTING_TYPES, 'the setting\'s type (default: as the plan names it)')), settingName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    },
    example: { on: '2026-09-01', settingUrn: '120345', from: '2026-09-01', settingType: 'mainstream', settingName: 'Lincoln Castle Academy' },
    build: ({ on, settingUrn, from, settingType, settingName }, context): Command => {
      const type = settingType ?? context.settingTypeOf(settingUrn);
      if (!type) throw fieldProblem('SettingTypeNeeded', 'settingType', `the plan does not say what type of setting ${settingUrn} is: give settingType`);
      return { type: 'StartPlacement', data: { on, today: context.today, settingUrn, from: from ?? on, settingType: type, settingName: settingName ?? null } };
    },
  }),
  command('end-placement', {
    summary: 'A placement ended; the top-up paying for it ends on the same day',
    fields: { settingUrn: Urn(), lastDay: Type.Optional(CalendarDateField('the last day at the setting (default: on)')) },
    example: { on: '2026-12-01', settingUrn: '120345', lastDay: '2026-12-18' },
    build: ({ on, settingUrn, lastDay }, { today }): Command => ({ type: 'EndPlacement', data: { on, today, settingUrn, lastDay: lastDay ?? on } }),
  }),
  command('agree-personal-budget', {
    summary: 'Agree a personal budget (requestable from the decision to issue a plan, and at review): its annual amount and period',
    fields: {
      from: Type.Optional(CalendarDateField('the first day (default: on)')), to: Type.Optional(Type.Union([CalendarDateField('the last day'), Type.Null()])), annualPence: Pence('the annual amount'),
    },
    example: { on: '2026-09-14', from: '2026-10-01', annualPence: 350000 },
    build: ({ on, from, to, annualPence }, { today }): Command => ({ type: 'AgreePersonalBudget', data: { on, today, from: from ?? on, to: to ?? null, annualPence } }),
  }),
  command('refuse-personal-budget', {
    summary: 'Refuse a request for a personal budget, with reasons (the family can ask again at review)',
    fields: { reasons: Reasons() },
    example: { on: '2026-09-14', reasons: 'The provision cannot be separated from the school\'s whole-class support' },
    documents: ({ reasons }) => [text('personal-budget-refusal', reasons)],
    build: ({ on }, { today }, [doc]): Command => ({ type: 'RefusePersonalBudget', data: { on, today, reasonsDocumentId: doc } }),
  }),
  command('start-direct-payment', {
    summary: 'Start direct payments of an agreed personal budget: from a date, at an annual amount',
    fields: { from: Type.Optional(CalendarDateField('the first day (default: on)')), annualPence: Pence('the annual amount paid directly') },
    example: { on: '2026-09-15', from: '2026-10-01', annualPence: 350000 },
    build: ({ on, from, annualPence }, { today }): Command => ({ type: 'StartDirectPayment', data: { on, today, from: from ?? on, annualPence } }),
  }),
  command('stop-direct-payment', {
    summary: 'Stop the direct payments on their last day',
    fields: { lastDay: Type.Optional(CalendarDateField('the last day paid (default: on)')) },
    example: { on: '2027-03-01', lastDay: '2027-03-31' },
    build: ({ on, lastDay }, { today }): Command => ({ type: 'StopDirectPayment', data: { on, today, lastDay: lastDay ?? on } }),
  }),
];
