import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, Upcasters, withUpcasting } from '@ehc/event-store';
import { amendedPlanIssuedV1ToV2, annualReviewUpcasters } from './upcasters';
import { SCHEMA_VERSIONS } from '../domain/events';

const setting = { urn: '137001', name: 'Witham Academy', type: 'mainstream', phase: 'secondary' };
// as version 1 stored it: 15 February taken as the deadline, so an amended plan that day was "met"
const v1 = {
  amendmentId: 'amendment-1', issuedOn: '2027-02-15', withinStatutoryTime: true, namedSetting: setting, planDocumentId: null,
  phaseTransfer: { kind: 'primary-to-secondary', transferYear: 2027, deadline: '2027-02-15', met: true },
};

describe('AmendedPlanIssued v1 -> v2 (reg 18(1): before 15 February)', () => {
  it('works the deadline out again as the last lawful day, and whether it was met', () =>
    expect(amendedPlanIssuedV1ToV2.upcast(v1)).toEqual({
      ...v1, phaseTransfer: { kind: 'primary-to-secondary', transferYear: 2027, deadline: '2027-02-14', met: false }, post16Transfer: null,
    }));

  it('into post-16: before 31 March, so 30 March', () =>
    expect(amendedPlanIssuedV1ToV2.upcast({ ...v1, issuedOn: '2027-03-30', phaseTransfer: { kind: 'secondary-to-post-16', transferYear: 2027, deadline: '2027-03-31', met: true } }))
      .toMatchObject({ phaseTransfer: { deadline: '2027-03-30', met: true } }));

  it('leaves an amendment that was no phase transfer as it was, with no reg 18(2) move', () =>
    expect(amendedPlanIssuedV1ToV2.upcast({ ...v1, phaseTransfer: null })).toEqual({ ...v1, phaseTransfer: null, post16Transfer: null }));

  it('new events are written at the version the upcasters lead to, so they are never upcast again', () =>
    expect(SCHEMA_VERSIONS.AmendedPlanIssued).toBe(amendedPlanIssuedV1ToV2.fromVersion + 1));

  it('a store wired with the service\'s upcasters reads the stored v1 event as v2; the stored event is untouched', async () => {
    const stored = new InMemoryEventStore();
    const stream = `annualReview-${randomUUID()}`;
    await stored.appendToStream(stream, [{
      id: randomUUID(), type: 'AmendedPlanIssued', schemaVersion: 1, data: v1,
      metadata: { occurredAt: '2027-02-15', actor: { kind: 'user', id: 'cw-1' }, correlationId: 'c', causationId: null },
    }], 'no-stream');
    const store = withUpcasting(stored, new Upcasters(annualReviewUpcasters));
    const [read] = await store.readStream(stream);
    expect(read).toMatchObject({ schemaVersion: 2, data: { phaseTransfer: { deadline: '2027-02-14', met: false } } });
    const [raw] = await stored.readStream(stream);
    expect(raw).toMatchObject({ schemaVersion: 1, data: { phaseTransfer: { deadline: '2027-02-15', met: true } } });
  });
});
