import { Type, type TProperties } from '@sinclair/typebox';
import type { CalendarDate } from '@ehc/domain-kernel';
import { CalendarDateField, defineCommand, FreeText, type CommandDefinition, type CommandSpec, OneOf } from '@ehc/commands';
import type { Command } from '../../domain/ey-inclusion/ey-inclusion';
import { REFUSAL_REASONS } from '../../domain/ey-inclusion/events';

/*
 * Every command on an application (POST /funding/ey-inclusion/applications/{id}/{name}), its body
 * defined once: validation, the OpenAPI schema with its example, and the domain command built from it.
 */

/** What building a command needs besides its body: the application, "today", and the rates table. */
export interface EyContext {
  applicationId: string;
  today: CalendarDate;
  /** The level's hourly rate in pence valid on a day (rateOn over the LA's rates table), or null. */
  rate(level: string, on: CalendarDate): number | null;
}
export type EyCommandDefinition = CommandDefinition<EyContext, Command>;

const command = <P extends TProperties>(name: string, spec: CommandSpec<P, EyContext, Command>): EyCommandDefinition => defineCommand(name, spec);
const text = (kind: string, value: string) => ({ kind, content: { text: value } });
/** A document the body requires always has an id by the time the command is built. */
const required = (id: string | null | undefined): string => {
  if (!id) throw new Error('a required document has no id');
  return id;
};

export const EY_INCLUSION_COMMANDS: readonly EyCommandDefinition[] = [
  command('triage', {
    summary: 'The application triaged: complete, ready for a decision (once, before the decision)',
    fields: {},
    example: { on: '2026-09-10' },
    build: ({ on }, { today }): Command => ({ type: 'TriageEyInclusionApplication', data: { on, today } }),
  }),
  command('request-information', {
    summary: 'The LA asked the setting for more information: the decision clock stops until the answer',
    fields: { questions: FreeText(5_000, 'what the LA needs to know, kept outside the events') },
    example: { on: '2026-09-18', questions: 'Please send the setting\'s SEN support plan and the latest review of it' },
    documents: ({ questions }) => [text('ey-inclusion-questions', questions)],
    build: ({ on }, { today }, [doc]): Command => ({ type: 'RequestMoreInformation', data: { on, today, questionsDocumentId: required(doc) } }),
  }),
  command('provide-information', {
    summary: 'The setting answered: the decision clock restarts in full from this day',
    fields: { answer: FreeText(20_000, 'the setting\'s answer, kept outside the events') },
    example: { on: '2026-09-25', answer: 'SEN support plan attached, reviewed 2026-07-10: targets partly met' },
    documents: ({ answer }) => [text('ey-inclusion-answer', answer)],
    build: ({ on }, { today }, [doc]): Command => ({ type: 'ProvideMoreInformation', data: { on, today, answerDocumentId: required(doc) } }),
  }),
  command('approve', {
    summary: 'Funding approved at a level of the rates table (the rate valid on the period\'s first day) for the funded period: the amount and its termly payments',
    fields: {
      level: Type.String({ minLength: 1, maxLength: 40, description: 'the level in the LA\'s rates table' }),
      from: CalendarDateField('the funded period\'s first day (may be in the future)'),
      to: CalendarDateField('the funded period\'s last day (may be in the future)'),
    },
    example: { on: '2026-10-02', level: 'targeted', from: '2026-09-07', to: '2027-07-16' },
    // a level with no rate on `from` is still a command: the decider refuses it (UnknownRateLevel), as every other rule
    build: ({ on, level, from, to }, { today, rate }): Command => ({ type: 'ApproveEyInclusionFunding', data: { on, today, level, hourlyPence: rate(level, from), from, to } }),
  }),
  command('refuse', {
    summary: 'Funding refused, with its reasons',
    fields: {
      reasonCodes: Type.Array(OneOf(REFUSAL_REASONS), { maxItems: REFUSAL_REASONS.length, uniqueItems: true, description: 'why, at least one' }),
      reasons: FreeText(20_000, 'the reasons in words, as the letter gives them, kept outside the events'),
    },
    example: { on: '2026-10-02', reasonCodes: ['needs-met-from-universal-provision'], reasons: 'The support described is part of the setting\'s ordinarily available provision' },
    documents: ({ reasons }) => [text('ey-inclusion-refusal-reasons', reasons)],
    build: ({ on, reasonCodes }, { today }, [doc]): Command => ({ type: 'RefuseEyInclusionFunding', data: { on, today, reasonCodes, reasonsDocumentId: required(doc) } }),
  }),
  command('record-payment', {
    summary: 'A payment of the schedule made to the setting (each line once)',
    fields: { periodId: Type.String({ pattern: '^([0-9]{4}-[0-9]{2}-[1-3]-(summer|autumn|spring)|balance)$', description: 'the line: its term (e.g. 2026-27-2-autumn), or balance after the child left' }) },
    example: { on: '2026-10-09', periodId: '2026-27-2-autumn' },
    build: ({ on, periodId }, { today }): Command => ({ type: 'RecordEyInclusionPayment', data: { on, today, periodId } }),
  }),
  command('record-child-left', {
    summary: 'The child left the setting (`on`: the last day there): the funding ends, prorated, and what was paid beyond it is clawed back; before a decision, the application is withdrawn',
    fields: {},
    example: { on: '2026-11-20' },
    build: ({ on }, { today }): Command => ({ type: 'RecordChildLeftSetting', data: { on, today } }),
  }),
  command('withdraw', {
    summary: 'The setting withdrew the application (before a decision)',
    fields: {},
    example: { on: '2026-09-20' },
    build: ({ on }, { today }): Command => ({ type: 'WithdrawEyInclusionApplication', data: { on, today } }),
  }),
];
