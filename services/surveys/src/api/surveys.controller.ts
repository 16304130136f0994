import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { isUuid, todayInLondon } from '@ehc/domain-kernel';
import { BodyReader, LIST_LIMIT, LIST_OFFSET, problem, QueryReader } from '@ehc/http';
import { Allow, callerOf, NotScoped } from '@ehc/identity';
import { AuditedRead } from '@ehc/audit';
import { requestContext, type Executed } from '@ehc/commands';
import { viewOnceApplied, type ServiceRuntime } from '@ehc/host';
import type { ProjectionRunner } from '@ehc/messaging';
import { PersonalData } from '@ehc/personal-data';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteSurveyCommand, RECIPIENT } from '../application/survey-command';
import { INVITATION_STATUSES, invitationById, invitations, type InvitationItem } from '../infrastructure/queries/invitations';
import type { SurveyLinks } from '../infrastructure/links';
import { MESSAGE_STATUSES, SENT_BY_HAND_FROM } from '../infrastructure/outbox';
import { surveyResults } from '../infrastructure/queries/results';
import { SURVEY_LINKS, SURVEY_READERS, SURVEY_WORK, SURVEYS_RUNTIME, SURVEYS_VIEWS } from './tokens';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const EMAIL = /^[^\s@<>(),;:"]{1,64}@[^\s@<>(),;:"]{1,250}\.[A-Za-z]{2,63}$/;
/** A case id as any service names it: the assessment case (`ehcna-…`), the plan (`annualReview-…`), or the uuid they share. */
const caseUuidOf = (id: string): string | null => {
  const bare = id.replace(/^(ehcna|annualReview)-/, '');
  return isUuid(bare) ? bare.toLowerCase() : null;
};

