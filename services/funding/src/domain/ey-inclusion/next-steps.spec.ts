import { evolve, initialState, type Event } from './ey-inclusion';
import { eyInclusionNextSteps } from './next-steps';

const fold = (events: Event[]) => events.reduce(evolve, initialState());
const applied: Event = {
  type: 'EyInclusionFundingApplied',
  data: {
    applicationId: 'a-1', childId: 'c-1', settingUrn: 'EY123456', appliedOn: '2026-09-07', hoursPerWeek: 10, weeks: 38, supportDocumentId: 'd-1', evidenceDocumentId: null,
    needsProfile: { needs: [3, 3, 3, 3, 3], settingReadiness: [2, 2, 2, 2, 2], familyConfidence: [3, 3, 3, 3, 3] }, decisionWorkingDays: 20, decisionDueBy: '2026-10-05',
  },
};
const requested: Event = { type: 'EyInclusionInformationRequested', data: { requestedOn: '2026-09-18', questionsDocumentId: 'd-2' } };
const approved: Event = {
  type: 'EyInclusionFundingApproved',
  data: {
    approvedOn: '2026-10-02', level: 'targeted', hourlyPence: 945, from: '2026-09-07', to: '2026-12-31', amountPence: 1_000, withinTime: true,
    schedule: [{ periodId: '2026-27-2-autumn', from: '2026-09-07', to: '2026-12-31', pence: 1_000 }],
  },
};

describe('next steps: what an application allows now, as the decider says', () => {
  it('nothing before an application', () => expect(eyInclusionNextSteps(initialState())).toEqual([]));
  it('a new application: triage, a question, a decision, the child leaving (a withdrawal), or a withdrawal', () =>
    expect(eyInclusionNextSteps(fold([applied]))).toEqual(['triage', 'request-information', 'approve', 'refuse', 'record-child-left', 'withdraw']));
  it('while the LA waits: the answer, a decision, the child leaving, or a withdrawal', () =>
    expect(eyInclusionNextSteps(fold([applied, requested]))).toEqual(['provide-information', 'approve', 'refuse', 'record-child-left', 'withdraw']));
  it('approved: payments, and the child leaving', () =>
    expect(eyInclusionNextSteps(fold([applied, approved]))).toEqual(['record-payment', 'record-child-left']));
  it('approved and every line paid: the child leaving only', () =>
    expect(eyInclusionNextSteps(fold([applied, approved, { type: 'EyInclusionFundingPaid', data: { periodId: '2026-27-2-autumn', paidOn: '2026-10-09', pence: 1_000 } }]))).toEqual(['record-child-left']));
  it('refused or withdrawn: nothing', () => {
    expect(eyInclusionNextSteps(fold([applied, { type: 'EyInclusionFundingRefused', data: { refusedOn: '2026-10-02', reasonCodes: ['other'], reasonsDocumentId: 'd-3', withinTime: true } }]))).toEqual([]);
    expect(eyInclusionNextSteps(fold([applied, { type: 'EyInclusionApplicationWithdrawn', data: { withdrawnOn: '2026-09-20', childLeftSetting: false } }]))).toEqual([]);
  });
});
