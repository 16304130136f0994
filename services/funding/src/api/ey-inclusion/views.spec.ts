import { evolve, initialState, type Event } from '../../domain/ey-inclusion/ey-inclusion';
import { eyInclusionView } from './views';

const fold = (events: Event[]) => events.reduce(evolve, initialState());
const PROFILE = { needs: [3, 4, 2, 3, 3], settingReadiness: [2, 2, 3, 2, 3], familyConfidence: [3, 2, 3, 3, 2] } as const;
const applied: Event = {
  type: 'EyInclusionFundingApplied',
  data: {
    applicationId: 'a-1', childId: 'c-1', settingUrn: 'EY123456', appliedOn: '2026-09-07', hoursPerWeek: 10, weeks: 38, supportDocumentId: 'd-1', evidenceDocumentId: null,
    needsProfile: { needs: [3, 4, 2, 3, 3], settingReadiness: [2, 2, 3, 2, 3], familyConfidence: [3, 2, 3, 3, 2] }, decisionWorkingDays: 20, decisionDueBy: '2026-10-05',
  },
};
const triaged: Event = { type: 'EyInclusionApplicationTriaged', data: { triagedOn: '2026-09-10', outcome: 'complete' } };
const requested: Event = { type: 'EyInclusionInformationRequested', data: { requestedOn: '2026-09-18', questionsDocumentId: 'd-2' } };
const provided: Event = { type: 'EyInclusionInformationProvided', data: { providedOn: '2026-12-11', answerDocumentId: 'd-3', decisionDueBy: '2027-01-13' } };
const SCHEDULE = [
  { periodId: '2026-27-2-autumn', from: '2026-09-07', to: '2026-12-31', pence: 133_085 },
  { periodId: '2026-27-3-spring', from: '2027-01-01', to: '2027-03-31', pence: 103_256 },
  { periodId: '2027-28-1-summer', from: '2027-04-01', to: '2027-07-16', pence: 122_759 },
];
const approved = (withinTime = true): Event => ({
  type: 'EyInclusionFundingApproved',
  data: { approvedOn: withinTime ? '2026-10-02' : '2026-10-06', level: 'targeted', hourlyPence: 945, from: '2026-09-07', to: '2027-07-16', amountPence: 359_100, withinTime, schedule: SCHEDULE },
});
const paidAutumn: Event = { type: 'EyInclusionFundingPaid', data: { periodId: '2026-27-2-autumn', paidOn: '2026-10-09', pence: 133_085 } };
const left: Event = {
  type: 'EyInclusionFundingClawedBack',
  data: { lastDay: '2026-11-20', fundedDays: 313, fundedDaysUpToLastDay: 75, earnedPence: 86_046, paidPence: 133_085, clawbackPence: 47_039, cancelledPeriodIds: ['2026-27-3-spring', '2027-28-1-summer'], balance: null },
};

