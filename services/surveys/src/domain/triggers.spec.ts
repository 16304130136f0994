import { cohortOf } from '@ehc/domain-kernel';
import type { TriggerRow } from './model';
import { DEFAULT_TRIGGERS, parseTriggerTable, resolveRespondent, triggerFor } from './triggers';

const row = (over: Partial<Record<keyof TriggerRow, unknown>> = {}) => ({
  service: 'needs-assessment', letterKind: 'final-plan', trigger: 'final-plan', respondent: 'rights-holder', questionSet: 'final-plan', ...over,
});

describe('the default trigger table', () => {
  it.each([
    ['needs-assessment', 'decision-to-assess', 'decision-to-assess', 'rights-holder', 'decision'],
    ['needs-assessment', 'refusal-to-assess', 'refusal-to-assess', 'rights-holder', 'decision'],
    ['needs-assessment', 'decision-not-to-issue', 'decision-not-to-issue', 'rights-holder', 'decision'],
    ['needs-assessment', 'final-plan', 'final-plan', 'rights-holder', 'final-plan'],
    ['annual-review', 'decision-to-maintain', 'review-decision', 'child-or-young-person', 'cyp-review'],
    ['annual-review', 'decision-to-amend', 'review-decision-setting', 'setting', 'setting-review'],
    ['annual-review', 'amended-plan', 'amended-plan', 'rights-holder', 'review'],
    ['annual-review', 'decision-not-to-amend', 'decision-not-to-amend', 'rights-holder', 'review'],
    ['tribunal', 'compliance-confirmed', 'disagreement-resolved', 'rights-holder', 'disagreement'],
  ] as const)('%s %s invites (%s, %s, %s)', (service, letterKind, trigger, respondent, questionSet) =>
    expect(triggerFor(DEFAULT_TRIGGERS, service, letterKind)).toEqual({ service, letterKind, trigger, respondent, questionSet }));

  it('has those nine rows and no more', () => expect(DEFAULT_TRIGGERS).toHaveLength(9));

  it.each([
    ['needs-assessment', 'draft-plan'],
    ['annual-review', 'amendment-notice'],
    ['annual-review', 'decision-to-cease'],
    ['annual-review', 'cease-notice'],
    ['tribunal', 'mediation-arranged'],
    ['tribunal', 'final-plan'],
  ] as const)('%s %s invites nobody', (service, letterKind) => expect(triggerFor(DEFAULT_TRIGGERS, service, letterKind)).toBeNull());

  it('is valid by its own parser', () => expect(parseTriggerTable(JSON.stringify(DEFAULT_TRIGGERS))).toEqual(DEFAULT_TRIGGERS));
});

describe('parseTriggerTable (the SURVEY_TRIGGERS setting)', () => {
  it('reads a table of rows', () =>
    expect(parseTriggerTable(JSON.stringify([row(), row({ service: 'tribunal', letterKind: 'appeal-withdrawn', questionSet: 'disagreement' })])))
      .toEqual([row(), row({ service: 'tribunal', letterKind: 'appeal-withdrawn', questionSet: 'disagreement' })]));

  it('an empty table invites nobody', () => expect(parseTriggerTable('[]')).toEqual([]));

  it.each([
    ['not JSON', '[{', /not valid JSON/],
    ['not an array', '{}', /must be a JSON array/],
    ['a row that is not an object', '[1]', /row 0: row must be an object/],
    ['an unknown service', JSON.stringify([row({ service: 'funding' })]), /row 0: service must be one of needs-assessment, annual-review, tribunal \(got "funding"\)/],
    ['a missing letter kind', JSON.stringify([row({ letterKind: undefined })]), /row 0: letterKind must be a non-empty string/],
    ['an empty trigger', JSON.stringify([row({ trigger: ' ' })]), /row 0: trigger must be a non-empty string/],
    ['an unknown respondent', JSON.stringify([row({ respondent: 'parent' })]), /row 0: respondent must be one of rights-holder, child-or-young-person, setting/],
    ['an unknown question set', JSON.stringify([row({ questionSet: 'exit-poll' })]), /row 0: questionSet must name a known question set \(got "exit-poll"\)/],
    ['a number for a question set', JSON.stringify([row({ questionSet: 3 })]), /row 0: questionSet must be a non-empty string/],
    ['two rows for one letter', JSON.stringify([row(), row({ letterKind: 'draft-plan' }), row({ trigger: 'other' })]), /row 2: letterKind must be unique per service: row 0 already has needs-assessment "final-plan"/],
  ])('refuses %s, naming the row, the field and the rule', (_name, json, message) =>
    expect(() => parseTriggerTable(json)).toThrow(message));

  it('the same letter kind in two services is two rows', () =>
    expect(parseTriggerTable(JSON.stringify([row(), row({ service: 'annual-review' })]))).toHaveLength(2));
});

describe('resolveRespondent', () => {
  const rightsHolder = triggerFor(DEFAULT_TRIGGERS, 'needs-assessment', 'final-plan')!;
  // born 2009-10-01: reception 2014/15, compulsory school age ends on the last Friday of June 2026
  const cohort = cohortOf('2009-10-01');

  it('a rights-holder row goes to the parent while the child is of compulsory school age', () =>
    expect(resolveRespondent(rightsHolder, { cohort, on: '2026-03-02', letterRecipient: 'young-person' })).toBe('parent'));

  it('and to the young person once compulsory school age has ended, whoever the letter went to', () =>
    expect(resolveRespondent(rightsHolder, { cohort, on: '2026-09-01', letterRecipient: 'parent' })).toBe('young-person'));

  it.each(['parent', 'young-person'] as const)('without a cohort, goes to the letter\'s recipient (%s)', (letterRecipient) => {
    expect(resolveRespondent(rightsHolder, { cohort: null, on: '2026-03-02', letterRecipient })).toBe(letterRecipient);
    expect(resolveRespondent(rightsHolder, { cohort: undefined, on: '2026-03-02', letterRecipient })).toBe(letterRecipient);
  });

  it('the child or young person and the setting are invited as such', () => {
    expect(resolveRespondent(triggerFor(DEFAULT_TRIGGERS, 'annual-review', 'decision-to-maintain')!, { cohort, on: '2026-09-01', letterRecipient: 'parent' })).toBe('child-or-young-person');
    expect(resolveRespondent(triggerFor(DEFAULT_TRIGGERS, 'annual-review', 'decision-to-amend')!, { cohort: null, on: '2026-09-01', letterRecipient: 'parent' })).toBe('setting');
  });
});
