import { planFundingSteps } from './funding-steps';
import { tribunalBody } from './tribunal-steps';
import { tribunalProblemErrors } from '../tribunal/tribunal-pages';

const date = (name: string, d: string) => {
  const [year, month, day] = d.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
};
const BANDS = [
  { band: 'C', settingType: 'mainstream', annualPence: 1_200_000, validFrom: '2026-04-01', validTo: null },
  { band: 'S2', settingType: 'special', annualPence: 2_100_050, validFrom: '2026-04-01', validTo: null },
];
const awaiting = {
  awaitingFunding: { namedSetting: { urn: '120345', name: 'Lincoln Castle Academy', type: 'mainstream' } },
  namedSetting: { urn: '120345', name: 'Lincoln Castle Academy', type: 'mainstream' },
  placements: [{ settingUrn: '120345', to: null }], topUps: [], personalBudget: { annualPence: 350_050 },
};
const steps = planFundingSteps(awaiting, BANDS, '2026-11-30');
const named = (name: string) => steps.find((s) => s.name === name)!;

describe('a plan\'s funding forms', () => {
  it('has a form for every command the API offers on a plan', () => {
    expect(steps.map((s) => s.name)).toEqual([
      'agree-top-up', 'record-top-up-not-required', 'change-band', 'request-funding-increase', 'decide-funding-increase', 'end-top-up',
      'start-placement', 'end-placement', 'agree-personal-budget', 'refuse-personal-budget', 'start-direct-payment', 'stop-direct-payment',
    ]);
  });

  it('offers the matrix\'s bands and prefills the setting the plan names', () => {
    const agree = named('agree-top-up');
    const band = agree.fields.find((f) => f.name === 'band')!;
    expect(band.kind === 'select' && band.options.map((o) => o.value)).toEqual(['C', 'S2']);
    expect(agree.defaults).toEqual({ settingUrn: '120345' });
    expect(named('end-placement').defaults).toEqual({ settingUrn: '120345' });
    // the direct payment's amount starts as the personal budget's, in pounds
    expect(named('start-direct-payment').defaults).toEqual({ annualPence: '3500.50' });
  });

  it('sends the top-up with its dates from their boxes, and leaves out a setting type not chosen', () => {
    const form = { ...date('on', '2026-09-14'), band: 'C', settingUrn: ' 120345 ', ...date('from', '2026-09-01'), settingType: '' };
    expect(tribunalBody(named('agree-top-up'), form)).toEqual({ body: { on: '2026-09-14', band: 'C', settingUrn: '120345', from: '2026-09-01' }, errors: [] });
  });

  it('says a date that does not exist is not a real date, beside its day box', () => {
    const { errors } = tribunalBody(named('agree-top-up'), { ...date('on', '2026-09-14'), band: 'C', settingUrn: '120345', 'from-day': '31', 'from-month': '2', 'from-year': '2026' });
    expect(errors).toEqual([{ text: 'First day funded must be a real date', href: '#agree-top-up-from-day', field: 'from' }]);
  });

  it('refuses a band that is not in the matrix', () => {
    const { errors } = tribunalBody(named('change-band'), { ...date('on', '2026-11-02'), band: 'Z', ...date('from', '2026-11-01') });
    expect(errors).toEqual([{ text: 'Select new band from the list', href: '#change-band-band', field: 'band' }]);
  });

  it('reads money typed in pounds as whole pence, never through a float', () => {
    const form = { ...date('on', '2026-09-14'), ...date('from', '2026-10-01'), annualPence: '£3,500.10' };
    expect(tribunalBody(named('agree-personal-budget'), form).body).toEqual({ on: '2026-09-14', from: '2026-10-01', annualPence: 350_010 });
    expect(tribunalBody(named('agree-personal-budget'), { ...form, annualPence: '0.1' }).body.annualPence).toBe(10);
    expect(tribunalBody(named('agree-personal-budget'), { ...form, annualPence: '3500.555' }).errors).toEqual([{
      text: 'Annual amount must be an amount in pounds and pence, like 3500 or 3500.50', href: '#agree-personal-budget-annualPence', field: 'annualPence',
    }]);
  });

  it('asks for the new band and its first day when a request for more funding is agreed, and sends neither when refused', () => {
    const decide = named('decide-funding-increase');
    expect(tribunalBody(decide, { ...date('on', '2026-10-19'), outcome: 'agreed' }).errors.map((e) => e.href)).toEqual(['#decide-funding-increase-band', '#decide-funding-increase-from-day']);
    expect(tribunalBody(decide, { ...date('on', '2026-10-19'), outcome: 'agreed', band: 'C', ...date('from', '2026-10-05') }).body)
      .toEqual({ on: '2026-10-19', outcome: 'agreed', band: 'C', from: '2026-10-05' });
    expect(tribunalBody(decide, { ...date('on', '2026-10-19'), outcome: 'refused', band: 'C', reasons: 'Met from the school\'s budget' }).body)
      .toEqual({ on: '2026-10-19', outcome: 'refused', reasons: 'Met from the school\'s budget' });
  });

  it('shows the API\'s refusal beside the field it names', () => {
    const errors = tribunalProblemErrors(named('agree-top-up'), { title: 'SettingTypeNeeded', errors: [{ field: 'settingType', rule: 'SettingTypeNeeded', message: 'band C has rates for mainstream, special: say which setting type 120999 is (settingType)' }] });
    expect(errors).toEqual([{ text: 'band C has rates for mainstream, special: say which setting type 120999 is (settingType)', href: '#agree-top-up-settingType', field: 'settingType' }]);
    expect(tribunalProblemErrors(named('agree-top-up'), { title: 'An effective date cannot be in the future', errors: [{ field: 'on', rule: 'DateInFuture', message: 'An effective date cannot be in the future' }] })[0].href)
      .toBe('#agree-top-up-on-day');
  });
});
