import { EY_APPLICATION_STEP, eyApplicationSteps, EOTAS_PROPOSAL_STEP, eotasPackageSteps } from './ey-eotas-steps';
import { tribunalBody } from './tribunal-steps';
import { tribunalProblemErrors } from '../tribunal/tribunal-pages';

const date = (name: string, d: string) => {
  const [year, month, day] = d.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
};
const ratings = (name: string, values: number[]) => Object.fromEntries(values.map((v, i) => [`${name}-${i}`, String(v)]));
const CHILD = '6d5c4b3a-2f1e-4d0c-8b9a-7f6e5d4c3b2a';
const PLAN = '8b1e4f2a-6c3d-4e5f-8a9b-0c1d2e3f4a5b';
const application = {
  childId: CHILD, settingUrn: 'ey123456', ...date('appliedOn', '2026-11-02'), hoursPerWeek: '7.5', weeks: '38', support: 'A key person one to one',
  ...ratings('needs', [3, 4, 2, 3, 3]), ...ratings('settingReadiness', [2, 2, 3, 2, 3]), ...ratings('familyConfidence', [3, 2, 3, 3, 2]),
};

describe('the early years inclusion forms', () => {
  it('sends an application as the API takes it: hours to two decimals, the URN in capitals, the needs profile nested', () => {
    expect(tribunalBody(EY_APPLICATION_STEP, application)).toEqual({
      body: {
        childId: CHILD, settingUrn: 'EY123456', appliedOn: '2026-11-02', hoursPerWeek: 7.5, weeks: 38, support: 'A key person one to one',
        needsProfile: { needs: [3, 4, 2, 3, 3], settingReadiness: [2, 2, 3, 2, 3], familyConfidence: [3, 2, 3, 3, 2] },
      },
      errors: [],
    });
  });

  it('asks for a rating in every domain, beside the first radio of the domain missing one', () => {
    const { errors } = tribunalBody(EY_APPLICATION_STEP, { ...application, 'settingReadiness-3': '' });
    expect(errors).toEqual([{ text: 'Select a setting readiness rating for every domain', href: '#apply-settingReadiness-3', field: 'settingReadiness' }]);
  });

  it('refuses hours that are not a number from more than 0 to 30, and an id that is not the hub\'s', () => {
    const { errors } = tribunalBody(EY_APPLICATION_STEP, { ...application, hoursPerWeek: '31', childId: 'Nia' });
    expect(errors.map((e) => [e.field, e.href])).toEqual([['childId', '#apply-childId'], ['hoursPerWeek', '#apply-hoursPerWeek']]);
    expect(tribunalBody(EY_APPLICATION_STEP, { ...application, hoursPerWeek: '7.555' }).errors.map((e) => e.field)).toEqual(['hoursPerWeek']);
  });

  it('shows the API\'s refusal of a rating beside its line', () => {
    expect(tribunalProblemErrors(EY_APPLICATION_STEP, { title: 'Malformed', errors: [{ field: 'needsProfile.familyConfidence', message: 'five ratings from 1 to 5' }] }))
      .toEqual([{ text: 'five ratings from 1 to 5', href: '#apply-familyConfidence-0', field: 'familyConfidence' }]);
  });

  it('offers the levels of the rates table and only the payments still to make', () => {
    const steps = eyApplicationSteps({
      payments: [
        { periodId: '2026-27-2-autumn', from: '2026-11-02', to: '2026-12-31', pence: 83_171, paid: true, paidOn: '2026-11-27', cancelled: false },
        { periodId: '2026-27-3-spring', from: '2027-01-01', to: '2027-03-31', pence: 124_757, paid: false, paidOn: null, cancelled: false },
      ],
    }, [{ level: 'targeted', hourlyPence: 1_250, validFrom: '2026-04-01', validTo: null }], '2026-11-30');
    expect(steps.map((s) => s.name)).toEqual(['triage', 'request-information', 'provide-information', 'approve', 'refuse', 'record-payment', 'record-child-left', 'withdraw']);
    const approve = steps.find((s) => s.name === 'approve')!;
    expect(tribunalBody(approve, { ...date('on', '2026-11-20'), level: 'targeted', ...date('from', '2026-11-02'), ...date('to', '2027-07-16') }).body)
      .toEqual({ on: '2026-11-20', level: 'targeted', from: '2026-11-02', to: '2027-07-16' });
    expect(tribunalBody(approve, { ...date('on', '2026-11-20'), level: 'premium', ...date('from', '2026-11-02'), ...date('to', '2027-07-16') }).errors[0].href).toBe('#approve-level');
    const payment = steps.find((s) => s.name === 'record-payment')!.fields.find((f) => f.name === 'periodId')!;
    expect(payment.kind === 'radios' && payment.options).toEqual([{ value: '2026-27-3-spring', text: 'Spring term 2027' }]);
    const refuse = steps.find((s) => s.name === 'refuse')!;
    expect(tribunalBody(refuse, { ...date('on', '2026-11-25'), reasonCodes: 'insufficient-evidence', reasons: 'No SEN support plan' }).body)
      .toEqual({ on: '2026-11-25', reasonCodes: ['insufficient-evidence'], reasons: 'No SEN support plan' });
  });
});

