import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Page } from '@ehc/identity';
import { MEDIATION_STEPS, REQUEST_MEDIATION } from '../forms/tribunal-steps';
import { TRIBUNAL_PAGES, TribunalPages } from '../tribunal/tribunal-pages';
import { DECISION_TYPE_WORDS, inWords } from '../tribunal/words';
import { WORKSPACE, type Workspace } from '../workspace';
import { PageErrors } from './page-errors';

/**
 * A mediation (regs 32-42): its status, its deadlines (the health commissioning body told, the
 * mediation within 30 days, the certificate) each with its date, done and on time, and one form for
 * each command the mediation allows now (the API's `nextSteps`).
 */
@ApiExcludeController()
@Page('a mediation\'s page: the mediation comes from the API with the signed-in user\'s token (one not theirs is the API\'s 404)')
@UseFilters(PageErrors)
@Controller('tribunal/mediations')
export class MediationController {
  private readonly mediations: TribunalPages;

  constructor(@Inject(WORKSPACE) workspace: Workspace) {
    this.mediations = new TribunalPages(workspace, {
      noun: 'mediation', template: 'tribunal-mediation.njk',
      api: (id) => `/mediations/${id}`, page: (id) => `${TRIBUNAL_PAGES.mediations}/${id}`,
      steps: () => MEDIATION_STEPS, arrivals: [REQUEST_MEDIATION],
      context: (view) => ({ section: 'appeal-windows', title: `Mediation: ${inWords(DECISION_TYPE_WORDS, view.decisionType)}` }),
    });
  }

  @Get(':id')
  mediation(@Param('id') id: string, @Query('done') done: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.mediations.page(id, done, req, res);
  }

  @Post(':id/:step')
  @HttpCode(200)
  takeStep(@Param('id') id: string, @Param('step') step: string, @Body() form: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.mediations.takeStep(id, step, form, req, res);
  }
}
