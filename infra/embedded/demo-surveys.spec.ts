import { QUESTION_SETS } from '../../services/surveys/src/domain/question-sets';
import { readAnswers } from '../../services/surveys/src/domain/answers';
import { redact } from '../../services/surveys/src/domain/redaction';
import { DEFAULT_LEXICON, themesOf } from '../../services/surveys/src/domain/themes';
import { COMMENTS, syntheticSurveyAnswers, type InvitationToAnswer } from './demo-surveys';

/**
 * The demo county's survey answers (seed:demo): response rates of 25–35%, score means of 3.0–3.8 per
 * question, comments in about a third of answers covering every theme, every form one the survey
 * page accepts.
 */
describe('the demo county\'s survey answers', () => {
  // a year of a county's invitations, by trigger and respondent, as the trigger table makes them
  const mix: [string, string, string, number][] = [
    ['decision-to-assess', 'decision', 'parent', 1400], ['refusal-to-assess', 'decision', 'parent', 500], ['final-plan', 'final-plan', 'parent', 1200],
    ['final-plan', 'final-plan', 'young-person', 150], ['review-decision', 'cyp-review', 'child-or-young-person', 2500],
    ['decision-not-to-amend', 'review', 'parent', 600], ['amended-plan', 'review', 'parent', 900], ['review-decision-setting', 'setting-review', 'setting', 400],
    ['disagreement-resolved', 'disagreement', 'parent', 60],
  ];
  const invitations: InvitationToAnswer[] = mix.flatMap(([trigger, questionSet, respondentRole, n]) =>
    Array.from({ length: n }, (_, i) => ({ invitationId: `${trigger}-${respondentRole}-${i}`, trigger, questionSet, respondentRole })));
  const draws = syntheticSurveyAnswers(invitations, '7');
  const answered = draws.flatMap((d) => (d.outcome === 'answered' ? [d] : []));
  const setOf = new Map(invitations.map((i) => [i.invitationId, QUESTION_SETS[i.questionSet]]));

  it('are the same for the same seed', () => {
    expect(syntheticSurveyAnswers(invitations, '7')).toEqual(draws);
    expect(syntheticSurveyAnswers(invitations, '8')).not.toEqual(draws);
  });

  it('answer 25–35% of invitations, and opt out of about 1%', () => {
    const rate = answered.length / draws.length;
    expect(rate).toBeGreaterThanOrEqual(0.25);
    expect(rate).toBeLessThanOrEqual(0.35);
    const optedOut = draws.filter((d) => d.outcome === 'opted-out').length / draws.length;
    expect(optedOut).toBeGreaterThan(0.003);
    expect(optedOut).toBeLessThan(0.02);
  });

  it('score every question between 1 and 5, each question\'s mean between 3.0 and 3.8', () => {
    const byQuestion = new Map<string, number[]>();
    for (const d of answered) {
      for (const q of setOf.get(d.invitationId)!.questions) {
        if (q.kind !== 'scale' || d.form[q.id] === undefined) continue;
        const s = Number(d.form[q.id]);
        expect([1, 2, 3, 4, 5]).toContain(s);
        byQuestion.set(q.id, [...(byQuestion.get(q.id) ?? []), s]);
      }
    }
    expect(byQuestion.size).toBe(12);
    for (const [question, scores] of byQuestion) {
      const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
      expect({ question, ok: mean >= 3.0 && mean <= 3.8 }).toEqual({ question, ok: true });
      // a spread, not a single answer
      expect(new Set(scores).size).toBeGreaterThanOrEqual(4);
    }
  });

  it('comment in about a third of answers', () => {
    const share = answered.filter((d) => d.form.comment).length / answered.length;
    expect(share).toBeGreaterThanOrEqual(0.28);
    expect(share).toBeLessThanOrEqual(0.42);
  });

  it('send forms the survey page accepts', () => {
    for (const d of answered) expect(readAnswers(setOf.get(d.invitationId)!, d.form).ok).toBe(true);
  });

  it('write comments that touch every theme, some with a phone number or e-mail address to redact', () => {
    const themes = new Set(COMMENTS.flatMap((c) => themesOf(redact(c), DEFAULT_LEXICON)));
    expect([...themes].sort()).toEqual(Object.keys(DEFAULT_LEXICON).sort());
    const redacted = COMMENTS.filter((c) => /\[(phone|email) removed\]/.test(redact(c)));
    expect(redacted.length).toBeGreaterThanOrEqual(3);
  });
});
