import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { annualReviewSchemas } from './index';

const ajv = addFormats(new Ajv({ allErrors: true }));
const fixtures = readdirSync(join(__dirname, 'fixtures')).filter((f) => f.endsWith('.json'));

describe('annual-review published contract', () => {
  it('has a fixture for every published type', () => {
    const types = fixtures.map((f) => JSON.parse(readFileSync(join(__dirname, 'fixtures', f), 'utf8')).type);
    expect(types.sort()).toEqual(Object.keys(annualReviewSchemas).sort());
  });

  it.each(fixtures)('fixture %s satisfies its schema', (file) => {
    const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', file), 'utf8'));
    const validate = ajv.compile(annualReviewSchemas[fixture.type]);
    expect(validate(fixture.data) || validate.errors).toBe(true);
  });
});
