import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { NotScoped, Public } from '@ehc/identity';
import type { SurveyAnswers, SurveyOutcome } from '../application/survey-answers';
import type { SurveyLinks } from '../infrastructure/links';
import type { SurveyPages } from '../pages/survey-pages';
import { SURVEY_ANSWERS, SURVEY_LINKS, SURVEY_PAGES } from './tokens';

/** Paths of the pages a link opens: served with the pages' security policy and forms. */
export const SURVEY_PAGE_PATHS = {
  matches: (path: string) => path.startsWith('/s/') || path.startsWith('/surveys/opt-out/'),
  formTargets: [] as string[],
};

/**
 * The survey a family opens from its link: no account, the token is the only key. Every outcome
 * is a page (never a stack trace); an unknown, tampered or suppressed token gets the same one.
 */
@ApiExcludeController()
@Public('a survey link\'s page: the unguessable token is the key; the page shows questions, never the child or the case')
@NotScoped('the token is the key: it opens one invitation\'s questions, nothing of a case')
@Controller()
export class SurveyPagesController {
  constructor(
    @Inject(SURVEY_ANSWERS) private readonly answers: SurveyAnswers,
    @Inject(SURVEY_LINKS) private readonly links: SurveyLinks,
    @Inject(SURVEY_PAGES) private readonly pages: SurveyPages,
  ) {}

  @Get('s/assets/survey.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  stylesheet() {
    return this.pages.stylesheet();
  }

  @Get('s/:token')
  async open(@Param('token') token: string, @Res() res: Response) {
    this.show(res, token, await this.answers.open(this.links.invitationOf(token)));
  }

  @Post('s/:token')
  @HttpCode(200)
  async answer(@Param('token') token: string, @Body() body: unknown, @Res() res: Response) {
    const form = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    this.show(res, token, await this.answers.answer(this.links.invitationOf(token), form));
  }

  @Post('surveys/opt-out/:token')
  @HttpCode(200)
  async optOut(@Param('token') token: string, @Res() res: Response) {
    this.show(res, token, await this.answers.optOut(this.links.invitationOf(token)));
  }

  private show(res: Response, token: string, outcome: SurveyOutcome) {
    const status = outcome.page === 'not-found' ? 404 : outcome.page === 'expired' ? 410 : outcome.page === 'already-answered' ? 409
      : outcome.page === 'survey' && outcome.problems ? 422 : 200;
    const html = outcome.page === 'survey'
      ? this.pages.render('survey', { token, set: outcome.set, stage: outcome.stage, values: outcome.values, problems: outcome.problems })
      : outcome.page === 'expired' ? this.pages.render('expired', { expiredOn: outcome.expiredOn }) : this.pages.render(outcome.page, {});
    // the token is in the address: no page it opens is kept by a shared computer's cache or sent on as a referrer
    res.status(status).setHeader('cache-control', 'no-store');
    res.type('html').send(html);
  }
}
