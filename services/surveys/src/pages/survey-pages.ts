import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { govukEnvironment, govukStylesheet } from '@ehc/pages';
import type { AnswerProblem, QuestionSet } from '../domain/model';

const TEMPLATES = join(__dirname, 'templates');

/** What each page needs. Pages other than the survey say only what happened: never whose survey it was. */
export interface SurveyPageContexts {
  survey: {
    token: string;
    set: QuestionSet;
    /** Which stage the survey is about, in general words (e.g. "the decision about an assessment"). */
    stage: string;
    /** The form as sent, to fill in again beside the problems. */
    values?: Record<string, unknown>;
    problems?: readonly AnswerProblem[];
  };
  thanks: Record<string, never>;
  'already-answered': Record<string, never>;
  expired: { expiredOn: string };
  'not-found': Record<string, never>;
  'opted-out': Record<string, never>;
}

export type SurveyPage = keyof SurveyPageContexts;

export interface SurveyPages {
  render<P extends SurveyPage>(page: P, context: SurveyPageContexts[P]): string;
  /** GOV.UK Frontend's stylesheet and the symbol scale's, served at /s/assets/survey.css. */
  stylesheet(): string;
}

/** The pages a family sees from a survey link: GOV.UK pages rendered on the server, no script. */
export function surveyPages(): SurveyPages {
  const env = govukEnvironment([TEMPLATES]);
  let css: string | undefined;
  return {
    render(page, context) {
      return env.render(`${page}.njk`, page === 'survey' ? surveyContext(context as SurveyPageContexts['survey']) : { ...context });
    },
    stylesheet() {
      css ??= govukStylesheet(readFileSync(join(TEMPLATES, 'survey.css'), 'utf8'));
      return css;
    },
  };
}

function surveyContext(context: SurveyPageContexts['survey']) {
  const problems = context.problems ?? [];
  // each field's first problem beside it; the summary links to the field's first input (`#<id>`)
  const errorFor: Record<string, string> = {};
  for (const p of problems) errorFor[p.field] ??= p.message;
  return {
    token: context.token,
    questionSet: context.set,
    stage: context.stage,
    values: context.values ?? {},
    problems,
    errorList: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
    errorFor,
  };
}
