import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import requested from './fixtures/needs-assessment-requested.v1.json';
import { needsAssessmentSchemas, NEEDS_ASSESSMENT_REQUESTED_V1 } from './index';

const ajv = addFormats(new Ajv({ allErrors: true }));
const fixtures = readdirSync(join(__dirname, 'fixtures')).filter((f) => f.endsWith('.json'));

describe('needs-assessment published contract', () => {
  it('has a fixture for every published type', () => {
    const types = fixtures.map((f) => JSON.parse(readFileSync(join(__dirname, 'fixtures', f), 'utf8')).type);
    expect(types.sort()).toEqual(Object.keys(needsAssessmentSchemas).sort());
  });

  it.each(fixtures)('fixture %s satisfies its schema', (file) => {
    const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', file), 'utf8'));
    const validate = ajv.compile(needsAssessmentSchemas[fixture.type]);
    expect(validate.errors ?? validate(fixture.data)).toBe(true);
  });

  it('the schema rejects data missing a required field or with a bad date', () => {
    const validate = ajv.compile(needsAssessmentSchemas[NEEDS_ASSESSMENT_REQUESTED_V1]);
    const { receivedOn: _omitted, ...missing } = requested.data;
    expect(validate(missing)).toBe(false);
    expect(validate({ ...requested.data, receivedOn: '05/01/2026' })).toBe(false);
  });
});
