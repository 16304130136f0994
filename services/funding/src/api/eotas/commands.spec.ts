import { ProblemException } from '@ehc/http';
import { EOTAS_COMMANDS, proposeEotasPackage, type EotasContext } from './commands';
import { ProposeEotasPackageBody, readProposeEotasPackageBody } from './bodies';
import { EOTAS_RULES, ruleProblem } from './problems';

const context: EotasContext = { packageId: '3f6c2a9e-1b4d-4c8e-9a7f-5d2e1c0b9a8f', today: '2026-12-31', actorId: 'manager-7' };
const named = (name: string) => EOTAS_COMMANDS.find((c) => c.name === name)!;
const faultsOf = (work: () => unknown) => {
  try {
    work();
  } catch (e) {
    if (e instanceof ProblemException) return { status: e.problem.status, fields: (e.problem.errors ?? []).map((x) => x.field) };
    throw e;
  }
  throw new Error('no problem raised');
};

describe('the EOTAS proposal body', () => {
  const body = {
    planId: '8b1e4f2a-6c3d-4e5f-8a9b-0c1d2e3f4a5b', childId: '0d9c8b7a-6e5f-4a3b-9c2d-1e0f9a8b7c6d', proposedOn: '2026-03-02',
    provider: { name: 'Wolds Learning Partnership CIC', unregulated: true }, weeklyCostPence: 42550, startOn: '2026-03-16', reviewDate: '2026-06-15',
  };
  it('builds the proposal: the signed-in officer proposes it; no UKPRN and no checks given are null and none', () => {
    const { value } = readProposeEotasPackageBody(body);
    expect(proposeEotasPackage(value, { ...context, actorId: 'officer-1' })).toEqual({
      type: 'ProposeEotasPackage',
      data: {
        packageId: context.packageId, planId: body.planId, childId: body.childId, proposedOn: '2026-03-02', proposedBy: 'officer-1',
        provider: { name: 'Wolds Learning Partnership CIC', ukprn: null, unregulated: true }, checksDone: [], weeklyCostPence: 42550,
        startOn: '2026-03-16', reviewDate: '2026-06-15', today: '2026-12-31',
      },
    });
  });
  it('its OpenAPI example is a valid body', () => expect(() => readProposeEotasPackageBody(ProposeEotasPackageBody.examples[0])).not.toThrow());
  it('pounds as a float, a bad UKPRN, an unknown check and a missing plan are each named in one 400', () => {
    expect(faultsOf(() => readProposeEotasPackageBody({
      ...body, planId: undefined, weeklyCostPence: 425.5, provider: { ...body.provider, ukprn: '12345' }, checksDone: ['dbs-checks', 'horoscope'],
    }))).toEqual({ status: 400, fields: expect.arrayContaining(['planId', 'weeklyCostPence', 'provider.ukprn', 'checksDone.1']) });
  });
  it('a check given twice is a 400', () =>
    expect(faultsOf(() => readProposeEotasPackageBody({ ...body, checksDone: ['insurance', 'insurance'] })).status).toBe(400));
  it('the proposer is never a body field', () =>
    expect(faultsOf(() => readProposeEotasPackageBody({ ...body, proposedBy: 'someone' })).fields).toEqual(['body']));
});

