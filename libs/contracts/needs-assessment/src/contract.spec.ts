import { join } from 'node:path';
import { describeClosedContract } from '@ehc/testing';
import requested from './fixtures/needs-assessment-requested.v1.json';
import { FINAL_PLAN_ISSUED_V1, needsAssessmentSchemas, NEEDS_ASSESSMENT_REQUESTED_V1 } from './index';

// A setting's name is the one name a published event may carry: an institution's, never a person's.
const validators = describeClosedContract('needs-assessment published contract', needsAssessmentSchemas, join(__dirname, 'fixtures'), { [FINAL_PLAN_ISSUED_V1]: ['namedSetting.name'] });

describe('needs-assessment published contract: its own rules', () => {
  it('the schema rejects data missing a required field or with a bad date', () => {
    const validate = validators[NEEDS_ASSESSMENT_REQUESTED_V1];
    const { receivedOn: _omitted, ...missing } = requested.data;
    expect(validate(missing)).toBe(false);
    expect(validate({ ...requested.data, receivedOn: '05/01/2026' })).toBe(false);
  });
});
