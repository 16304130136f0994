import { appealSteps, formFieldFor, type AppealForForms, MEDIATION_STEPS, OPEN_WINDOW, REQUEST_MEDIATION, registerAppeal, tribunalBody, type TribunalStep } from './tribunal-steps';
import { tribunalProblemErrors } from '../tribunal/tribunal-pages';

const date = (name: string, d: string) => {
  const [year, month, day] = d.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
};
const named = (steps: TribunalStep[], name: string) => steps.find((s) => s.name === name)!;

const appeal: AppealForForms = {
  grounds: [{ section: 'B' }, { section: 'F' }],
  orders: [{
    orderId: 'order-1', kind: 'amend-special-educational-provision', status: 'due',
    deadlines: { 'amended-plan': { step: 'amended-plan', due: '2026-12-07', done: null } },
  }, {
    orderId: 'order-2', kind: 'assess-or-reassess', status: 'complied-with',
    deadlines: { notify: { step: 'notify', due: '2026-11-16', done: '2026-11-10' } },
  }],
};

describe('a window opened by hand', () => {
  it('sends the decision with its source, the letter date from its three boxes, and leaves out what was not given', () => {
    const form = { sourceService: 'before-the-hub', sourceId: 'LEG-2291', decisionType: 'refusal-to-assess', ...date('letterOn', '2026-03-02') };
    expect(tribunalBody(OPEN_WINDOW, form)).toEqual({
      body: { source: { service: 'before-the-hub', id: 'LEG-2291' }, decisionType: 'refusal-to-assess', letterOn: '2026-03-02' }, errors: [],
    });
  });

  it('sends no source for a decision before the hub with no reference, and one before the hub for a reference alone', () => {
    const form = { decisionType: 'cease', ...date('letterOn', '2026-03-02') };
    expect(tribunalBody(OPEN_WINDOW, form).body).toEqual({ decisionType: 'cease', letterOn: '2026-03-02' });
    expect(tribunalBody(OPEN_WINDOW, { ...form, sourceId: 'LEG-7' }).body.source).toEqual({ service: 'before-the-hub', id: 'LEG-7' });
  });

  it('asks for the case or plan of a decision made in the hub', () => {
    const { errors } = tribunalBody(OPEN_WINDOW, { sourceService: 'annual-review', decisionType: 'cease', ...date('letterOn', '2026-03-02') });
    expect(errors).toEqual([{ field: 'sourceId', href: '#open-window-sourceId', text: 'Enter the id of the case or plan the decision was made on' }]);
  });

  it('says what is missing, against its field', () => {
    const { errors } = tribunalBody(OPEN_WINDOW, { sourceId: 'LEG-1', ...date('letterOn', '2026-02-30') });
    expect(errors.map((e) => [e.field, e.href, e.text])).toEqual([
      ['decisionType', '#open-window-decisionType', 'Select the decision'],
      ['letterOn', '#open-window-letterOn-day', 'The date the decision letter was sent must be a real date'],
    ]);
  });

  it('shows the API\'s fault in the source beside the field it stands for', () => {
    const errors = tribunalProblemErrors(OPEN_WINDOW, { status: 400, errors: [{ field: 'source.id', rule: 'Required', message: 'Enter the source\'s id' }] });
    expect(errors).toEqual([{ field: 'sourceId', href: '#open-window-sourceId', text: 'Enter the source\'s id' }]);
    expect(formFieldFor(OPEN_WINDOW, 'source.service')).toBe('sourceService');
    expect(formFieldFor(OPEN_WINDOW, 'letterOn')).toBe('letterOn');
    expect(formFieldFor(OPEN_WINDOW, 'nothing.here')).toBeUndefined();
  });

  it('shows a broken rule in its words when it names no field', () => {
    const errors = tribunalProblemErrors(OPEN_WINDOW, { status: 409, title: 'This decision already has an appeal window' });
    expect(errors).toEqual([{ field: 'sourceService', href: '#open-window-sourceService', text: 'This decision already has an appeal window' }]);
  });
});

describe('a request for mediation', () => {
  it('sends yes and no as true and false, and the issues one a line', () => {
    const form = { ...date('requestedOn', '2026-03-20'), wantsMediation: 'yes', healthInvolved: 'no', issues: 'Speech and language therapy\r\n\r\n  The named school \n' };
    expect(tribunalBody(REQUEST_MEDIATION, form).body).toEqual({
      requestedOn: '2026-03-20', wantsMediation: true, healthInvolved: false, issues: ['Speech and language therapy', 'The named school'],
    });
  });

  it('sends no issues when none are typed', () => {
    expect(JSON.parse(JSON.stringify(tribunalBody(REQUEST_MEDIATION, { ...date('requestedOn', '2026-03-20'), wantsMediation: 'no' }).body)))
      .toEqual({ requestedOn: '2026-03-20', wantsMediation: false });
  });
});

