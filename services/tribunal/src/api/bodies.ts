import { Type, type Static } from '@sinclair/typebox';
import { bodyReader, CalendarDateField, FreeText, OneOf } from '@ehc/commands';
import { APPEAL_TYPES, DECISION_TYPES } from '@ehc/contracts/tribunal';

/*
 * The bodies that start something (a window by hand, a mediation, an appeal), defined once with
 * TypeBox: validation (every field at fault named in one 400) and the OpenAPI schema with its example.
 */

export const SECTIONS = ['B', 'C', 'D', 'F', 'G', 'H1', 'H2', 'I'] as const;
export const Section = (description = 'a plan section: B, F, I are appealable; C, D, G, H1, H2 are recommendations on health and social care') => OneOf(SECTIONS, description);

export const OpenWindowBody = Type.Object({
  decisionId: Type.Optional(Type.String({ format: 'uuid', description: 'the decision\'s id, if the LA has one (a new one is drawn otherwise)' })),
  source: Type.Optional(Type.Object({
    service: OneOf(['before-the-hub', 'needs-assessment', 'annual-review'] as const, 'where the decision was made'),
    id: Type.String({ minLength: 1, maxLength: 100, description: 'the case or plan id, or the LA\'s own reference for a decision before the hub' }),
  }, { additionalProperties: false, description: 'default: before the hub, under the decision\'s own id' })),
  childId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  decisionType: OneOf(DECISION_TYPES, 'the appealable decision (s.51)'),
  letterOn: CalendarDateField('the day written notice of the decision was sent'),
  certificateOn: Type.Optional(Type.Union([CalendarDateField('a mediation certificate already issued'), Type.Null()])),
  recipient: Type.Optional(OneOf(['parent', 'young-person'] as const, 'who holds the right of appeal (default parent)')),
}, { additionalProperties: false, examples: [{ source: { service: 'before-the-hub', id: 'LEG-2026-0141' }, decisionType: 'refusal-to-assess', letterOn: '2026-10-26' }] });
export type OpenWindowBody = Static<typeof OpenWindowBody>;

export const MediationBody = Type.Object({
  decisionId: Type.String({ format: 'uuid', description: 'the appealable decision (its appeal window)' }),
  requestedOn: CalendarDateField('the day the LA was told (the family contacted the mediation adviser): the 30 days run from it'),
  wantsMediation: Type.Boolean({ description: 'false: the family wants a certificate only (reg 34)' }),
  issues: Type.Optional(Type.Array(FreeText(2_000, 'an issue in dispute, kept outside the events'), { maxItems: 50 })),
  healthInvolved: Type.Optional(Type.Boolean({ description: 'health care issues: the LA tells the ICB within 3 working days' })),
}, { additionalProperties: false, examples: [{ decisionId: '5a1c0b2e-8d4f-4e7a-9b3c-2f1e0d9c8b7a', requestedOn: '2026-03-03', wantsMediation: true, issues: ['Section F: speech and language therapy'], healthInvolved: true }] });
export type MediationBody = Static<typeof MediationBody>;

export const AppealBody = Type.Object({
  decisionId: Type.String({ format: 'uuid', description: 'the appealable decision (its appeal window)' }),
  registeredOn: CalendarDateField('the day the tribunal registered the appeal'),
  type: OneOf(APPEAL_TYPES, 'what is appealed; it must be one s.51 gives for the decision'),
  grounds: Type.Optional(Type.Array(Type.Object({ section: Section() }, { additionalProperties: false }), { maxItems: 8 })),
  lateAppealAdmitted: Type.Optional(Type.Boolean({ description: 'the tribunal admitted an appeal made after the deadline' })),
  sentToLaOn: Type.Optional(CalendarDateField('the day the tribunal sent the appeal to the LA (default: registeredOn): the response is due 30 working days after')),
}, { additionalProperties: false, examples: [{ decisionId: '5a1c0b2e-8d4f-4e7a-9b3c-2f1e0d9c8b7a', registeredOn: '2026-08-20', type: 'contents', grounds: [{ section: 'F' }, { section: 'I' }] }] });
export type AppealBody = Static<typeof AppealBody>;

export const readOpenWindowBody = bodyReader<OpenWindowBody>(OpenWindowBody);
export const readMediationBody = bodyReader<MediationBody>(MediationBody);
export const readAppealBody = bodyReader<AppealBody>(AppealBody);
