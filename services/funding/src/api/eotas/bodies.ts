import { Type, type Static } from '@sinclair/typebox';
import { bodyReader, CalendarDateField, OneOf } from '@ehc/commands';
import { COMMISSIONING_CHECKS } from '../../domain/eotas/eotas';

/*
 * The body that starts an EOTAS package (POST /funding/eotas-packages), defined once with TypeBox:
 * validation (every field at fault named in one 400) and the OpenAPI schema with its example. The
 * proposer is the signed-in officer, never a body field.
 */


/** Whole pence a week, at least 1p; at most £100,000 a week, far above any package, which keeps the cost arithmetic exact. */
export const WeeklyCostPenceField = (description = 'the weekly cost in whole pence (£425.50 is 42550)') =>
  Type.Integer({ minimum: 1, maximum: 10_000_000, description });

export const ProposeEotasPackageBody = Type.Object({
  planId: Type.String({ format: 'uuid', description: 'the EHC plan whose section F the package delivers' }),
  childId: Type.String({ format: 'uuid', description: 'the child or young person' }),
  proposedOn: CalendarDateField('the day the package was proposed (not in the future)'),
  provider: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 200, description: 'the provider organisation\'s name' }),
    ukprn: Type.Optional(Type.Union([Type.String({ pattern: '^1[0-9]{7}$', description: 'UK Provider Reference Number (8 digits, starting 1)' }), Type.Null()])),
    unregulated: Type.Boolean({ description: 'not registered or inspected: every commissioning check is needed before sign-off' }),
  }, { additionalProperties: false }),
  checksDone: Type.Optional(Type.Array(OneOf(COMMISSIONING_CHECKS, 'a commissioning check already done'), { uniqueItems: true, maxItems: COMMISSIONING_CHECKS.length })),
  weeklyCostPence: WeeklyCostPenceField(),
  startOn: CalendarDateField('the proposed start (may be in the future)'),
  reviewDate: CalendarDateField('when the package is to be reviewed: after the start'),
}, {
  additionalProperties: false,
  examples: [{
    planId: '8b1e4f2a-6c3d-4e5f-8a9b-0c1d2e3f4a5b', childId: '0d9c8b7a-6e5f-4a3b-9c2d-1e0f9a8b7c6d', proposedOn: '2026-03-02',
    provider: { name: 'Wolds Learning Partnership CIC', ukprn: null, unregulated: true }, checksDone: ['dbs-checks', 'insurance'],
    weeklyCostPence: 42550, startOn: '2026-03-16', reviewDate: '2026-06-15',
  }],
});
export type ProposeEotasPackageBody = Static<typeof ProposeEotasPackageBody>;

export const readProposeEotasPackageBody = bodyReader<ProposeEotasPackageBody>(ProposeEotasPackageBody);
