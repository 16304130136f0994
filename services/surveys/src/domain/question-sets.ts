import type { ChoiceQuestion, QuestionSet, ScaleQuestion, TextQuestion } from './model';

/**
 * What each survey asks (domain §7's measures, one set per trigger row's `questionSet`).
 * The page may be opened by anyone holding the link, so no text names a child or a case: the
 * stage is described in general words only.
 */

const AGREE = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'] as const;
const GOOD = ['Very poor', 'Poor', 'Neither good nor poor', 'Good', 'Very good'] as const;
const CLEAR = ['Very unclear', 'Unclear', 'Neither clear nor unclear', 'Clear', 'Very clear'] as const;
const CONFIDENT = ['Not at all confident', 'Not very confident', 'Neither confident nor unconfident', 'Fairly confident', 'Very confident'] as const;
const TIMELY = ['Much too slow', 'Too slow', 'About right', 'Quick', 'Very quick'] as const;
// the CYP variant: short words a child can read, shown with a face symbol each
const CYP = ['No, not at all', 'Not really', 'Not sure', 'Yes, a bit', 'Yes, a lot'] as const;

/** Every text box allows the same length: enough for a paragraph, short enough to read in a report. */
export const COMMENT_MAX_LENGTH = 1200;

const scale = (id: string, text: string, labels: readonly [string, string, string, string, string]): ScaleQuestion =>
  ({ kind: 'scale', id, text, labels });

const yesNoNotSure = (id: string, text: string): ChoiceQuestion => ({
  kind: 'choice', id, text,
  options: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }, { value: 'not-sure', label: 'Not sure' }],
});

const comment = (text = 'Is there anything else you would like to tell us?', hint = 'Please do not include names, phone numbers or e-mail addresses.'): TextQuestion =>
  ({ kind: 'text', id: 'comment', text, hint, maxLength: COMMENT_MAX_LENGTH });

const set = (s: QuestionSet): QuestionSet => Object.freeze({ ...s, questions: Object.freeze([...s.questions]) });

export const QUESTION_SETS: Readonly<Record<string, QuestionSet>> = Object.freeze({
  decision: set({
    id: 'decision',
    title: 'Tell us about the decision letter you received',
    introduction: 'You recently received a letter from us with a decision about an education, health and care (EHC) needs assessment or plan. Your answers help us improve how we explain decisions.',
    variant: 'standard',
    questions: [
      scale('decisionClarity', 'How clear was the decision and the reasons for it?', CLEAR),
      scale('keptInformed', 'How well did we keep you informed while the decision was being made?', GOOD),
      yesNoNotSure('knowWhatHappensNext', 'Did you know what happens next?'),
      comment(),
    ],
  }),
  'final-plan': set({
    id: 'final-plan',
    title: 'Tell us about the final EHC plan',
    introduction: 'You recently received a final education, health and care (EHC) plan from us. Your answers help us improve how we write plans with families.',
    variant: 'standard',
    questions: [
      scale('feltListenedTo', 'I felt listened to while the plan was being written.', AGREE),
      scale('planReflectsChild', 'The plan describes the child or young person as they really are.', AGREE),
      scale('settingConfidence', 'How confident are you that the school or setting can meet the needs in the plan?', CONFIDENT),
      yesNoNotSure('knowWhoToContact', 'Do you know who to contact if you have a question about the plan?'),
      comment(),
    ],
  }),
  review: set({
    id: 'review',
    title: 'Tell us about the annual review',
    introduction: 'You recently received a letter from us after an annual review of an education, health and care (EHC) plan. Your answers help us improve reviews.',
    variant: 'standard',
    questions: [
      scale('timeliness', 'How did you find the time the review took, from the meeting to our letter?', TIMELY),
      scale('involvement', 'I was involved in the review as much as I wanted to be.', AGREE),
      scale('familyConfidence', 'How confident are you that the plan will make a difference?', CONFIDENT),
      yesNoNotSure('knowWhatHappensNext', 'Did you know what happens next?'),
      comment(),
    ],
  }),
  'setting-review': set({
    id: 'setting-review',
    title: 'Tell us about the annual review decision',
    introduction: 'Your school or setting recently received our decision after an annual review of an education, health and care (EHC) plan. Your answers help us improve reviews.',
    variant: 'standard',
    questions: [
      scale('timeliness', 'How did you find the time between the review meeting and our decision?', TIMELY),
      scale('involvement', 'How well were you involved in the review and the decision?', GOOD),
      scale('settingConfidence', 'How confident are you that your setting can meet the needs set out in the plan?', CONFIDENT),
      comment(),
    ],
  }),
  disagreement: set({
    id: 'disagreement',
    title: 'Tell us about resolving a disagreement',
    introduction: 'A disagreement about an education, health and care (EHC) needs assessment or plan has recently been resolved. Your answers help us improve how we work with families when we disagree.',
    variant: 'standard',
    questions: [
      scale('resolutionExperience', 'How was your experience of resolving the disagreement with us?', GOOD),
      scale('keptInformed', 'How well did we keep you informed while the disagreement was being resolved?', GOOD),
      comment(),
    ],
  }),
  'cyp-review': set({
    id: 'cyp-review',
    title: 'Tell us about your plan',
    introduction: 'Your plan was looked at again. We want to know what you think. You can ask someone at school or at home to help you.',
    variant: 'cyp',
    questions: [
      scale('askedWhatIThink', 'I was asked what I think.', CYP),
      scale('planSaysWhatHelps', 'My plan says what helps me.', CYP),
      scale('involvedInShapingPlan', 'I helped make my plan.', CYP),
      comment('Anything else you want to tell us?', 'Please do not write names, phone numbers or e-mail addresses.'),
    ],
  }),
});

/** The set named by a trigger row, or null when there is none of that id. */
export function questionSet(id: string): QuestionSet | null {
  return Object.prototype.hasOwnProperty.call(QUESTION_SETS, id) ? QUESTION_SETS[id] : null;
}

/** The ids of a set's scale questions, in order: the keys of its scores. */
export function scaleQuestionIds(set: QuestionSet): string[] {
  return set.questions.filter((q): q is ScaleQuestion => q.kind === 'scale').map((q) => q.id);
}

/** Each default set's scale question ids, for reports that tabulate scores. */
export const SCALE_QUESTION_IDS: Readonly<Record<string, readonly string[]>> = Object.freeze(
  Object.fromEntries(Object.entries(QUESTION_SETS).map(([id, s]) => [id, Object.freeze(scaleQuestionIds(s))])),
);

/** The set's free-text question (each set has at most one), or null. */
export function textQuestionOf(set: QuestionSet): TextQuestion | null {
  return set.questions.find((q): q is TextQuestion => q.kind === 'text') ?? null;
}
