import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Page } from '@ehc/identity';
import { API_CONTENT_SECURITY_POLICY } from '@ehc/host';
import type { ApiProblem } from '../hub-api';
import { CASE_STEPS, commandBody, inputId, stepNamed, type FormError, type Step } from '../forms/steps';
import { PageRefused, RedirectTo, WORKSPACE, type SignedIn, type Workspace } from '../workspace';
import { PageErrors } from './page-errors';

/** The API's own policy for a letter: nothing runs; its one style allowed by its hash. */
const LETTER_POLICY = `default-src 'none'; style-src ${API_CONTENT_SECURITY_POLICY.styleSrc.join(' ')}; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A needs assessment's page: the child, every statutory date, advice, consultations, letters,
 * notes, the timeline, and what to do next — each step the case allows now as a form, its refusal
 * shown in the rule's words beside the field.
 */
@ApiExcludeController()
@Page('a case\'s page: the case comes from the API with the signed-in user\'s token (a case not theirs is the API\'s 404)')
@UseFilters(PageErrors)
@Controller('cases')
export class CaseController {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  @Get(':id')
  async casePage(@Param('id') id: string, @Query('done') done: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    return this.render(res, signedIn, id, { done: typeof done === 'string' ? stepNamed(CASE_STEPS, done)?.title ?? null : null });
  }

  @Post(':id/:step')
  @HttpCode(200)
  async takeStep(@Param('id') id: string, @Param('step') stepName: string, @Body() form: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    this.workspace.checkCsrf(req, signedIn.session);
    const step = stepNamed(CASE_STEPS, stepName);
    if (!UUID.test(id) || !step) throw new PageRefused(404, 'Page not found', 'That step does not exist.');
    const { body, errors } = commandBody(step, form ?? {});
    if (errors.length) return this.render(res.status(400), signedIn, id, { failed: { step: step.name, errors, values: form } });
    const answer = await this.workspace.api.post(`/needs-assessments/${id}/${step.name}`, signedIn.session.accessToken, body);
    if (answer.status === 200 || answer.status === 202) throw new RedirectTo(`/cases/${id}?done=${step.name}`);
    if (answer.status === 404) throw new PageRefused(404, 'Case not found', 'There is no such case, or it is not one you may see.');
    if (answer.status >= 500 || answer.status < 400) throw new PageRefused(502, 'Sorry, there is a problem with the service', 'The step was not recorded. Try again later.');
    return this.render(res.status(answer.status === 409 ? 409 : answer.status === 403 ? 403 : 400), signedIn, id, {
      failed: { step: step.name, errors: problemErrors(step, answer.body as ApiProblem), values: form },
    });
  }

  @Get(':id/letters/:letterId')
  async letter(@Param('id') id: string, @Param('letterId') letterId: string, @Req() req: Request, @Res() res: Response) {
    const signedIn = await this.workspace.signedIn(req);
    if (!UUID.test(id) || !/^[\w-]{1,50}$/.test(letterId)) throw new PageRefused(404, 'Letter not found', 'There is no such letter.');
    const letter = await this.workspace.api.html(`/needs-assessments/${id}/letters/${encodeURIComponent(letterId)}`, signedIn.session.accessToken);
    if (letter.status !== 200) throw new PageRefused(404, 'Letter not found', 'There is no such letter on this case, or it is not one you may see.');
    // the API renders the letter (every value escaped) under its own strict policy: passed on as it is
    res.status(200).type('text/html; charset=utf-8').setHeader('cache-control', 'no-store');
    res.setHeader('content-security-policy', LETTER_POLICY);
    res.send(letter.html);
  }

  private async render(res: Response, signedIn: SignedIn, id: string, outcome: { done?: string | null; failed?: { step: string; errors: FormError[]; values: Record<string, unknown> } }) {
    if (!UUID.test(id)) throw new PageRefused(404, 'Case not found', 'There is no such case, or it is not one you may see.');
    const token = signedIn.session.accessToken;
    const [found, timeline] = await Promise.all([
      this.workspace.api.get(`/needs-assessments/${id}`, token),
      this.workspace.api.get(`/needs-assessments/${id}/timeline`, token),
    ]);
    if (found.status === 404) throw new PageRefused(404, 'Case not found', 'There is no such case, or it is not one you may see.');
    if (found.status !== 200) throw new PageRefused(found.status === 403 ? 403 : 502, 'This case could not be shown', (found.body as ApiProblem)?.title ?? '');
    const view = found.body;
    const steps: Step[] = (view.nextSteps as string[] ?? []).map((name) => stepNamed(CASE_STEPS, name)).filter((s): s is Step => !!s)
      // reassigning is the team manager's
      .filter((s) => s.name !== 'reassign' || signedIn.session.roles.includes('team-manager'));
    const child = view.child.erased ? 'Details erased' : `${view.child.givenName} ${view.child.familyName}`;
    return this.workspace.page(res, 'case.njk', {
      title: `${child} (${view.reference})`, section: 'my-work', view, child, steps, outcome, inputId,
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
