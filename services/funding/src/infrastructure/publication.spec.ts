import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, type NewEvent } from '@ehc/event-store';
import { cachedHistory, translateAll, type IntegrationEvent } from '@ehc/messaging';
import { COMMITMENT_CHANGED_V1, fundingSchemas, SCHEDULE_CHANGED_V1 } from '@ehc/contracts/funding';
import { fundingPublication } from './publication';
import type { Event } from '../domain/plan-funding/events';
import type { Event as EotasEvent } from '../domain/eotas/events';
import type { Event as EyEvent } from '../domain/ey-inclusion/events';

const ajv = addFormats(new Ajv({ allErrors: true }));
const unpublished = (what: string) => `unpublished-${what}`;
const SPECIAL = '120999';
const MAINSTREAM = '120345';

// A special school pupil's plan: band S2 (£21,000 a year) from 2026-09-01, recorded 09-14; a dual registration
// with the mainstream school released from 10-05 (6:4 sessions), recorded 10-05; the plan ceased 2027-01-05.
const plan: Event[] = [
  { type: 'PlanAwaitingFunding', data: { planId: 'p', childId: randomUUID(), reference: 'NA-2026-00007', source: 'final-plan', issuedOn: '2026-07-14', namedSetting: { urn: SPECIAL, name: 'The Priory School', type: 'special' } } },
  { type: 'PlacementStarted', data: { settingUrn: SPECIAL, settingName: 'The Priory School', settingType: 'special', from: '2026-09-01' } },
  { type: 'TopUpAgreed', data: { topUpId: 'top-up-1', band: 'S2', settingUrn: SPECIAL, settingType: 'special', from: '2026-09-01', annualPence: 2_100_000, ratesValidFrom: '2026-04-01', recordedOn: '2026-09-14' } },
  { type: 'FundingIncreaseRequested', data: { requestId: 'increase-request-1', requestedOn: '2026-09-20', requestedBand: null, reasonsDocumentId: unpublished('reasons') } },
  { type: 'DualRegistrationRecorded', data: { dualRegistrationId: 'dual-registration-1', mainstreamUrn: MAINSTREAM, mainstreamName: 'Lincoln Castle Academy', startOn: '2026-10-05', split: { specialSessions: 6, mainstreamSessions: 4 } } },
  { type: 'DualRegistrationFundingReleased', data: { dualRegistrationId: 'dual-registration-1', mainstreamUrn: MAINSTREAM, from: '2026-10-05', split: { specialSessions: 6, mainstreamSessions: 4 }, splitAssumed: false, recordedOn: '2026-10-05' } },
  { type: 'PersonalBudgetAgreed', data: { agreedOn: '2026-10-10', from: '2026-11-01', to: null, annualPence: 120_000 } },
  { type: 'DirectPaymentStarted', data: { from: '2026-11-01', annualPence: 120_000, recordedOn: '2026-10-10' } },
  { type: 'PlanCeasedForFunding', data: { ceasedOn: '2027-01-05', reason: 'no-longer-necessary' } },
  { type: 'TopUpEnded', data: { topUpId: 'top-up-1', lastDay: '2027-01-04', reason: 'plan-ceased', recordedOn: '2027-01-06' } },
  { type: 'DirectPaymentStopped', data: { lastDay: '2027-01-04', recordedOn: '2027-01-06' } },
];
const eotas: EotasEvent[] = [
  { type: 'EotasPackageProposed', data: {
    packageId: 'k', planId: randomUUID(), childId: randomUUID(), proposedOn: '2026-09-21', proposedBy: 'fo-sam', provider: { name: 'Wolds Outdoor Learning CIC', ukprn: '10012345', unregulated: true },
    checksDone: ['dbs-checks', 'safeguarding-policy', 'insurance', 'premises-risk-assessment', 'qualifications', 'references'], weeklyCostPence: 85_000, startOn: '2026-10-12', reviewDate: '2027-01-11',
  } },
  { type: 'EotasPackageApproved', data: { approvedOn: '2026-10-02', panelOn: '2026-10-01', signedOffBy: 'fm-kit', weeklyCostPence: 85_000, startOn: '2026-10-12', reviewDue: '2027-01-11' } },
  { type: 'EotasPackageEnded', data: { endedOn: '2027-07-16', lastDay: '2027-07-16', reason: 'returned-to-school', notesDocumentId: unpublished('notes') } } as EotasEvent,
];

const ratings = [3, 3, 3, 3, 3] as [number, number, number, number, number];
const ey: EyEvent[] = [
  { type: 'EyInclusionFundingApplied', data: {
    applicationId: 'a', childId: randomUUID(), settingUrn: 'EY401234', appliedOn: '2026-09-07', hoursPerWeek: 10, weeks: 38, supportDocumentId: unpublished('support'),
    evidenceDocumentId: unpublished('evidence'), needsProfile: { needs: ratings, settingReadiness: ratings, familyConfidence: ratings }, decisionWorkingDays: 20, decisionDueBy: '2026-10-05',
  } } as EyEvent,
  { type: 'EyInclusionFundingApproved', data: {
    approvedOn: '2026-09-21', level: '2', hourlyPence: 945, from: '2026-09-07', to: '2027-07-16', amountPence: 359_100, withinTime: true,
    schedule: [{ periodId: '2026-27-2-autumn', from: '2026-09-07', to: '2026-12-31', pence: 133_085 }, { periodId: '2026-27-3-spring', from: '2027-01-01', to: '2027-03-31', pence: 103_256 }, { periodId: '2027-28-1-summer', from: '2027-04-01', to: '2027-07-16', pence: 122_759 }],
  } } as EyEvent,
  { type: 'EyInclusionFundingPaid', data: { periodId: '2026-27-2-autumn', paidOn: '2026-09-28', pence: 133_085 } },
];

