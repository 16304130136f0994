import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProblemException } from '@ehc/http';
import { PageRefused, RedirectTo, WORKSPACE, type Workspace } from '../workspace';

/**
 * A page's failures as pages: a redirect is a 303, a refusal its own page in plain words, anything
 * else "Sorry, there is a problem" with the correlation id — never a stack trace or a JSON blob.
 */
@Catch()
export class PageErrors implements ExceptionFilter {
  constructor(@Inject(WORKSPACE) private readonly workspace: Workspace) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    if (exception instanceof RedirectTo) {
      res.redirect(303, exception.location);
      return;
    }
    const refused = exception instanceof PageRefused ? exception
      : exception instanceof ProblemException && exception.problem.status < 500 ? new PageRefused(exception.problem.status, exception.problem.title ?? 'There is a problem', exception.problem.detail ?? '')
        : exception instanceof HttpException && exception.getStatus() === 404 ? new PageRefused(404, 'Page not found', 'If you typed the web address, check it is correct.')
          : null;
    if (!refused) this.workspace.options.logger.error(`${req.method} ${req.path}: ${(exception as Error)?.stack ?? String(exception)}`);
    const page = refused ?? new PageRefused(500, 'Sorry, there is a problem with the service', 'Try again later. If it keeps happening, give the support team this reference.');
    res.status(page.status).send(this.workspace.page(res, 'problem.njk', {
      title: page.title, explanation: page.explanation, correlationId: res.getHeader('x-correlation-id'),
    }));
  }
}