const SuppressionBody = {
  type: 'object', additionalProperties: false, required: ['personId', 'reason'],
  properties: {
    personId: { type: 'string', format: 'uuid', description: 'The child or young person (letters name the child; the family is reached through the child)' },
    reason: { type: 'string', minLength: 1, maxLength: 200, description: 'Why: e.g. `safeguarding`. Kept in the event, so no names or details of the case' },
  },
  examples: [{ personId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', reason: 'safeguarding' }],
};
const ContactBody = {
  type: 'object', additionalProperties: false, required: ['email'],
  properties: { email: { type: 'string', format: 'email', maxLength: 320, description: 'Where the family\'s survey invitations go (erasable; never in an event)' } },
  examples: [{ email: 'family@example.org' }],
};

/** The team's view of the surveys: who was invited for which letter, the results, and the families not to ask. */
@ApiTags('surveys')
@Allow(...SURVEY_READERS)
@Controller('surveys')
export class SurveysController {
  private readonly personal: PersonalData;

  constructor(
    private readonly commands: CommandBus,
    @Inject(SURVEYS_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(SURVEYS_VIEWS) private readonly views: ProjectionRunner,
    @Inject(SURVEY_LINKS) private readonly links: SurveyLinks,
  ) {
    this.personal = new PersonalData(runtime.dataSource, runtime.schema);
  }

  private today() {
    return todayInLondon(this.runtime.clock);
  }

  /**
   * The link of an invitation sent, for those who may open the outbox anyway (its messages hold it):
   * to give a family by another way (read out on the phone, in a letter) when no e-mail reaches them.
   */
  private withLinks<I extends InvitationItem>(req: Request, items: I[]): (I & { link?: string })[] {
    if (!callerOf(req)?.roles.some((r) => (SURVEY_WORK as string[]).includes(r))) return items;
    return items.map((i) => (i.status === 'suppressed' ? i : { ...i, link: this.links.linkOf(i.invitationId) }));
  }

  @Get('invitations')
  @AuditedRead('list')
  @ApiOperation({ summary: 'Survey invitations, newest first: by the letter that triggered them, the case, or status' })
  @ApiQuery({ name: 'letter-id', required: false, description: 'the letter (e.g. `letter-3`)', schema: { type: 'string', maxLength: 40 } })
  @ApiQuery({ name: 'case-id', required: false, description: 'the case: `ehcna-<uuid>`, `annualReview-<uuid>` or the uuid', schema: { type: 'string', maxLength: 60 } })
  @ApiQuery({ name: 'status', required: false, enum: INVITATION_STATUSES })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: LIST_LIMIT.min, maximum: LIST_LIMIT.max, default: LIST_LIMIT.default } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: LIST_OFFSET.min, maximum: LIST_OFFSET.max, default: LIST_OFFSET.default } })
  @ApiResponse({ status: 200, description: '{ asOf, total, items: [{ invitationId, letterId, caseId, trigger, respondentRole, status (sent|reminded|answered|expired|suppressed), sentOn, expiresOn, remindedOn, answeredOn, suppressedReason, link (caseworkers and team managers: the survey link, to give the family another way), … }] }' })
  @ApiResponse({ status: 400, description: 'A query parameter is malformed (a status not listed, a case id that is not one): the problem names it' })
  async list(@Query() query: Record<string, unknown>, @Req() req: Request) {
    const q = new QueryReader(query);
    const letterId = q.text('letter-id', { maxLength: 40 });
    const rawCase = q.text('case-id', { maxLength: 60 });
    const caseId = rawCase === undefined ? undefined : caseUuidOf(rawCase);
    if (caseId === null) q.reject('case-id', 'InvalidFormat', 'case-id must be a case id: ehcna-<uuid>, annualReview-<uuid> or a uuid');
    const status = q.oneOf('status', INVITATION_STATUSES);
    const limit = q.integer('limit', { min: LIST_LIMIT.min, max: LIST_LIMIT.max, default: LIST_LIMIT.default });
    const offset = q.integer('offset', { min: LIST_OFFSET.min, max: LIST_OFFSET.max, default: LIST_OFFSET.default });
    q.done();
    const today = this.today();
    const { total, items } = await invitations(this.runtime.pool, this.runtime.schema, today, { letterId, caseId: caseId ?? undefined, status, limit, offset });
    return { asOf: today, total, items: this.withLinks(req, items) };
  }

  @Get('invitations/:id')
  @AuditedRead('case')
  @NotScoped('an invitation id names a survey invitation, which shows ids and dates only')
  @ApiOperation({ summary: 'One survey invitation' })
  @ApiResponse({ status: 200, description: 'The invitation: { invitationId, letterId, caseId, trigger, respondentRole, status, sentOn, expiresOn, … }' })
  @ApiResponse({ status: 404, description: 'No such invitation' })
  async one(@Param('id') id: string, @Req() req: Request) {
    const found = isUuid(id) ? await invitationById(this.runtime.pool, this.runtime.schema, this.today(), id.toLowerCase()) : null;
    if (!found) throw problem(404, 'InvitationNotFound', 'No such invitation', `No survey invitation ${id}`);
    return this.withLinks(req, [found])[0];
  }

  @Get('results')
  @ApiOperation({ summary: 'Survey results for a range of months: response rates by trigger, team and month, score distributions and means, the CYP involvement measure, themes and redacted comments' })
  @ApiQuery({ name: 'from', required: false, description: 'first month, YYYY-MM (default: 11 months before to)', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } })
  @ApiQuery({ name: 'to', required: false, description: 'last month, YYYY-MM, at most 60 months after from (default: this month, Europe/London)', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } })
  @ApiQuery({ name: 'trigger', required: false, description: 'one trigger, e.g. `final-plan`', schema: { type: 'string', maxLength: 63 } })
  @ApiQuery({ name: 'team', required: false, description: 'one team id, or `unallocated`', schema: { type: 'string', maxLength: 63 } })
  @ApiResponse({ status: 200, description: '{ from, to, invited, answered, responseRate, byTrigger, byTeam, byMonth: [{ month, invited, answered, responseRate, means }], questions: [{ question, text, n, mean, distribution }], cypInvolvement, themes, comments }' })
  @ApiResponse({ status: 400, description: 'from or to not YYYY-MM, to before from, or a range over 60 months: the problem names the parameter' })
  async results(@Query() query: Record<string, unknown>) {
    const q = new QueryReader(query);
    // by default the twelve months to this one (Europe/London)
    const to = q.text('to', { maxLength: 7 }) ?? this.today().slice(0, 7);
    const from = q.text('from', { maxLength: 7 }) ?? (MONTH.test(to) ? monthsBefore(to, 11) : undefined);
    if (from !== undefined && !MONTH.test(from)) q.reject('from', 'InvalidFormat', 'from must be a month YYYY-MM');
    if (!MONTH.test(to)) q.reject('to', 'InvalidFormat', 'to must be a month YYYY-MM');
    const trigger = q.text('trigger', { maxLength: 63 });
    const team = q.text('team', { maxLength: 63 });
    if (from && to && MONTH.test(from) && MONTH.test(to)) {
      const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5)) - Number(from.slice(5));
      if (months < 0) q.reject('to', 'ToBeforeFrom', `to (${to}) is before from (${from})`);
      else if (months >= 60) q.reject('to', 'RangeTooLong', 'the range is at most 60 months');
    }
    q.done();
    return surveyResults(this.runtime.pool, this.runtime.schema, { from: from!, to: to!, trigger, team }, (ids) => this.personal.texts(ids));
  }

  @Get('suppressions')
  @AuditedRead('list')
  @ApiOperation({ summary: 'The children whose families are sent no surveys: flagged off by staff, opted out, or deceased' })
  @ApiResponse({ status: 200, description: '{ items: [{ personId, flag: { reason, flaggedOn, flaggedBy } | null, optedOutOn, diedOn }] }' })
  async suppressions() {
    const { rows } = await this.runtime.pool.query(
      `SELECT person_id::text, flag_reason, flagged_on::text, flagged_by, opted_out_on::text, died_on::text FROM "${this.runtime.schema}".rm_survey_recipients
       WHERE flag_reason IS NOT NULL OR opted_out_on IS NOT NULL OR died_on IS NOT NULL ORDER BY person_id LIMIT 1000`);
    return { items: (rows as Record<string, string | null>[]).map(suppressionView) };
  }

  @Post('suppressions')
  @Allow(...SURVEY_WORK)
  @HttpCode(201)
  @ApiOperation({ summary: 'Flag a child\'s family off surveys (a safeguarding flag, or another reason): no invitation is sent, no reminder, until the flag is lifted' })
  @ApiBody({ schema: SuppressionBody })
  @ApiResponse({ status: 201, description: 'Flagged: the family\'s survey flags { personId, suppressed: true, flag: { reason, flaggedOn, flaggedBy }, optedOutOn, diedOn }; Location: /surveys/suppressions/{personId}' })
  @ApiResponse({ status: 200, description: 'The same flag was already set: nothing changed, the same body' })
  @ApiResponse({ status: 400, description: 'personId not a uuid, reason missing or over 200 characters: the problem names the field and rule' })
  @ApiResponse({ status: 409, description: 'A stale revision (another change got in first)' })
  async flag(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const b = new BodyReader(body);
    const personId = b.uuid('personId');
    const reason = b.string('reason', { maxLength: 200 })?.trim();
    if (reason === '') b.reject('reason', 'Required', 'reason is required');
    b.done();
    const today = this.today();
    const context = requestContext(req, today);
    const result: Executed<string> = await this.commands.execute(new ExecuteSurveyCommand(RECIPIENT, personId!, {
      type: 'FlagSurveysOff', data: { personId: personId!, reason: reason!, today, by: context.actor.id },
    }, context));
    if (!result.ok) throw problem(409, result.error, 'Not recorded', result.error);
    res.setHeader('Location', `/surveys/suppressions/${personId}`);
    if (result.events.length === 0) res.status(200);
    return viewOnceApplied(res, this.views, result, `/surveys/suppressions/${personId}`, () => this.suppression(personId!));
  }

  @Get('suppressions/:personId')
  @AuditedRead('person')
  @NotScoped('a child id: the answer holds ids, dates and the reason staff gave')
  @ApiOperation({ summary: 'A child\'s family\'s survey flags' })
  @ApiResponse({ status: 200, description: '{ personId, suppressed, flag, optedOutOn, diedOn }' })
  @ApiResponse({ status: 404, description: 'personId is not a uuid' })
  async suppressionOf(@Param('personId') personId: string) {
    if (!isUuid(personId)) throw problem(404, 'PersonNotFound', 'No such person', `No person ${personId}`);
    return this.suppression(personId.toLowerCase());
  }

  @Delete('suppressions/:personId')
  @Allow(...SURVEY_WORK)
  @NotScoped('a child id: lifting a flag shows ids and dates only')
  @ApiOperation({ summary: 'Lift the staff flag on a child\'s family\'s surveys (an opt-out is the family\'s and stays; a death is never lifted)' })
  @ApiResponse({ status: 200, description: 'The family\'s survey flags after the lift: { personId, suppressed, flag: null, optedOutOn, diedOn }' })
  @ApiResponse({ status: 404, description: 'NoFlagToLift: no staff flag is set on this child (or personId is not a uuid)' })
  @ApiResponse({ status: 409, description: 'A stale revision (another change got in first)' })
  async lift(@Param('personId') personId: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (!isUuid(personId)) throw problem(404, 'NoFlagToLift', 'No flag to lift', `No person ${personId}`);
    const id = personId.toLowerCase();
    const today = this.today();
    const context = requestContext(req, today);
    const result: Executed<string> = await this.commands.execute(new ExecuteSurveyCommand(RECIPIENT, id, { type: 'LiftSurveysFlag', data: { personId: id, today, by: context.actor.id } }, context));
    if (!result.ok) throw problem(404, 'NoFlagToLift', 'No flag to lift', `No staff flag is set on the surveys of ${id}`);
    return viewOnceApplied(res, this.views, result, `/surveys/suppressions/${id}`, () => this.suppression(id));
  }

  @Put('contacts/:personId')
  @Allow(...SURVEY_WORK)
  @NotScoped('a child id: the family\'s survey address, written and never shown back in a list')
  @ApiOperation({ summary: 'Record where a child\'s family\'s survey invitations go (the family\'s e-mail address, given with their consent)' })
  @ApiBody({ schema: ContactBody })
  @ApiResponse({ status: 200, description: '{ personId, email }' })
  @ApiResponse({ status: 400, description: 'email missing or not an e-mail address: the problem names the field' })
  @ApiResponse({ status: 404, description: 'personId is not a uuid' })
  @ApiResponse({ status: 409, description: 'PersonErased: the child\'s details were erased (UK GDPR art. 17); no address is kept for them' })
  async contact(@Param('personId') personId: string, @Body() body: unknown, @Req() req: Request) {
    if (!isUuid(personId)) throw problem(404, 'PersonNotFound', 'No such person', `No person ${personId}`);
    const b = new BodyReader(body);
    const email = b.string('email', { maxLength: 320 })?.trim();
    if (email !== undefined && !EMAIL.test(email)) b.reject('email', 'InvalidFormat', 'email must be an e-mail address');
    b.done();
    const id = personId.toLowerCase();
    // the person's contact, beside the events like every personal detail: an erased person stays erased
    const { rowCount } = await this.runtime.pool.query(
      `INSERT INTO "${this.runtime.schema}".people (person_id, contact) VALUES ($1, $2)
       ON CONFLICT (person_id) DO UPDATE SET contact = COALESCE(people.contact, '{}'::jsonb) || EXCLUDED.contact WHERE people.erased_at IS NULL`,
      [id, JSON.stringify({ email, recordedBy: requestContext(req, this.today()).actor.id })]);
    if (rowCount === 0) throw problem(409, 'PersonErased', 'Erased', `The details of ${id} were erased: no address can be kept for them`);
    return { personId: id, email };
  }

  @Post('outbox/:messageId/sent-by-hand')
  @Allow(...SURVEY_WORK)
  @HttpCode(200)
  @NotScoped('a message id: the message holds a stage and a link, never the child')
  @ApiOperation({ summary: 'Record that a caseworker sent a message on themselves (one in the outbox, with no address, or failed), so nobody sends it again' })
  @ApiResponse({ status: 200, description: 'The message, `sent-by-hand`, with sentAt and sentBy' })
  @ApiResponse({ status: 404, description: 'No such message' })
  @ApiResponse({ status: 409, description: 'MessageAlreadySent or MessageWaitingForSmtp: the message was sent, or the SMTP sweep will send it' })
  async sentByHand(@Param('messageId') messageId: string, @Req() req: Request) {
    if (!isUuid(messageId)) throw problem(404, 'MessageNotFound', 'No such message', `No message ${messageId}`);
    const by = requestContext(req, this.today()).actor.id;
    const { rows } = await this.runtime.pool.query(
      `UPDATE "${this.runtime.schema}".survey_messages SET status = 'sent-by-hand', sent_at = now(), sent_by = $2, last_error = NULL
       WHERE message_id = $1 AND status = ANY($3) RETURNING message_id`, [messageId.toLowerCase(), by, SENT_BY_HAND_FROM]);
    if (rows.length === 0) {
      const found = (await this.runtime.pool.query(`SELECT status FROM "${this.runtime.schema}".survey_messages WHERE message_id = $1`, [messageId.toLowerCase()])).rows[0] as { status: string } | undefined;
      if (!found) throw problem(404, 'MessageNotFound', 'No such message', `No message ${messageId}`);
      throw found.status === 'pending'
        ? problem(409, 'MessageWaitingForSmtp', 'The SMTP sweep will send it', 'The message is waiting to be sent by SMTP')
        : problem(409, 'MessageAlreadySent', 'Already sent', `The message is ${found.status}`);
    }
    return (await this.messages({ messageId: messageId.toLowerCase(), limit: 1, offset: 0 })).items[0];
  }

  @Get('outbox')
  @Allow(...SURVEY_WORK)
  @AuditedRead('list')
  @ApiOperation({ summary: 'The messages the service has written, newest first: sent by SMTP, waiting, with no address, failed, or (embedded, no SMTP) kept here to send on' })
  @ApiQuery({ name: 'status', required: false, enum: MESSAGE_STATUSES })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: LIST_LIMIT.min, maximum: LIST_LIMIT.max, default: LIST_LIMIT.default } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: LIST_OFFSET.min, maximum: LIST_OFFSET.max, default: LIST_OFFSET.default } })
  @ApiResponse({ status: 200, description: '{ total, items: [{ messageId, invitationId, kind, to, subject, body, status, attempts, lastError, createdAt, sentAt }] }' })
  @ApiResponse({ status: 400, description: 'A query parameter is malformed: the problem names it' })
  async outbox(@Query() query: Record<string, unknown>) {
    const q = new QueryReader(query);
    const status = q.oneOf('status', MESSAGE_STATUSES);
    const limit = q.integer('limit', { min: LIST_LIMIT.min, max: LIST_LIMIT.max, default: LIST_LIMIT.default });
    const offset = q.integer('offset', { min: LIST_OFFSET.min, max: LIST_OFFSET.max, default: LIST_OFFSET.default });
    q.done();
    return this.messages({ status, limit, offset });
  }

  private async messages(q: { status?: string; messageId?: string; limit: number; offset: number }) {
    const where = q.messageId ? 'WHERE message_id = $1' : q.status ? 'WHERE status = $1' : '';
    const { rows } = await this.runtime.pool.query(
      `SELECT message_id::text, invitation_id::text, kind, to_address, subject, body, status, attempts, last_error, created_at, sent_at, sent_by, count(*) OVER () AS total
       FROM "${this.runtime.schema}".survey_messages ${where} ORDER BY created_at DESC, message_id LIMIT ${q.limit} OFFSET ${q.offset}`,
      q.messageId ? [q.messageId] : q.status ? [q.status] : []);
    return {
      total: rows.length ? Number((rows[0] as { total: string }).total) : 0,
      items: (rows as Record<string, unknown>[]).map((r) => ({
        messageId: r.message_id, invitationId: r.invitation_id, kind: r.kind, to: r.to_address, subject: r.subject, body: r.body, status: r.status,
        attempts: r.attempts, lastError: r.last_error, createdAt: r.created_at, sentAt: r.sent_at, sentBy: r.sent_by,
      })),
    };
  }

  private async suppression(personId: string) {
    const { rows } = await this.runtime.pool.query(
      `SELECT person_id::text, flag_reason, flagged_on::text, flagged_by, opted_out_on::text, died_on::text FROM "${this.runtime.schema}".rm_survey_recipients WHERE person_id = $1`, [personId]);
    return rows[0] ? suppressionView(rows[0] as Record<string, string | null>) : { personId, suppressed: false, flag: null, optedOutOn: null, diedOn: null };
  }
}

/** The month `n` months before a YYYY-MM month. */
function monthsBefore(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5)) - 1 - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function suppressionView(r: Record<string, string | null>) {
  const flag = r.flag_reason ? { reason: r.flag_reason, flaggedOn: r.flagged_on, flaggedBy: r.flagged_by } : null;
  return { personId: r.person_id!, suppressed: !!(flag || r.opted_out_on || r.died_on), flag, optedOutOn: r.opted_out_on, diedOn: r.died_on };
}
