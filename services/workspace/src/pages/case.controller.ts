import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Page } from '@ehc/identity';
import { CASE_STEPS } from '../forms/steps';
import { RecordPages } from '../record-pages';
import { WORKSPACE, type Workspace } from '../workspace';
import { PageErrors } from './page-errors';

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
  private readonly pages: RecordPages;

  constructor(@Inject(WORKSPACE) workspace: Workspace) {
    this.pages = new RecordPages(workspace, {
      api: '/needs-assessments', pages: '/cases', noun: 'case', steps: CASE_STEPS, template: 'case.njk',
      // reassigning is the team manager's
      stepRoles: { reassign: ['team-manager'] },
      context: (view) => {
        const child = view.child.erased ? 'Details erased' : `${view.child.givenName} ${view.child.familyName}`;
        return { title: `${child} (${view.reference})`, child };
      },
    });
  }

  @Get(':id')
  casePage(@Param('id') id: string, @Query('done') done: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
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
