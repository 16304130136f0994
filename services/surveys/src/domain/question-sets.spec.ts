import { QUESTION_SETS, SCALE_QUESTION_IDS, questionSet, scaleQuestionIds, textQuestionOf } from './question-sets';

const sets = Object.values(QUESTION_SETS);
const allText = (id: string): string[] => {
  const s = QUESTION_SETS[id];
  return [s.title, s.introduction, ...s.questions.flatMap((q) => [q.text, ...(q.kind === 'scale' ? q.labels : []), ...(q.kind === 'choice' ? q.options.map((o) => o.label) : []), ...(q.kind === 'text' && q.hint ? [q.hint] : [])])];
};

describe('question sets', () => {
  it('has exactly the sets the trigger table names', () =>
    expect(Object.keys(QUESTION_SETS).sort()).toEqual(['cyp-review', 'decision', 'disagreement', 'final-plan', 'review', 'setting-review']));

  it.each(sets.map((s) => [s.id, s] as const))('%s: its key is its id, ids are camelCase and unique', (id, s) => {
    expect(QUESTION_SETS[id].id).toBe(id);
    const ids = s.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of ids) expect(q).toMatch(/^[a-z][a-zA-Z0-9]*$/);
  });

  it.each(sets.map((s) => [s.id, s] as const))('%s: five labels on every scale, 1200 characters in every text box, one text box', (_id, s) => {
    for (const q of s.questions) {
      if (q.kind === 'scale') expect(q.labels).toHaveLength(5);
      if (q.kind === 'text') expect(q.maxLength).toBe(1200);
      if (q.kind === 'choice') expect(q.options.length).toBeGreaterThan(1);
    }
    expect(s.questions.filter((q) => q.kind === 'text')).toHaveLength(1);
    expect(scaleQuestionIds(s).length).toBeGreaterThan(0);
  });

  it('scales run from lowest to highest', () => {
    expect(QUESTION_SETS.decision.questions[0]).toMatchObject({ kind: 'scale', labels: ['Very unclear', 'Unclear', 'Neither clear nor unclear', 'Clear', 'Very clear'] });
  });

  it('decision: clarity, kept informed, a closed question on what happens next', () => {
    expect(SCALE_QUESTION_IDS.decision).toEqual(['decisionClarity', 'keptInformed']);
    expect(QUESTION_SETS.decision.questions.find((q) => q.kind === 'choice')).toMatchObject({
      text: 'Did you know what happens next?', options: [{ value: 'yes' }, { value: 'no' }, { value: 'not-sure' }],
    });
  });

  it('final plan: listened to, plan reflects the child, confidence in the setting', () =>
    expect(SCALE_QUESTION_IDS['final-plan']).toEqual(['feltListenedTo', 'planReflectsChild', 'settingConfidence']));

  it('review: timeliness, involvement, family confidence (the Valuing SEND family line)', () =>
    expect(SCALE_QUESTION_IDS.review).toEqual(['timeliness', 'involvement', 'familyConfidence']));

  it('setting review: timeliness, involvement, confidence in meeting needs', () =>
    expect(SCALE_QUESTION_IDS['setting-review']).toEqual(['timeliness', 'involvement', 'settingConfidence']));

  it('disagreement: the experience of resolving it, being kept informed', () =>
    expect(SCALE_QUESTION_IDS.disagreement).toEqual(['resolutionExperience', 'keptInformed']));

  it('cyp-review: the plain-language variant measures involvement in shaping the plan', () => {
    const s = QUESTION_SETS['cyp-review'];
    expect(s.variant).toBe('cyp');
    expect(s.questions.find((q) => q.id === 'involvedInShapingPlan')).toMatchObject({ kind: 'scale', text: 'I helped make my plan.' });
    expect(s.questions.map((q) => q.text)).toEqual(expect.arrayContaining(['I was asked what I think.', 'My plan says what helps me.']));
    expect(textQuestionOf(s)?.text).toBe('Anything else you want to tell us?');
  });

  it('only the CYP set is the CYP variant', () =>
    expect(sets.filter((s) => s.variant === 'cyp').map((s) => s.id)).toEqual(['cyp-review']));

  it.each(Object.keys(QUESTION_SETS))('%s: no placeholder for a name or case detail in any text', (id) => {
    for (const t of allText(id)) {
      expect(t).not.toMatch(/[{}<>]|\$\{|%s|childName|caseRef/i);
      expect(t.trim()).toBe(t);
      expect(t.length).toBeGreaterThan(0);
    }
  });

  it('questionSet finds a set by id, and nothing for an unknown or inherited name', () => {
    expect(questionSet('review')?.id).toBe('review');
    expect(questionSet('nope')).toBeNull();
    expect(questionSet('toString')).toBeNull();
  });

  it('the sets cannot be changed by a caller', () => {
    expect(Object.isFrozen(QUESTION_SETS)).toBe(true);
    expect(Object.isFrozen(QUESTION_SETS.review.questions)).toBe(true);
  });
});