const asStored = (e: { type: string; data: unknown }): NewEvent => ({
  id: randomUUID(), type: e.type, schemaVersion: 1, data: e.data,
  metadata: { occurredAt: '2026-09-14', actor: { kind: 'user', id: 'fo-sam' }, correlationId: randomUUID(), causationId: null },
});

async function publishAll() {
  const store = new InMemoryEventStore();
  const planId = randomUUID();
  await store.appendToStream(`planFunding-${planId}`, plan.map(asStored), 'no-stream');
  await store.appendToStream(`eotasPackage-${randomUUID()}`, eotas.map(asStored), 'no-stream');
  await store.appendToStream(`eyInclusion-${randomUUID()}`, ey.map(asStored), 'no-stream');
  const publication = fundingPublication((type) => (type === 'early-years' ? 'termly' : 'monthly'));
  const { events: stored } = await store.readAll({ filter: publication.filter });
  const published = JSON.parse(JSON.stringify(await translateAll([publication], stored, cachedHistory(store)))) as IntegrationEvent<Record<string, unknown>>[];
  return { planId, stored, published };
}

describe('funding published events (what finance receives)', () => {
  it('publishes the commitments and the schedule at each change, personal budgets, direct payments, EOTAS packages and EY inclusion funding, each valid against its closed schema', async () => {
    const { published } = await publishAll();
    expect(published.map((p) => p.type)).toEqual([
      COMMITMENT_CHANGED_V1, SCHEDULE_CHANGED_V1, COMMITMENT_CHANGED_V1, SCHEDULE_CHANGED_V1, 'funding.PersonalBudgetAgreed.v1', 'funding.DirectPaymentStarted.v1',
      COMMITMENT_CHANGED_V1, SCHEDULE_CHANGED_V1, 'funding.DirectPaymentStopped.v1', 'funding.EotasPackageApproved.v1', 'funding.EotasPackageEnded.v1',
      'funding.EyInclusionFundingApproved.v1', 'funding.EyInclusionFundingPaid.v1',
    ]);
    for (const p of published) {
      const validate = ajv.compile(fundingSchemas[p.type]);
      expect({ type: p.type, valid: validate(p.data), errors: validate.errors ?? [] }).toEqual({ type: p.type, valid: true, errors: [] });
    }
    expect(new Set(published.map((p) => p.id)).size).toBe(published.length);
    expect(JSON.stringify(published).match(/unpublished-[a-z]+/g) ?? []).toEqual([]);
  });

  it('the dual registration splits the top-up 6:4 between the schools from its date, to the penny, each year', async () => {
    const { published, planId } = await publishAll();
    const released = published.filter((p) => p.type === COMMITMENT_CHANGED_V1)[1].data as { planId: string; cause: string; commitments: { settingUrn: string; from: string; to: string; share: unknown; amountsByYear: { fy: string; pence: number }[] }[] };
    expect(released).toMatchObject({ planId, cause: 'dual-registration-funding-released', reference: 'NA-2026-00007' });
    // £21,000 × 34 days (09-01..10-04) / 365 = 195,616.44 → 195,616p at the special school alone;
    // then 10-05..03-31, 178 days: 2,100,000 × 178 / 365 = 1,024,109.59 → 1,024,110p, 6:4 → 614,466 and 409,644
    expect(released.commitments.map((c) => [c.settingUrn, c.from, c.to, c.share, c.amountsByYear])).toEqual([
      [SPECIAL, '2026-09-01', '2026-10-04', null, [{ fy: '2026-27', pence: 195_616 }]],
      [SPECIAL, '2026-10-05', '2027-03-31', { weight: 6, of: 10 }, [{ fy: '2026-27', pence: 614_466 }]],
      [MAINSTREAM, '2026-10-05', '2027-03-31', { weight: 4, of: 10 }, [{ fy: '2026-27', pence: 409_644 }]],
    ]);
  });

  it('the schedule of a day holds the adjustments to paid months and the new unpaid lines; ceasing claws back what was paid after the last day', async () => {
    const { published } = await publishAll();
    const schedules = published.filter((p) => p.type === SCHEDULE_CHANGED_V1).map((p) => p.data as { recordedOn: string; lines: { settingUrn: string; periodId: string; pence: number; kind: string }[] });
    // agreed 09-14 from 09-01: September had begun, so it is paid as an adjustment; October on are scheduled
    expect(schedules[0].lines[0]).toMatchObject({ periodId: '2026-09', kind: 'adjustment' });
    expect(schedules[0].lines.slice(1).every((l) => l.kind === 'scheduled')).toBe(true);
    // ceased 01-05 (last day 01-04), recorded 01-06: January had begun and was paid in full, so it is clawed back in part
    const ceased = schedules[2];
    const january = ceased.lines.filter((l) => l.periodId === '2027-01');
    expect(january.every((l) => l.kind === 'adjustment' && l.pence < 0)).toBe(true);
    expect(ceased.lines.filter((l) => l.periodId > '2027-01')).toEqual([]);
  });
});