describe('the view of an application', () => {
  it('a new application: due on its day, overdue the day after', () => {
    const due = eyInclusionView(fold([applied]), '2026-10-05');
    expect(due).toEqual({
      id: 'a-1', childId: 'c-1', settingUrn: 'EY123456', status: 'applied', appliedOn: '2026-09-07', hoursPerWeek: 10, weeks: 38, needsProfile: PROFILE,
      triagedOn: null, informationRequests: [], deadlines: { decision: { dueBy: '2026-10-05', status: 'due' } }, decision: null, payments: [], clawback: null, withdrawn: null,
      nextSteps: ['triage', 'request-information', 'approve', 'refuse', 'record-child-left', 'withdraw'],
    });
    expect(eyInclusionView(fold([applied]), '2026-10-06').deadlines.decision).toEqual({ dueBy: '2026-10-05', status: 'overdue' });
  });

  it('triaged', () => {
    const v = eyInclusionView(fold([applied, triaged]), '2026-09-11');
    expect([v.status, v.triagedOn]).toEqual(['triaged', '2026-09-10']);
    expect(v.nextSteps).toEqual(['request-information', 'approve', 'refuse', 'record-child-left', 'withdraw']);
  });

  it('awaiting information: the clock is paused', () => {
    const v = eyInclusionView(fold([applied, triaged, requested]), '2026-11-30');
    expect(v.status).toBe('awaiting-information');
    expect(v.deadlines.decision).toEqual({ dueBy: null, status: 'paused' });
    expect(v.informationRequests).toEqual([{ requestedOn: '2026-09-18', providedOn: null }]);
    expect(v.nextSteps).toEqual(['provide-information', 'approve', 'refuse', 'record-child-left', 'withdraw']);
  });

  it('answered: back to where it was, with the restarted clock', () => {
    const v = eyInclusionView(fold([applied, triaged, requested, provided]), '2026-12-14');
    expect(v.status).toBe('triaged');
    expect(v.deadlines.decision).toEqual({ dueBy: '2027-01-13', status: 'due' });
    expect(v.informationRequests).toEqual([{ requestedOn: '2026-09-18', providedOn: '2026-12-11' }]);
  });

  it('approved: the decision, the payments with what is paid, the deadline met', () => {
    const v = eyInclusionView(fold([applied, approved(), paidAutumn]), '2026-10-12');
    expect(v.status).toBe('approved');
    expect(v.deadlines.decision).toEqual({ dueBy: '2026-10-05', status: 'met' });
    expect(v.decision).toEqual({ outcome: 'approved', on: '2026-10-02', withinTime: true, level: 'targeted', hourlyPence: 945, from: '2026-09-07', to: '2027-07-16', amountPence: 359_100 });
    expect(v.payments).toEqual([
      { periodId: '2026-27-2-autumn', from: '2026-09-07', to: '2026-12-31', pence: 133_085, paid: true, paidOn: '2026-10-09', cancelled: false },
      { periodId: '2026-27-3-spring', from: '2027-01-01', to: '2027-03-31', pence: 103_256, paid: false, paidOn: null, cancelled: false },
      { periodId: '2027-28-1-summer', from: '2027-04-01', to: '2027-07-16', pence: 122_759, paid: false, paidOn: null, cancelled: false },
    ]);
    expect(v.nextSteps).toEqual(['record-payment', 'record-child-left']);
  });

  it('approved late: the deadline missed', () => {
    expect(eyInclusionView(fold([applied, approved(false)]), '2026-10-12').deadlines.decision).toEqual({ dueBy: '2026-10-05', status: 'missed' });
  });

  it('refused', () => {
    const v = eyInclusionView(fold([applied, { type: 'EyInclusionFundingRefused', data: { refusedOn: '2026-10-02', reasonCodes: ['insufficient-evidence'], reasonsDocumentId: 'd-4', withinTime: true } }]), '2026-10-12');
    expect([v.status, v.decision, v.payments, v.nextSteps]).toEqual(['refused', { outcome: 'refused', on: '2026-10-02', withinTime: true, reasonCodes: ['insufficient-evidence'] }, [], []]);
  });

  it('the child left: the clawback, the cancelled lines, nothing more to pay', () => {
    const v = eyInclusionView(fold([applied, approved(), paidAutumn, left]), '2026-11-27');
    expect(v.status).toBe('child-left');
    expect(v.clawback).toEqual({ lastDay: '2026-11-20', fundedDays: 313, fundedDaysUpToLastDay: 75, earnedPence: 86_046, paidPence: 133_085, clawbackPence: 47_039, balancePence: 0 });
    expect(v.payments.map((p) => [p.periodId, p.paid, p.cancelled])).toEqual([['2026-27-2-autumn', true, false], ['2026-27-3-spring', false, true], ['2027-28-1-summer', false, true]]);
    expect(v.nextSteps).toEqual([]);
  });

  it('the child left with a balance to pay: it is a payment line', () => {
    const v = eyInclusionView(fold([applied, approved(), { ...left, data: { ...left.data, paidPence: 0, clawbackPence: 0, cancelledPeriodIds: SCHEDULE.map((l) => l.periodId), balance: { periodId: 'balance', from: '2026-09-07', to: '2026-11-20', pence: 86_046 } } } as Event]), '2026-11-27');
    expect(v.payments[3]).toEqual({ periodId: 'balance', from: '2026-09-07', to: '2026-11-20', pence: 86_046, paid: false, paidOn: null, cancelled: false });
    expect(v.clawback?.balancePence).toBe(86_046);
    expect(v.nextSteps).toEqual(['record-payment']);
  });

  it('withdrawn undecided: the deadline ended', () => {
    const v = eyInclusionView(fold([applied, { type: 'EyInclusionApplicationWithdrawn', data: { withdrawnOn: '2026-09-25', childLeftSetting: true } }]), '2026-10-12');
    expect([v.status, v.deadlines.decision, v.withdrawn, v.nextSteps]).toEqual(['withdrawn', { dueBy: '2026-10-05', status: 'ended' }, { on: '2026-09-25', childLeftSetting: true }, []]);
  });

  it('there is no view of no application', () => expect(() => eyInclusionView(initialState(), '2026-10-12')).toThrow());
});
