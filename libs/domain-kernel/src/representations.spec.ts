import { mayFinalise, type RepresentationsOnFile } from './representations';
import { fail, ok } from './result';

// worked example 8: draft served Fri 2026-04-17; the family's 15 days end Fri 05-01
const served: RepresentationsOnFile = { servedOn: '2026-04-17', finalResponse: false, meetingRequested: false, meetingHeld: false };

describe('finalising after the family\'s 15 days (reg 13(1), reg 22(2))', () => {
  it('not inside the 15 days without a final response, even when the family has responded', () => {
    expect(mayFinalise(served, '2026-05-01', 'allowed')).toEqual(fail('RepresentationsWindowOpen'));
    expect(mayFinalise(served, '2026-04-20', 'allowed')).toEqual(fail('RepresentationsWindowOpen'));
  });

  it('from served + 15', () => expect(mayFinalise(served, '2026-05-02', 'forbidden')).toEqual(ok(true)));

  it('earlier on a final response (no further representations, no meeting) where local policy allows it', () => {
    expect(mayFinalise({ ...served, finalResponse: true }, '2026-04-24', 'allowed')).toEqual(ok(true));
    expect(mayFinalise({ ...served, finalResponse: true }, '2026-04-24', 'forbidden')).toEqual(fail('RepresentationsWindowOpen'));
  });

  it('never while a meeting the family asked for has not been held, whatever the date', () => {
    expect(mayFinalise({ ...served, meetingRequested: true }, '2026-06-01', 'allowed')).toEqual(fail('RequestedMeetingNotHeld'));
    expect(mayFinalise({ ...served, meetingRequested: true, meetingHeld: true }, '2026-06-01', 'allowed')).toEqual(ok(true));
  });
});
