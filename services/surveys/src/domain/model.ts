/**
 * The words the surveys service shares between its parts: which letters invite whom (the trigger
 * table), what each survey asks (question sets) and what an answer is.
 */

/** The services whose letters may invite a survey. */
export type LetterService = 'needs-assessment' | 'annual-review' | 'tribunal';

/**
 * Who answers: the rights-holder (the parent, or the young person from the end of compulsory
 * school age), the child or young person through the plain-language variant, or the setting.
 */
export type RespondentRole = 'parent' | 'young-person' | 'child-or-young-person' | 'setting';

/** What the trigger table names; `rights-holder` is resolved to `parent` or `young-person` per letter. */
export type TriggerRespondent = 'rights-holder' | 'child-or-young-person' | 'setting';

/** One row of the trigger table: a letter kind of a service invites one respondent to one question set. */
export interface TriggerRow {
  service: LetterService;
  letterKind: string;
  /** The trigger's name in lists and results (e.g. `final-plan`, `review-decision`). */
  trigger: string;
  respondent: TriggerRespondent;
  questionSet: string;
}

export interface ScaleQuestion {
  kind: 'scale';
  /** A stable id, the form field's name and the key of the scores (camelCase, e.g. `keptInformed`). */
  id: string;
  text: string;
  /** 1..5 labels, lowest first (e.g. Very poor … Very good); the CYP variant shows a symbol with each. */
  labels: readonly [string, string, string, string, string];
}

export interface ChoiceQuestion {
  kind: 'choice';
  id: string;
  text: string;
  options: readonly { value: string; label: string }[];
}

export interface TextQuestion {
  kind: 'text';
  id: string;
  text: string;
  hint?: string;
  maxLength: number;
}

export type Question = ScaleQuestion | ChoiceQuestion | TextQuestion;

export interface QuestionSet {
  id: string;
  title: string;
  /** One short paragraph under the title: which stage the survey is about (never the child's details). */
  introduction: string;
  /** The plain-language variant for children and young people, with a symbol scale. */
  variant: 'standard' | 'cyp';
  questions: readonly Question[];
}

/** A recorded answer: every scale and choice answered or left out (all optional), the comment redacted. */
export interface SurveyAnswers {
  scores: Record<string, number>;
  choices: Record<string, string>;
  comment: string | null;
}

export interface AnswerProblem {
  field: string;
  message: string;
}

