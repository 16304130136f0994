import { join } from 'node:path';
import { describeClosedContract } from '@ehc/testing';
import { COMMITMENT_CHANGED_V1, EOTAS_PACKAGE_APPROVED_V1, SCHEDULE_CHANGED_V1, fundingSchemas } from './index';
import commitment from './fixtures/commitment-changed.v1.json';
import schedule from './fixtures/schedule-changed.v1.json';

const validators = describeClosedContract('funding published contract', fundingSchemas, join(__dirname, 'fixtures'), {
  // an organisation's name, never a person's
  [EOTAS_PACKAGE_APPROVED_V1]: ['provider.name'],
});

describe('funding published contract: its own rules', () => {
  it('money is whole pence: a fraction of a penny is refused', () => {
    const validate = validators[COMMITMENT_CHANGED_V1];
    expect(validate(commitment.data)).toBe(true);
    const fractional = { ...commitment.data, commitments: [{ ...commitment.data.commitments[0], annualPence: 1200000.5 }] };
    expect(validate(fractional)).toBe(false);
  });

  it('a schedule line names its financial year as 2026-27, and an adjustment may be negative', () => {
    const validate = validators[SCHEDULE_CHANGED_V1];
    const line = schedule.data.lines[0];
    expect(validate({ ...schedule.data, lines: [{ ...line, pence: -1234 }] })).toBe(true);
    expect(validate({ ...schedule.data, lines: [{ ...line, fy: '2026/27' }] })).toBe(false);
  });
});
