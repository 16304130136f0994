import { evolve, initialState, isOnFile, type EotasPackage, type Event } from '../../domain/eotas/eotas';
import { eotasPackageView } from './views';

// The worked package of the domain spec: proposed Mon 2026-03-02 (42,550p a week, start 03-16,
// review 06-15) to an unregulated provider with 2 of the 6 checks done; panel Thu 03-05, signed off
// Fri 03-06; reviewed 06-15 (45,000p from 06-22, next review 09-14); ended 10-16, last day 10-23.
const fold = (events: Event[]): EotasPackage => {
  const s = events.reduce(evolve, initialState());
  if (!isOnFile(s)) throw new Error('no package');
  return s;
};
const tuition = { name: 'Wolds Learning Partnership CIC', ukprn: null, unregulated: true };
const proposed: Event = {
  type: 'EotasPackageProposed',
  data: {
    packageId: 'p-1', planId: 'plan-1', childId: 'c-1', proposedOn: '2026-03-02', proposedBy: 'officer-1', provider: tuition, checksDone: ['dbs-checks', 'insurance'],
    weeklyCostPence: 42_550, startOn: '2026-03-16', reviewDate: '2026-06-15',
  },
};
const rest = (['safeguarding-policy', 'premises-risk-assessment', 'qualifications', 'references'] as const)
  .map((check): Event => ({ type: 'CommissioningCheckRecorded', data: { check, recordedOn: '2026-03-04' } }));
const approved: Event = {
  type: 'EotasPackageApproved',
  data: { approvedOn: '2026-03-06', panelOn: '2026-03-05', signedOffBy: 'manager-7', weeklyCostPence: 42_550, startOn: '2026-03-16', reviewDue: '2026-06-15' },
};
const reviewed: Event = {
  type: 'EotasPackageReviewed',
  data: { reviewedOn: '2026-06-15', previousWeeklyCostPence: 42_550, weeklyCostPence: 45_000, costFrom: '2026-06-22', nextReviewDate: '2026-09-14', notesDocumentId: null },
};
const ended: Event = { type: 'EotasPackageEnded', data: { endedOn: '2026-10-16', lastDay: '2026-10-23', reason: 'returned-to-school', notesDocumentId: null } };
const running = [proposed, ...rest, approved];

describe('an EOTAS package as the API answers it', () => {
  it('proposed with checks outstanding: which ones, and no sign-off offered until they are done', () => {
    const v = eotasPackageView(fold([proposed]), '2026-03-03');
    expect(v).toMatchObject({
      id: 'p-1', planId: 'plan-1', childId: 'c-1', status: 'proposed', provider: tuition, weeklyCostPence: 42_550, costHistory: [], startOn: '2026-03-16',
      reviewDate: '2026-06-15', deadlines: { review: null }, proposedBy: 'officer-1', signedOffBy: null,
      checks: { required: true, done: ['dbs-checks', 'insurance'], outstanding: ['safeguarding-policy', 'premises-risk-assessment', 'qualifications', 'references'] },
    });
    expect(v.nextSteps).toEqual(['record-check', 'decline']);
  });
  it('every check done: sign-off or decline (no check left to record)', () => {
    const v = eotasPackageView(fold([proposed, ...rest]), '2026-03-04');
    expect(v.checks.outstanding).toEqual([]);
    expect(v.checks.done).toEqual(['dbs-checks', 'safeguarding-policy', 'insurance', 'premises-risk-assessment', 'qualifications', 'references']);
    expect(v.nextSteps).toEqual(['approve', 'decline']);
  });
  it('a regulated provider needs no checks: sign-off is offered at once', () => {
    const v = eotasPackageView(fold([{ ...proposed, data: { ...proposed.data, provider: { name: 'Lincoln College', ukprn: '10003899', unregulated: false }, checksDone: [] } } as Event]), '2026-03-03');
    expect(v.checks).toEqual({ required: false, done: [], outstanding: [] });
    expect(v.nextSteps).toEqual(['record-check', 'approve', 'decline']);
  });
  it('approved: signed off by the manager; the review is due on 06-15 (due on the day itself)', () => {
    const v = eotasPackageView(fold(running), '2026-06-15');
    expect(v).toMatchObject({
      status: 'approved', signedOffBy: 'manager-7', approvedOn: '2026-03-06', panelOn: '2026-03-05', weeklyCostPence: 42_550,
      costHistory: [{ from: '2026-03-16', to: null, weeklyCostPence: 42_550 }], deadlines: { review: { dueBy: '2026-06-15', status: 'due' } },
    });
    expect(v.nextSteps).toEqual(['review', 'end']);
  });
  it('the review overdue the day after', () =>
    expect(eotasPackageView(fold(running), '2026-06-16').deadlines.review).toEqual({ dueBy: '2026-06-15', status: 'overdue' }));
  it('reviewed: the cost in force today, with the history; the next review date', () => {
    const before = eotasPackageView(fold([...running, reviewed]), '2026-06-21');
    const after = eotasPackageView(fold([...running, reviewed]), '2026-06-22');
    expect([before.weeklyCostPence, after.weeklyCostPence]).toEqual([42_550, 45_000]);
    expect(after).toMatchObject({
      reviewDate: '2026-09-14', lastReviewedOn: '2026-06-15', deadlines: { review: { dueBy: '2026-09-14', status: 'due' } },
      costHistory: [{ from: '2026-03-16', to: '2026-06-21', weeklyCostPence: 42_550 }, { from: '2026-06-22', to: null, weeklyCostPence: 45_000 }],
    });
  });
  it('before the start, the cost it starts at', () => expect(eotasPackageView(fold(running), '2026-03-10').weeklyCostPence).toBe(42_550));
  it('ended: no review runs, nothing more to do; the cost is the last one charged', () => {
    const v = eotasPackageView(fold([...running, reviewed, ended]), '2026-12-31');
    expect(v).toMatchObject({
      status: 'ended', endedOn: '2026-10-16', lastDay: '2026-10-23', endReason: 'returned-to-school', weeklyCostPence: 45_000, deadlines: { review: null }, nextSteps: [],
      costHistory: [{ from: '2026-03-16', to: '2026-06-21', weeklyCostPence: 42_550 }, { from: '2026-06-22', to: '2026-10-23', weeklyCostPence: 45_000 }],
    });
  });
  it('declined: the panel\'s reasons by document id; nothing more to do', () => {
    const v = eotasPackageView(fold([proposed, { type: 'EotasPackageDeclined', data: { declinedOn: '2026-03-06', panelOn: '2026-03-05', reasonsDocumentId: 'doc-1' } }]), '2026-03-06');
    expect(v).toMatchObject({ status: 'declined', declinedOn: '2026-03-06', panelOn: '2026-03-05', reasonsDocumentId: 'doc-1', deadlines: { review: null }, nextSteps: [], costHistory: [] });
  });
});
