import { ProblemException } from '@ehc/http';
import { rateOn } from '../../domain/ey-inclusion/rates';
import { applicationCommand, applicationDocuments, ApplicationBody, readApplicationBody } from './bodies';
import { EY_INCLUSION_COMMANDS, type EyContext } from './commands';

const RATES = [{ level: 'targeted', hourlyPence: 945, validFrom: '2026-04-01' }, { level: 'targeted', hourlyPence: 980, validFrom: '2027-04-01' }];
const context: EyContext = { applicationId: 'a-1', today: '2027-08-31', rate: (level, on) => rateOn(RATES, level, on) };
const named = (name: string) => EY_INCLUSION_COMMANDS.find((c) => c.name === name)!;
const fieldsAtFault = (read: () => unknown): string[] => {
  try {
    read();
  } catch (e) {
    if (e instanceof ProblemException) return (e.problem.errors ?? []).map((f) => f.field);
    throw e;
  }
  throw new Error('the body was accepted');
};

describe('the commands on an application', () => {
  it('are the API\'s names', () =>
    expect(EY_INCLUSION_COMMANDS.map((c) => c.name)).toEqual(['triage', 'request-information', 'provide-information', 'approve', 'refuse', 'record-payment', 'record-child-left', 'withdraw']));

  it.each(EY_INCLUSION_COMMANDS.map((c) => [c.name, c] as const))('%s: its example reads and builds a command carrying today', (_name, definition) => {
    const read = definition.read(definition.example);
    const command = read.build(context, read.documents.map((d, i) => (d ? `doc-${i}` : null)));
    expect(command.data.today).toBe('2027-08-31');
    expect((command.data as { on: string }).on).toBe(definition.example.on);
  });

  it('approve looks the rate up on the funded period\'s first day', () => {
    const read = named('approve').read({ on: '2026-10-02', level: 'targeted', from: '2027-04-01', to: '2027-07-16' });
    expect(read.build(context, [])).toEqual({ type: 'ApproveEyInclusionFunding', data: { on: '2026-10-02', today: '2027-08-31', level: 'targeted', hourlyPence: 980, from: '2027-04-01', to: '2027-07-16' } });
  });
  it('approve at a level with no rate still builds a command, for the decider to refuse (UnknownRateLevel)', () => {
    const read = named('approve').read({ on: '2026-10-02', level: 'specialist', from: '2026-09-07', to: '2027-07-16' });
    expect(read.build(context, [])).toMatchObject({ data: { level: 'specialist', hourlyPence: null } });
  });
  it('refuse keeps its reasons outside the event; no reason code is the decider\'s 422, not a 400', () => {
    const read = named('refuse').read({ on: '2026-10-02', reasonCodes: [], reasons: 'No evidence of need beyond universal provision' });
    expect(read.documents).toEqual([{ kind: 'ey-inclusion-refusal-reasons', content: { text: 'No evidence of need beyond universal provision' } }]);
    expect(read.build(context, ['doc-r'])).toEqual({ type: 'RefuseEyInclusionFunding', data: { on: '2026-10-02', today: '2027-08-31', reasonCodes: [], reasonsDocumentId: 'doc-r' } });
  });
  it('refuse names an unknown reason code and missing reasons in one 400', () =>
    expect(fieldsAtFault(() => named('refuse').read({ on: '2026-10-02', reasonCodes: ['too-expensive'] }))).toEqual(['reasons', 'reasonCodes.0']));
  it('request-information and provide-information keep their text outside the events', () => {
    const request = named('request-information').read({ on: '2026-09-18', questions: 'Which targets?' });
    expect(request.documents).toEqual([{ kind: 'ey-inclusion-questions', content: { text: 'Which targets?' } }]);
    expect(request.build(context, ['doc-q'])).toEqual({ type: 'RequestMoreInformation', data: { on: '2026-09-18', today: '2027-08-31', questionsDocumentId: 'doc-q' } });
    const answer = named('provide-information').read({ on: '2026-09-25', answer: 'These.' });
    expect(answer.build(context, ['doc-a'])).toEqual({ type: 'ProvideMoreInformation', data: { on: '2026-09-25', today: '2027-08-31', answerDocumentId: 'doc-a' } });
  });
  it('record-payment takes a term or the balance', () => {
    expect(named('record-payment').read({ on: '2026-11-27', periodId: 'balance' }).build(context, [])).toEqual({ type: 'RecordEyInclusionPayment', data: { on: '2026-11-27', today: '2027-08-31', periodId: 'balance' } });
    expect(fieldsAtFault(() => named('record-payment').read({ on: '2026-10-09', periodId: 'autumn' }))).toEqual(['periodId']);
  });
});

describe('the application body', () => {
  const example = (ApplicationBody as unknown as { examples: Record<string, unknown>[] }).examples[0];

  it('its example is valid, and builds the application with its documents', () => {
    const { value } = readApplicationBody(example);
    const documents = applicationDocuments(value);
    expect(documents.map((d) => d?.kind)).toEqual(['ey-inclusion-support', 'ey-inclusion-evidence']);
    expect(applicationCommand(value, { applicationId: 'a-1', today: '2026-09-07', decisionWorkingDays: 20 }, ['doc-s', 'doc-e'])).toEqual({
      type: 'ApplyForEyInclusionFunding',
      data: {
        applicationId: 'a-1', childId: '6d5c4b3a-2f1e-4d0c-8b9a-7f6e5d4c3b2a', settingUrn: 'EY123456', appliedOn: '2026-09-07', hoursPerWeek: 10, weeks: 38,
        supportDocumentId: 'doc-s', evidenceDocumentId: 'doc-e',
        needsProfile: { needs: [3, 4, 2, 3, 3], settingReadiness: [2, 2, 3, 2, 3], familyConfidence: [3, 2, 3, 3, 2] }, decisionWorkingDays: 20, today: '2026-09-07',
      },
    });
  });
  it('evidence is optional', () => {
    const { evidence: _evidence, ...without } = example;
    const { value } = readApplicationBody(without);
    expect(applicationDocuments(value)[1]).toBeNull();
    expect(applicationCommand(value, { applicationId: 'a-1', today: '2026-09-07', decisionWorkingDays: 20 }, ['doc-s', null]).data).toMatchObject({ evidenceDocumentId: null });
  });
  it('names every field at fault in one 400', () => {
    expect(fieldsAtFault(() => readApplicationBody({
      ...example, childId: 'not-a-uuid', settingUrn: 'Little Acorns', appliedOn: '2026-02-30', hoursPerWeek: 31, weeks: 2.5, support: '',
      needsProfile: { needs: [3, 4, 2, 3], settingReadiness: [2, 2, 3, 2, 6], familyConfidence: [3, 2, 3, 3, 2] },
    })).sort()).toEqual(['appliedOn', 'childId', 'hoursPerWeek', 'needsProfile.needs', 'needsProfile.settingReadiness.4', 'settingUrn', 'support', 'weeks']);
    expect(fieldsAtFault(() => readApplicationBody({ ...example, hoursPerWeek: 0 }))).toEqual(['hoursPerWeek']);
  });
  it('a UKPRN names the setting too', () => expect(readApplicationBody({ ...example, settingUrn: '10012345' }).value.settingUrn).toBe('10012345'));
});
