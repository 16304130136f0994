import { join } from 'node:path';
import { describeClosedContract } from '@ehc/testing';
import { TRIBUNAL_ORDER_MADE_V1, tribunalSchemas } from './index';
import order from './fixtures/tribunal-order-made.v1.json';

const validators = describeClosedContract('tribunal published contract', tribunalSchemas, join(__dirname, "fixtures"), {});

describe('tribunal published contract: its own rules', () => {
  it('an order names its kind from reg 44 and dates each step', () => {
    const validate = validators[TRIBUNAL_ORDER_MADE_V1];
    expect(validate(order.data)).toBe(true);
    expect(validate({ ...order.data, kind: 'do-something' })).toBe(false);
    expect(validate({ ...order.data, steps: [{ step: 'final-plan', dueBy: '08/02/2027' }] })).toBe(false);
  });
});