describe('the EOTAS package forms', () => {
  const proposal = {
    planId: PLAN, childId: CHILD, ...date('proposedOn', '2026-11-02'), providerName: 'Wolds Learning Partnership CIC', ukprn: '', unregulated: 'yes',
    checksDone: ['dbs-checks', 'insurance'], weeklyCostPence: '£425.50', ...date('startOn', '2026-11-16'), ...date('reviewDate', '2027-03-15'),
  };

  it('sends a proposal with the provider nested and the weekly cost in pence', () => {
    expect(tribunalBody(EOTAS_PROPOSAL_STEP, proposal)).toEqual({
      body: {
        planId: PLAN, childId: CHILD, proposedOn: '2026-11-02', provider: { name: 'Wolds Learning Partnership CIC', ukprn: null, unregulated: true },
        checksDone: ['dbs-checks', 'insurance'], weeklyCostPence: 42_550, startOn: '2026-11-16', reviewDate: '2027-03-15',
      },
      errors: [],
    });
  });

  it('refuses a UKPRN that is not 8 digits starting 1, beside it; and names the API\'s provider faults beside the provider\'s fields', () => {
    expect(tribunalBody(EOTAS_PROPOSAL_STEP, { ...proposal, ukprn: '2000' }).errors).toEqual([
      { text: 'Provider\'s UKPRN must be 8 digits starting 1, like 10003899', href: '#propose-ukprn', field: 'ukprn' },
    ]);
    expect(tribunalProblemErrors(EOTAS_PROPOSAL_STEP, { errors: [{ field: 'provider.name', message: 'required' }] })[0].href).toBe('#propose-providerName');
    expect(tribunalProblemErrors(EOTAS_PROPOSAL_STEP, { errors: [{ field: 'reviewDate', rule: 'ReviewDateNotAfter', message: 'after the start' }] })[0].href).toBe('#propose-reviewDate-day');
  });

  it('offers a check for each one outstanding, and a review that keeps the cost from the review\'s day unless told', () => {
    const steps = eotasPackageSteps({ checks: { outstanding: ['qualifications', 'references'] } });
    expect(steps.map((s) => s.name)).toEqual(['record-check', 'approve', 'decline', 'review', 'end']);
    const check = steps[0].fields.find((f) => f.name === 'check')!;
    expect(check.kind === 'radios' && check.options.map((o) => o.value)).toEqual(['qualifications', 'references']);
    const review = steps.find((s) => s.name === 'review')!;
    expect(tribunalBody(review, { ...date('on', '2026-11-27'), weeklyCostPence: '450', ...date('nextReviewDate', '2027-02-15') }).body)
      .toEqual({ on: '2026-11-27', weeklyCostPence: 45_000, nextReviewDate: '2027-02-15' });
  });
});