describe('an appeal registered', () => {
  it('offers the appeals the decision opens (s.51), from the kernel', () => {
    const types = (decision: string) => (registerAppeal(decision).fields.find((f) => f.name === 'type') as { options: { value: string }[] }).options.map((o) => o.value);
    expect(types('final-plan')).toEqual(['contents', 'section-i-only']);
    expect(types('refusal-to-assess')).toEqual(['refusal-to-assess']);
    expect(types('cease')).toEqual(['cease']);
  });

  it('sends the sections appealed as grounds', () => {
    const form = { ...date('registeredOn', '2026-05-01'), type: 'contents', grounds: ['B', 'F'], lateAppealAdmitted: 'no' };
    expect(tribunalBody(registerAppeal('final-plan'), form).body).toEqual({
      registeredOn: '2026-05-01', type: 'contents', grounds: [{ section: 'B' }, { section: 'F' }], lateAppealAdmitted: false,
    });
  });

  it('takes one section ticked (a single value, not a list) and ignores a value not offered', () => {
    const form = { ...date('registeredOn', '2026-05-01'), type: 'contents', grounds: 'I' };
    expect(tribunalBody(registerAppeal('final-plan'), form).body.grounds).toEqual([{ section: 'I' }]);
    expect(tribunalBody(registerAppeal('final-plan'), { ...form, grounds: ['Z'] }).body.grounds).toBeUndefined();
  });
});

describe('a mediation\'s commands', () => {
  it('sends the agreement\'s actions with their dates, and the terms', () => {
    const form = { ...date('on', '2026-04-02'), action1: 'Speech and language therapy assessment', ...date('action1DueBy', '2026-05-01'), terms: 'Weekly therapy' };
    expect(tribunalBody(named(MEDIATION_STEPS, 'record-agreement'), form)).toEqual({
      body: { on: '2026-04-02', actions: [{ description: 'Speech and language therapy assessment', dueBy: '2026-05-01' }], terms: 'Weekly therapy' }, errors: [],
    });
  });

  it('asks for the date of an action given without one', () => {
    const { errors } = tribunalBody(named(MEDIATION_STEPS, 'record-agreement'), { ...date('on', '2026-04-02'), action2: 'A review meeting' });
    expect(errors).toEqual([{ field: 'action2DueBy', href: '#record-agreement-action2DueBy-day', text: 'Enter the date action 2 is due by' }]);
  });

  it('sends the date a mediation takes place beside the day it was arranged', () => {
    expect(tribunalBody(named(MEDIATION_STEPS, 'arrange'), { ...date('on', '2026-03-25'), ...date('takesPlaceOn', '2026-04-01') }).body)
      .toEqual({ on: '2026-03-25', takesPlaceOn: '2026-04-01' });
  });
});

describe('an appeal\'s commands', () => {
  const steps = appealSteps(appeal);

  it('asks how each ground appealed was decided, and sends the orders, the costs and the grounds decided', () => {
    const outcome = named(steps, 'record-outcome');
    expect(outcome.fields.map((f) => f.name)).toEqual(['on', 'outcome', 'ground-B', 'ground-F', 'orders', 'amendmentOrdered', 'costs']);
    const form = { ...date('on', '2026-11-02'), outcome: 'allowed-in-part', 'ground-B': 'upheld', 'ground-F': 'not-upheld', orders: 'amend-special-educational-provision', costs: 'none' };
    expect(tribunalBody(outcome, form).body).toEqual({
      on: '2026-11-02', outcome: 'allowed-in-part', grounds: [{ section: 'B', outcome: 'upheld' }, { section: 'F', outcome: 'not-upheld' }],
      orders: [{ kind: 'amend-special-educational-provision' }], costs: { awarded: false },
    });
  });

  it('sends costs against someone as awarded, and an amendment only with an overturned cease decision', () => {
    const form = { ...date('on', '2026-11-02'), outcome: 'allowed', orders: ['cease-decision-overturned'], amendmentOrdered: 'yes', costs: 'local-authority' };
    expect(tribunalBody(named(steps, 'record-outcome'), form).body).toEqual({
      on: '2026-11-02', outcome: 'allowed', orders: [{ kind: 'cease-decision-overturned', amendmentOrdered: true }], costs: { awarded: true, against: 'local-authority' },
    });
  });

  it('offers each step of an order not yet complied with, and sends the order and the step', () => {
    const compliance = named(steps, 'record-compliance');
    const choice = compliance.fields.find((f) => f.name === 'orderStep') as { options: { value: string; text: string }[] };
    expect(choice.options).toEqual([{ value: 'order-1|amended-plan', text: 'Amend the special educational needs or provision (sections B and F): Issue the amended EHC plan, due 7 December 2026' }]);
    expect(tribunalBody(compliance, { ...date('on', '2026-12-01'), orderStep: 'order-1|amended-plan' }).body).toEqual({ on: '2026-12-01', orderId: 'order-1', step: 'amended-plan' });
    expect(formFieldFor(compliance, 'orderId')).toBe('orderStep');
  });

  it('refuses a step not offered, as the form sees it', () => {
    const { errors } = tribunalBody(named(steps, 'record-compliance'), { ...date('on', '2026-12-01'), orderStep: '' });
    expect(errors.map((e) => e.text)).toEqual(['Select which step']);
  });

  it('sends an exception with its reason and the length of an absence', () => {
    const exception = named(steps, 'apply-compliance-exception');
    expect(tribunalBody(exception, { ...date('on', '2026-11-20'), orderId: 'order-1', reason: 'absence', absenceDays: '21' }).body)
      .toEqual({ on: '2026-11-20', orderId: 'order-1', reason: 'absence', absenceDays: 21 });
    expect(tribunalBody(exception, { ...date('on', '2026-11-20'), orderId: 'order-1', reason: 'absence', absenceDays: 'three weeks' }).errors.map((e) => e.href))
      .toEqual(['#apply-compliance-exception-absenceDays']);
  });

  it('offers no compliance forms when every order is complied with or there is none', () => {
    expect(appealSteps({ grounds: [], orders: [] }).map((s) => s.name)).toEqual(['send-response', 'list-hearing', 'record-outcome', 'concede', 'withdraw', 'respond-to-recommendations']);
  });
});
