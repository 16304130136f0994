import { join } from 'node:path';
import { describeClosedContract } from '@ehc/testing';
import { ORDER_STEPS } from '@ehc/contracts/tribunal';
import decision from './fixtures/review-decision-made.v1.json';
import stepCompleted from './fixtures/tribunal-order-step-completed.v1.json';
import { AMENDED_PLAN_ISSUED_V1, DUAL_REGISTRATION_AGREED_V1, annualReviewSchemas, REVIEW_DECISION_MADE_V1, TRIBUNAL_ORDER_STEP_COMPLETED_V1 } from './index';

// A setting's name is the one name a published event may carry: an institution's, never a person's.
const validators = describeClosedContract('annual-review published contract', annualReviewSchemas, join(__dirname, 'fixtures'), {
  [AMENDED_PLAN_ISSUED_V1]: ['namedSetting.name'], [DUAL_REGISTRATION_AGREED_V1]: ['special.name', 'mainstream.name'],
});

describe('annual-review published contract: its own rules', () => {
  it('the schema rejects data missing a required field, with a bad date or with an outcome reg 20(10) does not know', () => {
    const validate = validators[REVIEW_DECISION_MADE_V1];
    const { decidedOn: _omitted, ...missing } = decision.data;
    expect(validate(missing)).toBe(false);
    expect(validate({ ...decision.data, decidedOn: '01/06/2026' })).toBe(false);
    expect(validate({ ...decision.data, outcome: 'maintain, with changes to section F' })).toBe(false);
  });

  it('a completed order step is one of the tribunal\'s steps that a plan takes, with the order\'s own id', () => {
    const validate = validators[TRIBUNAL_ORDER_STEP_COMPLETED_V1];
    for (const step of ['amended-plan', 'continue-maintaining', 'plan-ceased']) {
      expect(ORDER_STEPS).toContain(step);
      expect(validate({ ...stepCompleted.data, step })).toBe(true);
    }
    expect(validate({ ...stepCompleted.data, step: 'final-plan' })).toBe(false);
    expect(validate({ ...stepCompleted.data, planId: 'ehcna-0b6f7e0c-1d2a-4f3b-8c9d-5e6f7a8b9c0d' })).toBe(false);
    expect(validate({ ...stepCompleted.data, completedOn: '16/11/2026' })).toBe(false);
  });
});
