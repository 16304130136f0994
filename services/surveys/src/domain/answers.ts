import type { AnswerProblem, QuestionSet, SurveyAnswers } from './model';

export type ReadAnswers = { ok: true; answers: SurveyAnswers } | { ok: false; problems: AnswerProblem[] };

/**
 * A browser's form (every value a string; a repeated field arrives as an array) read against the
 * question set it answers. Every question may be left out, but an empty form is no answer. The
 * comment is kept as typed (trimmed): redaction happens when it is recorded, with the case's names.
 */
export function readAnswers(set: QuestionSet, form: Record<string, unknown>): ReadAnswers {
  const problems: AnswerProblem[] = [];
  const answers: SurveyAnswers = { scores: {}, choices: {}, comment: null };
  const firstQuestion = set.questions[0]?.id ?? 'answers';

  for (const question of set.questions) {
    const raw = Object.prototype.hasOwnProperty.call(form, question.id) ? form[question.id] : undefined;
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'string') {
      problems.push({ field: question.id, message: `Give one answer to "${question.text}"` });
      continue;
    }
    switch (question.kind) {
      case 'scale': {
        const value = raw.trim();
        if (value === '') break;
        if (/^[1-5]$/.test(value)) answers.scores[question.id] = Number(value);
        else problems.push({ field: question.id, message: `Select one of the answers to "${question.text}"` });
        break;
      }
      case 'choice': {
        const value = raw.trim();
        if (value === '') break;
        if (question.options.some((o) => o.value === value)) answers.choices[question.id] = value;
        else problems.push({ field: question.id, message: `Select one of the answers to "${question.text}"` });
        break;
      }
      case 'text': {
        // browsers send a new line as CRLF; the character count on the page counts it as one
        const value = raw.replace(/\r\n?/g, '\n').trim();
        if (value.length > question.maxLength) {
          problems.push({ field: question.id, message: `Your answer to "${question.text}" must be ${thousands(question.maxLength)} characters or fewer` });
        } else if (value !== '') {
          answers.comment = value;
        }
        break;
      }
    }
  }

  // a field sent twice is a tampered or broken form, even where no question asks for it
  const questionIds = new Set(set.questions.map((q) => q.id));
  for (const [field, value] of Object.entries(form)) {
    if (Array.isArray(value) && !questionIds.has(field)) problems.push({ field: firstQuestion, message: 'The form was sent with a repeated field: please send your answers again' });
  }

  if (problems.length > 0) return { ok: false, problems };
  const answered = Object.keys(answers.scores).length + Object.keys(answers.choices).length + (answers.comment === null ? 0 : 1);
  if (answered === 0) return { ok: false, problems: [{ field: firstQuestion, message: 'Answer at least one question' }] };
  return { ok: true, answers };
}

/** 1200 → 1,200, as GOV.UK writes numbers (no locale data needed). */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
