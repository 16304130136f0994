import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import requested from './fixtures/needs-assessment-requested.v1.json';
import { needsAssessmentSchemas, NEEDS_ASSESSMENT_REQUESTED_V1 } from './index';

const ajv = addFormats(new Ajv({ allErrors: true }));

describe('needs-assessment published contract', () => {
  it('the NeedsAssessmentRequested.v1 fixture satisfies its schema', () => {
    const validate = ajv.compile(needsAssessmentSchemas[NEEDS_ASSESSMENT_REQUESTED_V1]);
    expect(validate(requested.data)).toBe(true);
  });

  it('the schema rejects data missing a required field or with a bad date', () => {
    const validate = ajv.compile(needsAssessmentSchemas[NEEDS_ASSESSMENT_REQUESTED_V1]);
    const { receivedOn: _omitted, ...missing } = requested.data;
    expect(validate(missing)).toBe(false);
    expect(validate({ ...requested.data, receivedOn: '05/01/2026' })).toBe(false);
  });
});
