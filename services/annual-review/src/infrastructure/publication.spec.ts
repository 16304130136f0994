import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { InMemoryEventStore } from '@ehc/event-store';
import { cachedHistory } from '@ehc/messaging';
import { annualReviewSchemas } from '@ehc/contracts/annual-review';
import { translate } from './publication';
import type { Event } from '../domain/events';

const ajv = addFormats(new Ajv({ allErrors: true }));
const child = randomUUID();
const setting = { urn: '120350', name: 'Bracebridge Primary Academy', type: 'resourced-provision' as const, phase: 'primary' as const };
const events: Event[] = [
  { type: 'PlanEntered', data: { source: { kind: 'import', reference: 'LEG-1' }, childId: child, cohort: { receptionYear: 2020, yearGroupOffset: 0 }, planIssuedOn: '2025-05-20', lastReviewedOn: null, namedSetting: setting, caseworkerId: 'cw-1', reviewAnchor: 'review-decision', reviewDueBy: '2026-05-19', suggestedReviews: [] } },
  { type: 'ReviewDecisionMade', data: { reviewId: 'review-1', outcome: 'maintain', decidedOn: '2026-06-01', withinStatutoryTime: true, reviewDueBy: '2026-05-19', reviewWithinTwelveMonths: false, nextReviewDueBy: '2027-05-31', suggestedReviews: [], reasonsDocumentId: null } },
  { type: 'LetterSent', data: { letterId: 'letter-1', kind: 'decision-to-maintain', recipient: 'parent', sentOn: '2026-06-01', appealRights: true } },
  { type: 'AmendedPlanIssued', data: { amendmentId: 'amendment-1', issuedOn: '2026-07-01', withinStatutoryTime: true, namedSetting: setting, phaseTransfer: null, planDocumentId: null, post16Transfer: null } },
  { type: 'CeaseDecisionMade', data: { reason: 'no-longer-necessary', decidedOn: '2026-10-26', appealWindowEndsOn: '2027-01-04', reasonsDocumentId: null } },
  { type: 'PlanCeased', data: { ceasedOn: '2027-01-05', reason: 'no-longer-necessary', appeal: 'none' } },
];

describe('annual-review published events', () => {
  it('publishes the appealable decisions and the plan changes, valid against their schemas, with no personal details', async () => {
    const store = new InMemoryEventStore();
    const stream = `annualReview-${randomUUID()}`;
    await store.appendToStream(stream, events.map((e) => ({ id: randomUUID(), type: e.type, schemaVersion: 1, data: e.data, metadata: { occurredAt: '2026-06-01', actor: { kind: 'user', id: 'cw-1' }, correlationId: randomUUID(), causationId: null } })), 'no-stream');
    const history = cachedHistory(store);
    const published = (await Promise.all((await store.readStream(stream)).map((e) => translate(e, history)))).flat();
    expect(published.map((p) => p.type)).toEqual([
      'annual-review.ReviewDecisionMade.v1', 'annual-review.LetterSent.v1', 'annual-review.AmendedPlanIssued.v1',
      'annual-review.CeaseDecisionMade.v1', 'annual-review.PlanCeased.v1',
    ]);
    for (const p of published) {
      const validate = ajv.compile(annualReviewSchemas[p.type]);
      expect({ type: p.type, valid: validate(p.data), errors: validate.errors }).toMatchObject({ valid: true });
      expect(p.data).toMatchObject({ planId: stream, childId: child });
    }
    expect(published[0].data).toMatchObject({ outcome: 'maintain', appealable: true });
    expect(published[2].data).toMatchObject({ namedSetting: setting, appealable: true });
  });
});
