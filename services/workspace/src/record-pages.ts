import type { Request, Response } from 'express';
import { API_CONTENT_SECURITY_POLICY } from '@ehc/host';
import type { ApiProblem } from './hub-api';
import { commandBody, inputId, stepNamed, type FormError, type Step } from './forms/steps';
import { PageRefused, RedirectTo, type SignedIn, type Workspace } from './workspace';

/** The API's own policy for a letter: nothing runs; its one style allowed by its hash. */
const LETTER_POLICY = `default-src 'none'; style-src ${API_CONTENT_SECURITY_POLICY.styleSrc.join(' ')}; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a step's page shows after a form: the step recorded, or the form again with its errors. */
export interface StepOutcome { done?: string | null; failed?: { step: string; errors: FormError[]; values: Record<string, unknown> } }

/**
 * One kind of record the workspace works on (a needs assessment, a plan): where the API keeps it,
 * where its page is, its step forms, and what its template needs from the API's view of it.
 */
export interface RecordKind {
  /** e.g. `/needs-assessments`: the view at `{api}/{id}`, its timeline, commands and letters under it. */
  api: string;
  /** e.g. `/cases`: the page at `{pages}/{id}`. */
  pages: string;
  /** The record in words, for "Case not found" and "There is no such case". */
  noun: string;
  steps: Step[];
  template: string;
  /** Steps only some roles take (the API refuses the rest): offered only to them. */
  stepRoles?: Record<string, string[]>;
  /** The template's context from the API's view (title, child's name, …), besides the steps, outcome and timeline. */
  context(view: any): Record<string, unknown>;
}

const capitalised = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

/**
 * A record's page, its step forms and its letters: the same for a case and a plan. The record comes
 * from the API with the signed-in user's token (one not theirs is the API's 404); each step it
 * allows now (its `nextSteps`) is a form; a refusal is shown in the rule's words beside the field.
 */
export class RecordPages {
  constructor(private readonly workspace: Workspace, private readonly kind: RecordKind) {}

  async page(id: string, done: unknown, req: Request, res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    return this.render(res, signedIn, id, { done: typeof done === 'string' ? stepNamed(this.kind.steps, done)?.title ?? null : null });
  }

  async takeStep(id: string, stepName: string, form: Record<string, unknown> | undefined, req: Request, res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    this.workspace.checkCsrf(req, signedIn.session);
    const step = stepNamed(this.kind.steps, stepName);
    if (!UUID.test(id) || !step) throw new PageRefused(404, 'Page not found', 'That step does not exist.');
    const { body, errors } = commandBody(step, form ?? {});
    if (errors.length) return this.render(res.status(400), signedIn, id, { failed: { step: step.name, errors, values: form ?? {} } });
    const answer = await this.workspace.api.post(`${this.kind.api}/${id}/${step.name}`, signedIn.session.accessToken, body);
    if (answer.status === 200 || answer.status === 202) throw new RedirectTo(`${this.kind.pages}/${id}?done=${step.name}`);
    if (answer.status === 404) throw this.notFound();
    if (answer.status >= 500 || answer.status < 400) throw new PageRefused(502, 'Sorry, there is a problem with the service', 'The step was not recorded. Try again later.');
    return this.render(res.status(answer.status === 409 ? 409 : answer.status === 403 ? 403 : 400), signedIn, id, {
      failed: { step: step.name, errors: problemErrors(step, answer.body as ApiProblem), values: form ?? {} },
    });
  }

  async letter(id: string, letterId: string, req: Request, res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    if (!UUID.test(id) || !/^[\w-]{1,50}$/.test(letterId)) throw new PageRefused(404, 'Letter not found', 'There is no such letter.');
    const letter = await this.workspace.api.html(`${this.kind.api}/${id}/letters/${encodeURIComponent(letterId)}`, signedIn.session.accessToken);
    if (letter.status !== 200) throw new PageRefused(404, 'Letter not found', `There is no such letter on this ${this.kind.noun}, or it is not one you may see.`);
    // the API renders the letter (every value escaped) under its own strict policy: passed on as it is
    res.status(200).type('text/html; charset=utf-8').setHeader('cache-control', 'no-store');
    res.setHeader('content-security-policy', LETTER_POLICY);
    res.send(letter.html);
  }

  private notFound() {
    return new PageRefused(404, `${capitalised(this.kind.noun)} not found`, `There is no such ${this.kind.noun}, or it is not one you may see.`);
  }

  private async render(res: Response, signedIn: SignedIn, id: string, outcome: StepOutcome) {
    if (!UUID.test(id)) throw this.notFound();
    const token = signedIn.session.accessToken;
    const [found, timeline, staff] = await Promise.all([
      this.workspace.api.get(`${this.kind.api}/${id}`, token),
      this.workspace.api.get(`${this.kind.api}/${id}/timeline`, token),
      this.workspace.staffNames(signedIn.session),
    ]);
    if (found.status === 404) throw this.notFound();
    if (found.status !== 200) throw new PageRefused(found.status === 403 ? 403 : 502, `This ${this.kind.noun} could not be shown`, (found.body as ApiProblem)?.title ?? '');
    const view = found.body;
    const roles = signedIn.session.roles;
    const steps: Step[] = (view.nextSteps as string[] ?? []).map((name) => stepNamed(this.kind.steps, name)).filter((s): s is Step => !!s)
      .filter((s) => !this.kind.stepRoles?.[s.name] || this.kind.stepRoles[s.name].some((r) => roles.includes(r)));
    return this.workspace.page(res, this.kind.template, {
      section: 'my-work', ...this.kind.context(view), view, steps, outcome, inputId, names: staff.names,
      // whom it may be reassigned to: the team, but not who has it now
      team: staff.team.filter((m) => m.subject !== view.caseworker),
      timeline: timeline.status === 200 ? timeline.body : [],
      errors: outcome.failed?.errors.map((e) => ({ text: e.text, href: e.href })) ?? [],
    }, signedIn);
  }
}

/** The API's refusal as the form's errors: a fault of a field beside it, a rule broken in the rule's words. */
export function problemErrors(step: Step, problem: ApiProblem): FormError[] {
  const onField = (field: string | undefined) => step.fields.find((f) => f.name === field?.split('.')[0]) ?? step.fields[0];
  const listed = (problem.errors ?? []).filter((e) => e.message).map((e) => {
    const field = onField(e.field);
    return { text: e.message!, href: `#${inputId(step.name, field)}`, field: field.name };
  });
  if (listed.length) return listed;
  const field = step.fields[0];
  const words = [problem.title, problem.detail].filter(Boolean).join(': ');
  return [{ text: words || 'The hub refused this step', href: `#${inputId(step.name, field)}`, field: field.name }];
}
