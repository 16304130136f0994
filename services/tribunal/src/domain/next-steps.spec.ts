import { evolve, initialState, type Event } from './tribunal';
import { appealNextSteps, mediationNextSteps } from './next-steps';
import type { DisagreementState } from './disagreement-state';

const fold = (events: Event[]): DisagreementState => events.reduce(evolve, initialState());
const window: Event = {
  type: 'AppealWindowOpened',
  data: {
    decisionId: 'd-1', source: { service: 'needs-assessment', id: 'case-1' }, childId: null, decisionType: 'refusal-to-assess', letterOn: '2026-06-10', letterId: null,
    recipient: 'parent', openedBy: 'by-hand', certificateOn: null, mediationContactDueBy: '2026-08-10', appealDueBy: '2026-09-01',
  },
};
const requested = (wantsMediation: boolean, healthInvolved = false): Event => ({
  type: 'MediationRequested',
  data: { mediationId: 'm-1', requestedOn: '2026-07-01', wantsMediation, healthInvolved, issuesDocumentId: null, withinContactWindow: true, healthNotificationDueBy: healthInvolved ? '2026-07-06' : null, mediationDueBy: wantsMediation ? '2026-07-31' : null, certificateDueBy: wantsMediation ? null : '2026-07-06' },
});
const registered: Event = {
  type: 'AppealRegistered',
  data: { appealId: 'a-1', registeredOn: '2026-08-03', type: 'refusal-to-assess', grounds: [], lateAppealAdmitted: false, late: false, certificateOnFile: false, sentToLaOn: '2026-08-03', laResponseDueBy: '2026-09-15' },
};

describe('next steps: what a mediation or an appeal allows now, as the decider says', () => {
  it('a request to mediate with health involved can be notified, screened, arranged, found impossible to arrange, or withdrawn', () => {
    const s = fold([window, requested(true, true)]);
    expect(mediationNextSteps(s, s.mediations[0])).toEqual(['notify-health', 'screen', 'arrange', 'record-not-arranged', 'withdraw']);
  });
  it('a certificate-only request leads to the certificate', () => {
    const s = fold([window, requested(false)]);
    expect(mediationNextSteps(s, s.mediations[0])).toEqual(['issue-certificate', 'withdraw']);
  });
  it('a held mediation: its agreement and its certificate', () => {
    const s = fold([window, requested(true), { type: 'MediationArranged', data: { mediationId: 'm-1', arrangedOn: '2026-07-02', takesPlaceOn: '2026-07-20', withinThirtyDays: true } },
      { type: 'MediationHeld', data: { mediationId: 'm-1', heldOn: '2026-07-20', withinThirtyDays: true, certificateDueBy: '2026-07-23' } }]);
    expect(mediationNextSteps(s, s.mediations[0])).toEqual(['record-agreement', 'issue-certificate']);
  });
  it('a registered appeal: the response, the hearing, its outcome, a concession or a withdrawal', () => {
    const s = fold([window, registered]);
    expect(appealNextSteps(s, s.appeals[0])).toEqual(['send-response', 'list-hearing', 'record-outcome', 'concede', 'withdraw']);
  });
  it('an appeal allowed with an order: compliance, or an exception', () => {
    const s = fold([window, registered, {
      type: 'AppealDecided',
      data: {
        appealId: 'a-1', decidedOn: '2026-11-02', outcome: 'allowed', grounds: [], recommendationsResponseDueBy: null, costs: { awarded: false },
        orders: [{ orderId: 'order-1', kind: 'assess-or-reassess', orderedOn: '2026-11-02', concession: false, amendmentOrdered: false, steps: [{ step: 'notify', dueBy: '2026-11-16' }] }],
      },
    }]);
    expect(appealNextSteps(s, s.appeals[0])).toEqual(['record-compliance', 'apply-compliance-exception']);
  });
});
