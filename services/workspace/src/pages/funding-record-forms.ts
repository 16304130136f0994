import type { ApiProblem } from '../hub-api';
import type { FormError } from '../forms/steps';
import { tribunalBody, type TribunalStep } from '../forms/tribunal-steps';
import { tribunalProblemErrors } from '../tribunal/tribunal-pages';
import { PageRefused, RedirectTo, type SignedIn, type Workspace } from '../workspace';

/** What a funding record's page shows after a form: the command taken, or the form again with its errors. */
export interface RecordOutcome { done?: string | null; failed?: { step: string; errors: FormError[]; values: Record<string, unknown> } }

/** Whether the signed-in user is of the funding team (the API refuses anyone else's commands; finance reads). */
export const isFundingWorker = (signedIn: SignedIn, workers: readonly string[]) => workers.some((r) => signedIn.session.roles.includes(r));

/** The answer's status for the page again: the API's own for a refusal it explains, else 400. */
export const refusalStatus = (status: number) => ([403, 409, 422].includes(status) ? status : 400);

/**
 * One form of a funding record, sent: read as its step's fields are (a fault the form can see is
 * the form again at 400), posted to the API with the signed-in user's token and the revision they
 * saw (a record changed since is the API's 409), a 303 back to the record once taken. A refusal is
 * the form again beside the field the API names.
 */
export async function sendStep(options: {
  workspace: Workspace; signedIn: SignedIn; step: TribunalStep; form: Record<string, unknown>; path: string; revision?: number;
  done: (answer: unknown) => string; notFound: () => PageRefused; again: (status: number, failed: NonNullable<RecordOutcome['failed']>) => Promise<string> | string;
}): Promise<string> {
  const { workspace, signedIn, step, form } = options;
  const { body, errors } = tribunalBody(step, form);
  if (errors.length) return options.again(400, { step: step.name, errors, values: form });
  const answer = await workspace.api.post(options.path, signedIn.session.accessToken, options.revision === undefined ? body : { ...body, expectedRevision: options.revision });
  if (answer.status === 200 || answer.status === 201 || answer.status === 202) throw new RedirectTo(options.done(answer.body));
  if (answer.status === 404) throw options.notFound();
  if (answer.status >= 500 || answer.status < 400) throw new PageRefused(502, 'Sorry, there is a problem with the service', 'Nothing was recorded. Try again later.');
  return options.again(refusalStatus(answer.status), { step: step.name, errors: tribunalProblemErrors(step, answer.body as ApiProblem), values: form });
}

/** The forms a record offers now (its `nextSteps`), and a refused one kept on the page so its errors have a field to stand beside. */
export function stepsShown(all: TribunalStep[], offeredNames: readonly string[], outcome: RecordOutcome): TribunalStep[] {
  const offered = all.filter((s) => offeredNames.includes(s.name));
  const failed = outcome.failed && !offered.some((s) => s.name === outcome.failed!.step) ? all.find((s) => s.name === outcome.failed!.step) : undefined;
  return failed ? [failed, ...offered] : offered;
}

/** A record read from the API, or the page refused in words. */
export async function readRecord<T>(workspace: Workspace, signedIn: SignedIn, path: string, noun: string, notFound: () => PageRefused): Promise<T> {
  const found = await workspace.api.get(path, signedIn.session.accessToken);
  if (found.status === 404) throw notFound();
  if (found.status === 403) throw new PageRefused(403, `You cannot see this ${noun}`, (found.body as ApiProblem)?.detail ?? 'Your role does not allow it. Ask your team manager if you need it.');
  if (found.status !== 200) throw new PageRefused(502, `This ${noun} could not be shown`, (found.body as ApiProblem)?.title ?? 'The hub did not answer as expected. Try again later.');
  return found.body as T;
}
