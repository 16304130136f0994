import type { Request, Response } from 'express';
import type { ApiProblem } from '../hub-api';
import { inputId, type FormError } from '../forms/steps';
import { doneTitle, formFieldFor, tribunalBody, type TribunalStep } from '../forms/tribunal-steps';
import { PageRefused, RedirectTo, type SignedIn, type Workspace } from '../workspace';
import * as words from './words';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The workspace's pages of the tribunal service (not the API's paths, which the same host answers). */
export const TRIBUNAL_PAGES = {
  windows: '/tribunal/appeal-windows',
  mediations: '/tribunal/mediations',
  appeals: '/tribunal/appeals',
  appealsData: '/tribunal/appeals-data',
} as const;

/** Each code's words, for the templates. */
export const TRIBUNAL_WORDS = {
  decisionType: words.DECISION_TYPE_WORDS, appealType: words.APPEAL_TYPE_WORDS, source: words.SOURCE_WORDS, windowStatus: words.WINDOW_STATUS_WORDS,
  mediationStatus: words.MEDIATION_STATUS_WORDS, screening: words.SCREENING_OUTCOME_WORDS, certificateAfter: words.CERTIFICATE_AFTER_WORDS,
  stage: words.APPEAL_STAGE_WORDS, outcome: words.APPEAL_OUTCOME_WORDS, groundOutcome: words.GROUND_OUTCOME_WORDS, section: words.SECTION_WORDS,
  orderKind: words.ORDER_KIND_WORDS, orderStep: words.ORDER_STEP_WORDS, orderStatus: words.ORDER_STATUS_WORDS, exception: words.COMPLIANCE_EXCEPTION_WORDS,
  costsAgainst: words.COSTS_AGAINST_WORDS, letter: words.LETTER_KIND_WORDS, nextDeadline: words.NEXT_DEADLINE_WORDS,
};

/** What every tribunal template is given besides its own context: the words and the links. */
export const tribunalHelpers = { words: TRIBUNAL_WORDS, inWords: words.inWords, sourcePage: words.sourcePage, pages: TRIBUNAL_PAGES };

/** What a page shows after a form: the step recorded, or the form again with its errors. */
export interface TribunalOutcome { done?: string | null; failed?: { step: string; errors: FormError[]; values: Record<string, unknown> } }

/**
 * One kind of tribunal record the workspace shows (an appeal window, a mediation, an appeal): where
 * the API keeps it, its page, the forms it allows now, and where each form's command goes.
 */
export interface TribunalRecord {
  /** The record in words, for "Mediation not found". */
  noun: string;
  /** The API's view, e.g. `/mediations/{id}`. */
  api: (id: string) => string;
  /** Its page, e.g. `/tribunal/mediations/{id}`. */
  page: (id: string) => string;
  template: string;
  /** Every form this kind of record can have, built from its view (their options can depend on it). */
  steps: (view: any) => TribunalStep[];
  /** The forms offered now: by default the API's `nextSteps`. */
  offered?: (view: any, steps: TribunalStep[]) => TribunalStep[];
  /** Steps of other pages that lead here (a mediation requested on its window's page), for the "Recorded" banner. */
  arrivals?: TribunalStep[];
  /** Where a form's command goes, and its body: by default `POST {api}/{command}`. */
  command?: (step: TribunalStep, id: string, body: Record<string, unknown>) => { path: string; body: Record<string, unknown> };
  /** Where the browser goes once the command is taken (its answer is given: a created record's id). */
  after?: (step: TribunalStep, id: string, answer: any) => string;
  context: (view: any) => Record<string, unknown>;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A tribunal record's page and its forms. The record comes from the API with the signed-in user's
 * token (one they may not see is the API's 404); each form is one command, its refusal (400, 409,
 * 422) shown in the rule's words against the field it names; a command taken is a 303 back to the
 * page (POST-redirect-GET).
 */
export class TribunalPages {
  constructor(private readonly workspace: Workspace, private readonly kind: TribunalRecord) {}

  async page(id: string, done: unknown, req: Request, res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    const view = await this.view(signedIn, id);
    const all = [...this.kind.steps(view), ...(this.kind.arrivals ?? [])];
    return this.render(res, signedIn, view, { done: doneTitle(all, done) });
  }

