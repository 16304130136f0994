import { Type, type Static } from '@sinclair/typebox';
import type { CalendarDate, DomainRatings } from '@ehc/domain-kernel';
import { bodyReader, CalendarDateField, FreeText, needsProfileFields, type PendingDocument } from '@ehc/commands';
import type { Command } from '../../domain/ey-inclusion/ey-inclusion';
import { MAX_HOURS_PER_WEEK, MAX_WEEKS } from '../../domain/ey-inclusion/amounts';

/*
 * The body of an application for early-years inclusion funding (POST /funding/ey-inclusion/applications),
 * defined once with TypeBox: validation (every field at fault named in one 400) and the OpenAPI
 * schema with its example. The free text (support, evidence) is kept outside the events.
 */

// the profile's three lines, as on a case and a plan; an application is its own context, so none is asked for
const { context: _context, ...ratings } = needsProfileFields();

export const ApplicationBody = Type.Object({
  childId: Type.String({ format: 'uuid', description: 'the child' }),
  settingUrn: Type.String({ pattern: '^(EY)?[0-9]{5,8}$', description: 'the early-years setting: its Ofsted URN (e.g. EY123456) or its UKPRN (8 digits)' }),
  appliedOn: CalendarDateField('the day the LA received the application: the decision clock runs from it; not in the future'),
  hoursPerWeek: Type.Number({ exclusiveMinimum: 0, maximum: MAX_HOURS_PER_WEEK, description: `extra support a week, in hours, more than 0 and at most ${MAX_HOURS_PER_WEEK}, to two decimals` }),
  weeks: Type.Integer({ minimum: 1, maximum: MAX_WEEKS, description: 'the weeks it is needed for' }),
  support: FreeText(5_000, 'the support the funding will buy, kept outside the events'),
  needsProfile: Type.Object(ratings, { additionalProperties: false, description: 'the Valuing SEND profile: needs, setting readiness and family confidence in the five domains' }),
  evidence: Type.Optional(FreeText(20_000, 'the evidence of need (the graduated approach so far, advice from professionals), kept outside the events')),
}, {
  additionalProperties: false,
  examples: [{
    childId: '6d5c4b3a-2f1e-4d0c-8b9a-7f6e5d4c3b2a', settingUrn: 'EY123456', appliedOn: '2026-09-07', hoursPerWeek: 10, weeks: 38,
    support: 'A key person one to one for 10 hours a week: visual timetable, Attention Autism groups, and help at transitions',
    needsProfile: { needs: [3, 4, 2, 3, 3], settingReadiness: [2, 2, 3, 2, 3], familyConfidence: [3, 2, 3, 3, 2] },
    evidence: 'SALT report of 2026-06-12; two cycles of SEN support plans',
  }],
});
export type ApplicationBody = Static<typeof ApplicationBody>;

export const readApplicationBody = bodyReader<ApplicationBody>(ApplicationBody);

/** The free text an application brings, in the order `applicationCommand` takes their ids: the support, then the evidence. */
export const applicationDocuments = (body: ApplicationBody): (PendingDocument | null)[] => [
  { kind: 'ey-inclusion-support', content: { text: body.support } },
  body.evidence ? { kind: 'ey-inclusion-evidence', content: { text: body.evidence } } : null,
];

/** What building the application needs besides its body: its new id, "today", and the working days to decide (configuration). */
export interface ApplicationContext { applicationId: string; today: CalendarDate; decisionWorkingDays: number }

export function applicationCommand(body: ApplicationBody, { applicationId, today, decisionWorkingDays }: ApplicationContext, [supportId, evidenceId]: (string | null)[]): Command {
  if (!supportId) throw new Error('the support document has no id');
  const p = body.needsProfile;
  return {
    type: 'ApplyForEyInclusionFunding',
    data: {
      applicationId, childId: body.childId.toLowerCase(), settingUrn: body.settingUrn, appliedOn: body.appliedOn, hoursPerWeek: body.hoursPerWeek, weeks: body.weeks,
      supportDocumentId: supportId, evidenceDocumentId: evidenceId ?? null,
      // five ratings each, as the schema checked
      needsProfile: { needs: p.needs as DomainRatings, settingReadiness: p.settingReadiness as DomainRatings, familyConfidence: p.familyConfidence as DomainRatings },
      decisionWorkingDays, today,
    },
  };
}
