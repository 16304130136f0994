import { ruleProblem } from './problems';

describe('a broken rule as a problem', () => {
  it('an unknown application is a 404', () => expect(ruleProblem('NoSuchApplication').problem).toMatchObject({ status: 404, type: expect.stringMatching(/\/NoSuchApplication$/) }));
  it('a state that does not allow it is a 409', () => expect(ruleProblem('AlreadyDecided').problem.status).toBe(409));
  it('a request breaking a rule itself is a 422 naming the field', () =>
    expect(ruleProblem('UnknownRateLevel').problem).toMatchObject({ status: 422, errors: [{ field: 'level', rule: 'UnknownRateLevel' }] }));
  it('the application names its own date field', () =>
    expect(ruleProblem('DateInFuture', undefined, 'appliedOn').problem).toMatchObject({ status: 422, errors: [{ field: 'appliedOn' }] }));
});