  async takeStep(id: string, stepName: string, form: Record<string, unknown> | undefined, req: Request, res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    this.workspace.checkCsrf(req, signedIn.session);
    // the form's options (an order's steps) come from the record as it is now
    const view = await this.view(signedIn, id);
    const step = this.kind.steps(view).find((s) => s.name === stepName);
    if (!step) throw new PageRefused(404, 'Page not found', 'That step does not exist, or is not one this record has now.');
    const { body, errors } = tribunalBody(step, form ?? {});
    if (errors.length) return this.render(res.status(400), signedIn, view, { failed: { step: step.name, errors, values: form ?? {} } });
    const command = this.kind.command?.(step, id, body) ?? { path: `${this.kind.api(id)}/${step.name}`, body };
    const answer = await this.workspace.api.post(command.path, signedIn.session.accessToken, command.body);
    if (answer.status === 200 || answer.status === 201 || answer.status === 202) {
      throw new RedirectTo(this.kind.after?.(step, id, answer.body) ?? `${this.kind.page(id)}?done=${step.name}`);
    }
    if (answer.status === 404 && command.path.startsWith(this.kind.api(id))) throw this.notFound();
    if (answer.status >= 500 || answer.status < 400) throw new PageRefused(502, 'Sorry, there is a problem with the service', 'Nothing was recorded. Try again later.');
    // the record may have moved on (a 409): shown as it is now, with the refusal
    const now = await this.view(signedIn, id);
    return this.render(res.status(answer.status === 409 ? 409 : answer.status === 403 ? 403 : answer.status === 422 ? 422 : 400), signedIn, now, {
      failed: { step: step.name, errors: tribunalProblemErrors(step, answer.body as ApiProblem), values: form ?? {} },
    });
  }

  private notFound() {
    return new PageRefused(404, `${capitalised(this.kind.noun)} not found`, `There is no such ${this.kind.noun}, or it is not one you may see.`);
  }

  private async view(signedIn: SignedIn, id: string): Promise<any> {
    if (!UUID.test(id)) throw this.notFound();
    const found = await this.workspace.api.get(this.kind.api(id), signedIn.session.accessToken);
    if (found.status === 404) throw this.notFound();
    if (found.status === 403) throw new PageRefused(403, `You cannot see this ${this.kind.noun}`, (found.body as ApiProblem)?.detail ?? 'Your role does not allow it. Ask your team manager if you need it.');
    if (found.status !== 200) throw new PageRefused(502, `This ${this.kind.noun} could not be shown`, (found.body as ApiProblem)?.title ?? 'The hub did not answer as expected. Try again later.');
    return found.body;
  }

  private render(res: Response, signedIn: SignedIn, view: any, outcome: TribunalOutcome) {
    const all = this.kind.steps(view);
    const offered = this.kind.offered?.(view, all) ?? all.filter((s) => ((view.nextSteps as string[] | undefined) ?? []).includes(s.name));
    // a refused form stays on the page, even if the record no longer offers it, so its errors have a field to stand beside
    const failedStep = outcome.failed && !offered.some((s) => s.name === outcome.failed!.step) ? all.find((s) => s.name === outcome.failed!.step) : undefined;
    return this.workspace.page(res, this.kind.template, {
      section: 'tribunal', ...tribunalHelpers, ...this.kind.context(view), view, outcome, inputId,
      steps: failedStep ? [failedStep, ...offered] : offered,
      errors: outcome.failed?.errors.map((e) => ({ text: e.text, href: e.href })) ?? [],
    }, signedIn);
  }
}

/** The API's refusal as the form's errors: each fault beside the field it names, a broken rule in the rule's words. */
export function tribunalProblemErrors(step: TribunalStep, problem: ApiProblem | null): FormError[] {
  const fieldNamed = (apiField: string | undefined) => {
    const name = formFieldFor(step, apiField);
    return step.fields.find((f) => f.name === name) ?? step.fields[0];
  };
  const listed = (problem?.errors ?? []).filter((e) => e.message).map((e) => {
    const field = fieldNamed(e.field);
    return { text: e.message!, href: `#${inputId(step.name, field)}`, field: field.name };
  });
  if (listed.length) return listed;
  const field = step.fields[0];
  const text = [problem?.title, problem?.detail].filter(Boolean).join(': ');
  return [{ text: text || 'The hub refused this step', href: `#${inputId(step.name, field)}`, field: field.name }];
}
