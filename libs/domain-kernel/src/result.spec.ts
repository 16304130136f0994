import { fail, isFail, isOk, ok, type Result } from './result';

// The decider shape from STYLE §3 must type-check without casts (checked by tsc, run by Jest).
type Event = { type: 'Requested'; data: { receivedOn: string } } | { type: 'Decided'; data: { assess: boolean } };
type RuleBroken = 'RequestAlreadyRecorded' | 'NoRequestOnFile';
const decide = (alreadyRequested: boolean): Result<Event[], RuleBroken> =>
  alreadyRequested ? fail('RequestAlreadyRecorded') : ok([{ type: 'Requested', data: { receivedOn: '2026-01-05' } }]);

describe('Result', () => {
  it('carries a value or a named rule', () => {
    expect(decide(false)).toEqual({ ok: true, value: [{ type: 'Requested', data: { receivedOn: '2026-01-05' } }] });
    expect(decide(true)).toEqual({ ok: false, error: 'RequestAlreadyRecorded' });
  });

  it('narrows with isOk and isFail', () => {
    const result = decide(true);
    if (isOk(result)) throw new Error('expected a failure');
    const rule: RuleBroken = result.error;
    expect(rule).toBe('RequestAlreadyRecorded');
    expect(isFail(result)).toBe(true);
    expect(isOk(decide(false))).toBe(true);
  });
});
