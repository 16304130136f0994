import { join } from 'node:path';
import { describeClosedContract } from '@ehc/testing';
import { ORDER_STEPS } from '@ehc/contracts/tribunal';
import requested from './fixtures/needs-assessment-requested.v1.json';
import stepCompleted from './fixtures/tribunal-order-step-completed.v1.json';
import { FINAL_PLAN_ISSUED_V1, needsAssessmentSchemas, NEEDS_ASSESSMENT_REQUESTED_V1, TRIBUNAL_ORDER_STEP_COMPLETED_V1 } from './index';

// A setting's name is the one name a published event may carry: an institution's, never a person's.
const validators = describeClosedContract('needs-assessment published contract', needsAssessmentSchemas, join(__dirname, 'fixtures'), { [FINAL_PLAN_ISSUED_V1]: ['namedSetting.name'] });

describe('needs-assessment published contract: its own rules', () => {
  it('the schema rejects data missing a required field or with a bad date', () => {
    const validate = validators[NEEDS_ASSESSMENT_REQUESTED_V1];
    const { receivedOn: _omitted, ...missing } = requested.data;
    expect(validate(missing)).toBe(false);
    expect(validate({ ...requested.data, receivedOn: '05/01/2026' })).toBe(false);
  });

  it('a completed order step is one of the tribunal\'s steps that an assessment case takes, with the order\'s own id', () => {
    const validate = validators[TRIBUNAL_ORDER_STEP_COMPLETED_V1];
    for (const step of ['notify', 'decision-not-to-issue', 'draft-plan', 'final-plan']) {
      expect(ORDER_STEPS).toContain(step);
      expect(validate({ ...stepCompleted.data, step })).toBe(true);
    }
    expect(validate({ ...stepCompleted.data, step: 'amended-plan' })).toBe(false);
    expect(validate({ ...stepCompleted.data, orderId: '1' })).toBe(false);
    expect(validate({ ...stepCompleted.data, completedOn: '12/11/2026' })).toBe(false);
  });
});
