import { join } from 'node:path';
import { describeClosedContract } from '@ehc/testing';
import { SURVEY_RESPONSE_RECEIVED_V1, surveysSchemas } from './index';
import response from './fixtures/survey-response-received.v1.json';

const validators = describeClosedContract('surveys published contract', surveysSchemas, join(__dirname, 'fixtures'), {});

describe('surveys published contract: its own rules', () => {
  const validate = validators[SURVEY_RESPONSE_RECEIVED_V1];

  it('a score is a whole number from 1 to 5', () => {
    expect(validate(response.data)).toBe(true);
    expect(validate({ ...response.data, scores: [{ question: 'feltListenedTo', score: 6 }] })).toBe(false);
    expect(validate({ ...response.data, scores: [{ question: 'feltListenedTo', score: 0 }] })).toBe(false);
    expect(validate({ ...response.data, scores: [{ question: 'feltListenedTo', score: 2.5 }] })).toBe(false);
  });

  it('carries no free text: a comment field is refused', () => {
    expect(validate({ ...response.data, comment: 'The caseworker was kind' })).toBe(false);
  });
});
