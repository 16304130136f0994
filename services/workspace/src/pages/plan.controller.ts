import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Page } from '@ehc/identity';
import { PLAN_STEPS } from '../forms/plan-steps';
import { RecordPages } from '../record-pages';
import { WORKSPACE, type Workspace } from '../workspace';
import { PageErrors } from './page-errors';

/**
 * An EHC plan's page in its review cycle: the plan issued, the last review and the next one due,
 * the current review's meeting, report and decision, the amendment and the family's
 * representations, a phase transfer with the rule's words, dual registration, ceasing with its
 * appeal window, letters, notes, the timeline — and what to do next, each step the plan allows now
 * as a form, its refusal shown in the rule's words beside the field.
 */
@ApiExcludeController()
@Page('a plan\'s page: the plan comes from the API with the signed-in user\'s token (a plan not theirs is the API\'s 404)')
@UseFilters(PageErrors)
@Controller('plans')
export class PlanController {
  private readonly pages: RecordPages;

  constructor(@Inject(WORKSPACE) workspace: Workspace) {
    this.pages = new RecordPages(workspace, {
      api: '/annual-reviews', pages: '/plans', noun: 'plan', steps: PLAN_STEPS, template: 'plan.njk',
      // allocation is the team manager's
      stepRoles: { reassign: ['team-manager'] },
      context: (view) => {
        const child = view.child.erased ? 'Details erased' : `${view.child.givenName} ${view.child.familyName}`;
        return { title: `${child} (${view.reference})`, child, id: view.planId };
      },
    });
  }

  @Get(':id')
  planPage(@Param('id') id: string, @Query('done') done: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.pages.page(id, done, req, res);
  }

  @Post(':id/:step')
  @HttpCode(200)
  takeStep(@Param('id') id: string, @Param('step') stepName: string, @Body() form: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.pages.takeStep(id, stepName, form, req, res);
  }

  @Get(':id/letters/:letterId')
  letter(@Param('id') id: string, @Param('letterId') letterId: string, @Req() req: Request, @Res() res: Response) {
    return this.pages.letter(id, letterId, req, res);
  }
}
