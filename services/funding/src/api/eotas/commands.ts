import { Type, type TProperties } from '@sinclair/typebox';
import type { CalendarDate } from '@ehc/domain-kernel';
import { CalendarDateField, defineCommand, FreeText, type CommandDefinition, type CommandSpec, type PendingDocument, OneOf } from '@ehc/commands';
import { COMMISSIONING_CHECKS, END_REASONS, type Command } from '../../domain/eotas/eotas';
import { WeeklyCostPenceField, type ProposeEotasPackageBody } from './bodies';

/*
 * Every command on an EOTAS package (POST /funding/eotas-packages/{id}/{name}), its body defined
 * once: validation, the OpenAPI schema with its example, and the domain command built from it.
 * Free text (the panel's reasons, notes) becomes a document; the event holds its id.
 */

/** What building a command needs besides its body: the package, "today", and the signed-in user's actor id. */
export interface EotasContext { packageId: string; today: CalendarDate; actorId: string }
export type EotasCommandDefinition = CommandDefinition<EotasContext, Command>;

const command = <P extends TProperties>(name: string, spec: CommandSpec<P, EotasContext, Command>): EotasCommandDefinition => defineCommand(name, spec);
const text = (kind: string, value: string | undefined): PendingDocument | null => (value ? { kind, content: { text: value } } : null);

/** The proposal (POST /funding/eotas-packages): the officer signed in is its proposer. */
export const proposeEotasPackage = (body: ProposeEotasPackageBody, { packageId, today, actorId }: EotasContext): Command => ({
  type: 'ProposeEotasPackage',
  data: {
    packageId, planId: body.planId, childId: body.childId, proposedOn: body.proposedOn, proposedBy: actorId,
    provider: { name: body.provider.name.trim(), ukprn: body.provider.ukprn ?? null, unregulated: body.provider.unregulated },
    checksDone: body.checksDone ?? [], weeklyCostPence: body.weeklyCostPence, startOn: body.startOn, reviewDate: body.reviewDate, today,
  },
});

export const EOTAS_COMMANDS: readonly EotasCommandDefinition[] = [
  command('record-check', {
    summary: 'A commissioning check on an unregulated provider done (before sign-off; each once)',
    fields: { check: OneOf(COMMISSIONING_CHECKS, 'the check done') },
    example: { on: '2026-03-04', check: 'references' },
    build: ({ on, check }, { today }): Command => ({ type: 'RecordCommissioningCheck', data: { on, check, today } }),
  }),
  command('approve', {
    summary: 'The weekly EOTAS panel agreed the package and the signed-in manager signs it off (someone other than the proposer; an unregulated provider needs every check done)',
    fields: { panelOn: CalendarDateField('the day the weekly panel considered it (on or before `on`)') },
    example: { on: '2026-03-06', panelOn: '2026-03-05' },
    // the sign-off is the signed-in manager's, never a name typed into the body
    build: ({ on, panelOn }, { today, actorId }): Command => ({ type: 'ApproveEotasPackage', data: { on, panelOn, signedOffBy: actorId, today } }),
  }),
  command('decline', {
    summary: 'The weekly EOTAS panel declined the package, with its reasons (kept outside the events)',
    fields: {
      panelOn: CalendarDateField('the day the weekly panel considered it (on or before `on`)'),
      reasons: FreeText(20_000, 'the panel\'s reasons, kept outside the events'),
    },
    example: { on: '2026-03-06', panelOn: '2026-03-05', reasons: 'Section F can be delivered at the named special school from September.' },
    documents: ({ reasons }) => [text('eotas-decline-reasons', reasons)],
    build: ({ on, panelOn }, { today }, [doc]): Command => ({ type: 'DeclineEotasPackage', data: { on, panelOn, reasonsDocumentId: doc, today } }),
  }),
  command('review', {
    summary: 'The package reviewed: its weekly cost (changed from `costFrom`, if it changes) and the next review date',
    fields: {
      weeklyCostPence: WeeklyCostPenceField('the weekly cost from `costFrom`, in whole pence (the same as before if unchanged)'),
      costFrom: Type.Optional(CalendarDateField('the day the weekly cost applies from (default: `on`); it replaces any cost set from that day on, and is never before the start')),
      nextReviewDate: CalendarDateField('the next review: after `on`'),
      notes: Type.Optional(FreeText(20_000, 'the review\'s notes, kept outside the events')),
    },
    example: { on: '2026-06-15', weeklyCostPence: 45000, costFrom: '2026-06-22', nextReviewDate: '2026-09-14' },
    documents: ({ notes }) => [text('eotas-review-notes', notes)],
    build: ({ on, weeklyCostPence, costFrom, nextReviewDate }, { today }, [doc]): Command => ({
      type: 'ReviewEotasPackage', data: { on, weeklyCostPence, costFrom: costFrom ?? on, nextReviewDate, notesDocumentId: doc, today },
    }),
  }),
  command('end', {
    summary: 'The package ended: its last day of provision (and of cost) may be after `on`, never before the start',
    fields: {
      lastDay: CalendarDateField('the last day of provision'),
      reason: OneOf(END_REASONS, 'why it ended'),
      notes: Type.Optional(FreeText(20_000, 'notes on the ending, kept outside the events')),
    },
    example: { on: '2026-10-16', lastDay: '2026-10-23', reason: 'returned-to-school' },
    documents: ({ notes }) => [text('eotas-end-notes', notes)],
    build: ({ on, lastDay, reason }, { today }, [doc]): Command => ({ type: 'EndEotasPackage', data: { on, lastDay, reason, notesDocumentId: doc, today } }),
  }),
];
