import { readAnswers } from './answers';
import { QUESTION_SETS } from './question-sets';

const decision = QUESTION_SETS.decision;

describe('readAnswers', () => {
  it('reads scales as numbers, choices as values and the comment trimmed', () =>
    expect(readAnswers(decision, { decisionClarity: '4', keptInformed: '1', knowWhatHappensNext: 'not-sure', comment: '  Clear letter.\r\nThanks  ' }))
      .toEqual({ ok: true, answers: { scores: { decisionClarity: 4, keptInformed: 1 }, choices: { knowWhatHappensNext: 'not-sure' }, comment: 'Clear letter.\nThanks' } }));

  it('every question is optional', () =>
    expect(readAnswers(decision, { keptInformed: '5' })).toEqual({ ok: true, answers: { scores: { keptInformed: 5 }, choices: {}, comment: null } }));

  it('a comment alone is an answer', () =>
    expect(readAnswers(decision, { comment: 'Fine' })).toEqual({ ok: true, answers: { scores: {}, choices: {}, comment: 'Fine' } }));

  it('an empty or blank comment is no comment', () =>
    expect(readAnswers(decision, { keptInformed: '3', comment: '  \r\n ' })).toMatchObject({ ok: true, answers: { comment: null } }));

  it('ignores fields it does not ask about', () =>
    expect(readAnswers(decision, { keptInformed: '3', token: 'abc', submit: '', childName: 'x' })).toMatchObject({ ok: true, answers: { scores: { keptInformed: 3 } } }));

  it.each([
    ['nothing at all', {}],
    ['empty fields', { decisionClarity: '', keptInformed: '', knowWhatHappensNext: '', comment: '' }],
    ['only unknown fields', { token: 'abc' }],
  ])('refuses %s: answer at least one question, at the first question', (_name, form) =>
    expect(readAnswers(decision, form)).toEqual({ ok: false, problems: [{ field: 'decisionClarity', message: 'Answer at least one question' }] }));

  it.each(['0', '6', '3.5', 'three', ' 2x', '-1', '1e0'])('a scale answer %p is refused, naming the question', (value) =>
    expect(readAnswers(decision, { decisionClarity: value })).toEqual({ ok: false, problems: [
      { field: 'decisionClarity', message: 'Select one of the answers to "How clear was the decision and the reasons for it?"' },
    ] }));

  it('a choice must be one of the options', () =>
    expect(readAnswers(decision, { keptInformed: '2', knowWhatHappensNext: 'maybe' })).toEqual({ ok: false, problems: [
      { field: 'knowWhatHappensNext', message: 'Select one of the answers to "Did you know what happens next?"' },
    ] }));

  it('the comment may be 1200 characters, not more', () => {
    expect(readAnswers(decision, { comment: 'a'.repeat(1200) })).toMatchObject({ ok: true });
    expect(readAnswers(decision, { comment: `${'a'.repeat(1199)}\r\nb` })).toMatchObject({ ok: false });
    expect(readAnswers(decision, { comment: 'a'.repeat(1201) })).toEqual({ ok: false, problems: [
      { field: 'comment', message: 'Your answer to "Is there anything else you would like to tell us?" must be 1,200 characters or fewer' },
    ] });
  });

  it('a repeated question field is a problem on that question', () =>
    expect(readAnswers(decision, { decisionClarity: ['1', '5'], keptInformed: '2' })).toEqual({ ok: false, problems: [
      { field: 'decisionClarity', message: 'Give one answer to "How clear was the decision and the reasons for it?"' },
    ] }));

  it('a repeated field the survey does not ask about is a problem too', () =>
    expect(readAnswers(decision, { keptInformed: '2', token: ['a', 'b'] })).toEqual({ ok: false, problems: [
      { field: 'decisionClarity', message: 'The form was sent with a repeated field: please send your answers again' },
    ] }));

  it('lists every problem, in the order of the questions', () =>
    expect(readAnswers(decision, { comment: 'x'.repeat(2000), keptInformed: '9', decisionClarity: '0' })).toMatchObject({ ok: false, problems: [
      { field: 'decisionClarity' }, { field: 'keptInformed' }, { field: 'comment' },
    ] }));

  it('reads the CYP set the same way', () =>
    expect(readAnswers(QUESTION_SETS['cyp-review'], { involvedInShapingPlan: '5', comment: 'I like my new teacher' }))
      .toEqual({ ok: true, answers: { scores: { involvedInShapingPlan: 5 }, choices: {}, comment: 'I like my new teacher' } }));

  it('does not redact: that is done when the answer is recorded', () =>
    expect(readAnswers(decision, { comment: 'Call me on 07700 900123' })).toMatchObject({ ok: true, answers: { comment: 'Call me on 07700 900123' } }));

  it('a field named like an object property is not an answer', () =>
    expect(readAnswers(decision, JSON.parse('{"__proto__": {"keptInformed": "3"}}'))).toMatchObject({ ok: false }));
});