describe('the commands on a package', () => {
  it('are record-check, approve, decline, review and end', () => expect(EOTAS_COMMANDS.map((c) => c.name)).toEqual(['record-check', 'approve', 'decline', 'review', 'end']));
  it.each(EOTAS_COMMANDS.map((c) => [c.name, c] as const))('%s: its example is a valid body', (_name, c) => expect(() => c.read(c.example)).not.toThrow());

  it('record-check', () =>
    expect(named('record-check').read({ on: '2026-03-04', check: 'references' }).build(context, []))
      .toEqual({ type: 'RecordCommissioningCheck', data: { on: '2026-03-04', check: 'references', today: '2026-12-31' } }));
  it('approve: signed off by the signed-in manager, never by a name in the body', () =>
    expect(named('approve').read({ on: '2026-03-06', panelOn: '2026-03-05' }).build(context, []))
      .toEqual({ type: 'ApproveEotasPackage', data: { on: '2026-03-06', panelOn: '2026-03-05', signedOffBy: 'manager-7', today: '2026-12-31' } }));
  it('decline: the reasons become a document, the event its id', () => {
    const read = named('decline').read({ on: '2026-03-06', panelOn: '2026-03-05', reasons: 'A special school place is available.' });
    expect(read.documents).toEqual([{ kind: 'eotas-decline-reasons', content: { text: 'A special school place is available.' } }]);
    expect(read.build(context, ['doc-1'])).toEqual({ type: 'DeclineEotasPackage', data: { on: '2026-03-06', panelOn: '2026-03-05', reasonsDocumentId: 'doc-1', today: '2026-12-31' } });
  });
  it('decline needs the panel\'s reasons', () => expect(faultsOf(() => named('decline').read({ on: '2026-03-06', panelOn: '2026-03-05' })).fields).toEqual(['reasons']));
  it('review: the cost applies from `on` unless costFrom says otherwise', () => {
    expect(named('review').read({ on: '2026-06-15', weeklyCostPence: 45000, nextReviewDate: '2026-09-14' }).build(context, [null])).toEqual({
      type: 'ReviewEotasPackage', data: { on: '2026-06-15', weeklyCostPence: 45000, costFrom: '2026-06-15', nextReviewDate: '2026-09-14', notesDocumentId: null, today: '2026-12-31' },
    });
    expect(named('review').read({ on: '2026-06-15', weeklyCostPence: 45000, costFrom: '2026-06-22', nextReviewDate: '2026-09-14', notes: 'Extra session' }).documents)
      .toEqual([{ kind: 'eotas-review-notes', content: { text: 'Extra session' } }]);
  });
  it('review: a weekly cost must be whole pence, at least 1p', () => {
    expect(faultsOf(() => named('review').read({ on: '2026-06-15', weeklyCostPence: 450.5, nextReviewDate: '2026-09-14' })).fields).toEqual(['weeklyCostPence']);
    expect(faultsOf(() => named('review').read({ on: '2026-06-15', weeklyCostPence: 0, nextReviewDate: '2026-09-14' })).fields).toEqual(['weeklyCostPence']);
  });
  it('end', () =>
    expect(named('end').read({ on: '2026-10-16', lastDay: '2026-10-23', reason: 'returned-to-school' }).build(context, [null]))
      .toEqual({ type: 'EndEotasPackage', data: { on: '2026-10-16', lastDay: '2026-10-23', reason: 'returned-to-school', notesDocumentId: null, today: '2026-12-31' } }));
});

describe('refusals as HTTP problems', () => {
  it('404 for no such package, 409 when the state does not allow it, 422 when the request breaks a rule', () => {
    const byStatus = (status: number) => Object.entries(EOTAS_RULES).filter(([, a]) => a.status === status).map(([rule]) => rule).sort();
    expect(byStatus(404)).toEqual(['NoSuchPackage']);
    expect(byStatus(409)).toEqual(['AlreadyApproved', 'CheckAlreadyRecorded', 'NotApproved', 'PackageAlreadyProposed', 'PackageDeclined', 'PackageEnded']);
    expect(byStatus(422)).toEqual([
      'ChecksOutstanding', 'CostChangeBeforeStart', 'CostNotPositive', 'DateBeforeApproval', 'DateBeforeProposal', 'DateInFuture', 'LastDayBeforeStart',
      'NextReviewDateNotAfter', 'PanelAfterDecision', 'PanelBeforeProposal', 'ReviewDateNotAfter', 'SignOffByProposer',
    ]);
  });
  it('the problem names the rule, and the field at fault when there is one', () => {
    expect(ruleProblem('LastDayBeforeStart').problem).toMatchObject({
      type: 'https://ehc-hub.example/problems/LastDayBeforeStart', status: 422, errors: [{ field: 'lastDay', rule: 'LastDayBeforeStart' }],
    });
    expect(ruleProblem('SignOffByProposer').problem.errors).toBeUndefined();
  });
});
