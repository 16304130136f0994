import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiExcludeEndpoint, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { newId } from '@ehc/domain-kernel';
import { documentsToWrite } from '@ehc/commands';
import { Allow, NotScoped } from '@ehc/identity';
import { AuditedRead } from '@ehc/audit';
import { MediationBody, readMediationBody } from './bodies';
import { MEDIATION_COMMANDS } from './commands';
import { partNotFound, TribunalRecords } from './tribunal-records';
import { mediationView } from './views';
import { TRIBUNAL_RECORDS, TRIBUNAL_WORK, WHY_NOT_SCOPED } from './appeal-windows.controller';
import { mediationNextSteps } from '../domain/next-steps';

@ApiTags('mediations')
@Allow(...TRIBUNAL_WORK)
@Controller('mediations')
export class MediationsController {
  constructor(@Inject(TRIBUNAL_RECORDS) private readonly records: TribunalRecords) {}

  @Post()
  @HttpCode(201)
  @AuditedRead('list')
  @ApiOperation({ summary: 'Record a mediation request (the family contacted the mediation adviser and the LA was told): to mediate (within 30 days; the ICB told within 3 working days if health is involved) or a certificate only (within 3 working days)' })
  @ApiBody({ schema: MediationBody as unknown as Record<string, unknown> })
  @ApiCreatedResponse({ description: '{ id } and the mediation with its deadlines; Location: /mediations/{id}' })
  @ApiResponse({ status: 400, description: 'Malformed: the problem names each field and rule' })
  @ApiResponse({ status: 404, description: 'NoAppealWindow: no appeal window for that decisionId' })
  @ApiResponse({ status: 409, description: 'MediationAlreadyRequested (one at a time), AppealAlreadyRegistered' })
  @ApiResponse({ status: 422, description: 'DateInFuture, DateBeforeLetter (field requestedOn)' })
  async request(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { value } = readMediationBody(body);
    this.records.notInFuture(value.requestedOn, 'requestedOn');
    const mediationId = newId();
    const { ids, documents } = documentsToWrite([value.issues?.length ? { kind: 'mediation-issues', content: { text: value.issues.join('\n') } } : null]);
    const decisionId = value.decisionId.toLowerCase();
    const result = await this.records.run(decisionId, {
      type: 'RequestMediation',
      data: { mediationId, requestedOn: value.requestedOn, wantsMediation: value.wantsMediation, healthInvolved: value.healthInvolved ?? false, issuesDocumentId: ids[0], today: this.records.today() },
    }, req, value.requestedOn, { documents, newPart: { kind: 'mediation', partId: mediationId }, dateField: 'requestedOn' });
    res.setHeader('Location', `/mediations/${mediationId}`);
    return this.records.answer(res, result, `/mediations/${mediationId}`, async () => ({ ...(await this.view(mediationId, req)), id: mediationId }));
  }

  @Get(':id')
  @NotScoped(WHY_NOT_SCOPED)
  @AuditedRead('person')
  @ApiOperation({ summary: 'A mediation: its status and deadlines healthNotification (3 working days), mediationBy (30 days from the LA being told; screening never stops it) and certificate (3 working days), the agreement, and the appeal deadline it gives' })
  @ApiResponse({ status: 200, description: '{ id, decisionId, status, requestedOn, wantsMediation, deadlines: { healthNotification, mediationBy, certificate }, … }' })
  @ApiResponse({ status: 404, description: 'No such mediation' })
  get(@Param('id') id: string, @Req() req: Request) {
    return this.view(id, req);
  }

  /** Every command has its own operation and body schema in the OpenAPI document (service.ts). */
  @Post(':id/:command')
  @NotScoped(WHY_NOT_SCOPED)
  @HttpCode(200)
  @ApiExcludeEndpoint()
  @AuditedRead('person', { literalParams: ['command'] })
  command(@Param('id') id: string, @Param('command') name: string, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return this.records.partCommand('mediation', MEDIATION_COMMANDS, id, name, body, req, res, () => this.view(id, req));
  }

  private async view(id: string, req: Request) {
    const found = await this.records.disagreementOfPart('mediation', id, req);
    const m = found.state.mediations.find((x) => x.mediationId === id.toLowerCase());
    if (!m) throw partNotFound('mediation', id);
    const [issues, agreement] = await Promise.all([this.records.text(m.issuesDocumentId), this.records.text(m.agreement?.termsDocumentId ?? null)]);
    const terms = agreement ? (JSON.parse(agreement) as { actions: string[]; terms: string | null }) : null;
    const view = mediationView(found.state, m, this.records.today());
    return {
      ...view,
      issues: issues ? issues.split('\n') : [],
      agreement: view.agreement ? { ...view.agreement, actions: view.agreement.actions.map((a, i) => ({ ...a, description: terms?.actions[i] ?? null })), terms: terms?.terms ?? null } : null,
      revision: found.revision,
      nextSteps: mediationNextSteps(found.state, m),
    };
  }
}
