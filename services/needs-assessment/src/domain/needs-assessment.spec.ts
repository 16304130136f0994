import { deciderSpec } from '@ehc/testing';
import { needsAssessmentDecider, type Command, type Event } from './needs-assessment';

const given = deciderSpec(needsAssessmentDecider);

const record = (receivedOn: string, today = '2026-11-26'): Command => ({
  type: 'RecordNeedsAssessmentRequest',
  data: { reference: 'NA-2026-00001', childId: 'c-1', requestedBy: 'parent', receivedOn, caseworkerId: 'cw-1', today },
});
const requested = (receivedOn: string, decisionDueBy: string): Event => ({
  type: 'NeedsAssessmentRequested',
  data: { reference: 'NA-2026-00001', childId: 'c-1', requestedBy: 'parent', receivedOn, caseworkerId: 'cw-1', decisionDueBy },
});

describe('recording a request for an EHC needs assessment', () => {
  describe('on a new case', () => {
    it.each([
      // worked examples 1, 3 and 4 of the domain reference: 6 weeks, never moved for weekends or bank holidays
      ['2026-01-05', '2026-02-16'],
      ['2026-03-07', '2026-04-18'],
      ['2026-11-16', '2026-12-28'],
    ])('a request received %s is due a decision by %s', (receivedOn, due) =>
      given([]).when(record(receivedOn)).then([requested(receivedOn, due)]));

    it('accepts a request recorded on the day it arrived', () =>
      given([]).when(record('2026-11-26', '2026-11-26')).then([requested('2026-11-26', '2027-01-07')]));

    it('refuses a received date after today', () =>
      given([]).when(record('2026-11-27', '2026-11-26')).thenFails('DateInFuture'));
  });

  describe('on a case that already has its request', () => {
    it('refuses a second request on the same case', () =>
      given([requested('2026-01-05', '2026-02-16')]).when(record('2026-01-06')).thenFails('RequestAlreadyRecorded'));
  });
});
