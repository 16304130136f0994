import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { BodyReader, problem, ProblemException } from '@ehc/http';
import { AuditedRead, auditSubjects } from '@ehc/audit';
import {
  ACCESS_DIRECTORY, Allow, callerOf, STAFF_ROLES, DirectoryRefused, LINK_KINDS, linkTarget, NotScoped, PostgresAccessDirectory, teamId as checkTeamId,
} from '@ehc/identity';

/** The rule each refusal of the directory breaks, by the field it names. */
const RULES: Record<string, string> = {
  teamId: 'InvalidTeamId', name: 'InvalidTeamName', area: 'TooLong', subject: 'InvalidSubject', kind: 'NotAllowedValue', target: 'InvalidLinkTarget',
};

function refused(error: DirectoryRefused): ProblemException {
  const rule = RULES[error.field] ?? 'Invalid';
  return problem(400, rule, 'The request is not valid', error.message, { errors: [{ field: error.field, rule, message: error.message }] });
}

/** Runs a change, answering the directory's refusals as a 400 naming the field. */
async function changing<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof DirectoryRefused) throw refused(error);
    throw error;
  }
}

const TEAM_EXAMPLE = { teamId: 'north', name: 'North team', area: 'North', members: ['cw-ayesha', 'tm-priya'] };
const TEAM_SCHEMA: Record<string, any> = {
  type: 'object', required: ['teamId', 'name', 'area', 'members'],
  properties: {
    teamId: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'The team\'s id: lower-case letters, digits and hyphens' },
    name: { type: 'string', maxLength: 200 },
    area: { type: ['string', 'null'], maxLength: 200, description: 'The area the team covers, if it is one' },
    members: { type: 'array', items: { type: 'string' }, description: 'The members\' subjects (their access tokens\' `sub`)' },
  },
  example: TEAM_EXAMPLE,
};
const TEAM_BODY_SCHEMA: Record<string, any> = {
  type: 'object', required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, area: { type: ['string', 'null'], maxLength: 200, description: 'Left out or null: no area' } },
  example: { name: 'North team', area: 'North' },
};
const MY_NAME_SCHEMA: Record<string, any> = {
  type: 'object', required: ['subject', 'name'], properties: { subject: { type: 'string' }, name: { type: ['string', 'null'] } }, example: { subject: 'cw-ayesha', name: 'Ayesha Khan' },
};
const MY_TEAMS_SCHEMA: Record<string, any> = {
  type: 'object', required: ['teams'],
  properties: { teams: { type: 'array', items: { type: 'object', required: ['teamId', 'name', 'area', 'members'], properties: {
    teamId: { type: 'string' }, name: { type: 'string' }, area: { type: ['string', 'null'] },
    members: { type: 'array', items: { type: 'object', required: ['subject', 'name'], properties: { subject: { type: 'string' }, name: { type: ['string', 'null'], description: 'Null until they have signed in to the workspace' } } } },
  } } } },
  example: { teams: [{ teamId: 'north', name: 'North team', area: 'North', members: [{ subject: 'cw-ayesha', name: 'Ayesha Khan' }, { subject: 'tm-priya', name: null }] }] },
};
const CHILD = '0b7e5d2c-1f4a-4e8b-b3c9-6d5a4e3f2b1a';
const LINK_EXAMPLE = { kind: 'child', target: CHILD, linkedBy: 'admin-sam', linkedAt: '2026-03-02T09:14:07.120Z' };
const LINK_SCHEMA: Record<string, any> = {
  type: 'object', required: ['kind', 'target', 'linkedBy', 'linkedAt'],
  properties: {
    kind: { type: 'string', enum: [...LINK_KINDS] },
    target: { type: 'string', description: 'A child\'s person id, a setting\'s URN or an advice request\'s id' },
    linkedBy: { type: 'string', description: 'The administrator who made the link' },
    linkedAt: { type: 'string', format: 'date-time' },
  },
  example: LINK_EXAMPLE,
};
const PROBLEM_SCHEMA = {
  type: 'object',
  properties: {
    type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } } } },
  },
};
const problemContent = (example: Record<string, unknown>) => ({ 'application/problem+json': { schema: { ...PROBLEM_SCHEMA, example } } });
const badRequest = (description: string, field: string, rule: string, message: string) => ApiResponse({
  status: 400, description,
  content: problemContent({ type: `https://ehc-hub.example/problems/${rule}`, title: 'The request is not valid', status: 400, detail: message, errors: [{ field, rule, message }] }),
});
const BAD_TEAM_ID = badRequest('InvalidTeamId: the team id is not lower-case letters, digits and hyphens (up to 63); nothing was changed', 'teamId', 'InvalidTeamId',
  '"North Team" is not a team id: lower-case letters, digits and hyphens, up to 63');
const TEAM_NOT_FOUND = ApiResponse({
  status: 404, description: 'TeamNotFound: there is no team with this id (create it first with PUT /access/teams/{teamId})',
  content: problemContent({ type: 'https://ehc-hub.example/problems/TeamNotFound', title: 'No such team', status: 404, detail: 'there is no team north' }),
});
const BAD_LINK = badRequest('NotAllowedValue (kind is not child, setting or advice-request), InvalidLinkTarget (a child or advice request not by its UUID, a setting not by its 6- or 7-digit URN) or InvalidSubject; the problem names the field, nothing was changed',
  'target', 'InvalidLinkTarget', '12345 is not valid: a setting is linked by its URN (6 or 7 digits)');

const TEAM_ID_PARAM = ApiParam({ name: 'teamId', description: 'The team\'s id: lower-case letters, digits and hyphens, up to 63', schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }, example: 'north' });
const SUBJECT_PARAM = ApiParam({ name: 'subject', description: 'A user\'s or service account\'s id: their access token\'s `sub`', schema: { type: 'string', maxLength: 255 }, example: 'parent-okafor' });
const KIND_PARAM = ApiParam({ name: 'kind', description: 'What the person is linked to: their child (`child`), a setting they speak for (`setting`), an advice request they were asked for (`advice-request`)', schema: { type: 'string', enum: [...LINK_KINDS] }, example: 'child' });
const TARGET_PARAM = ApiParam({ name: 'target', description: 'A child\'s person id (UUID), a setting\'s URN (6 or 7 digits) or an advice request\'s id (UUID)', schema: { type: 'string' }, example: CHILD });

const NOT_A_CASE = 'a team id and a user\'s subject name staff and teams, not a case: the administrator manages every team';
const NOT_A_CASE_LINK = 'the administrator links any outside party to the child, setting or advice request that is theirs: the link is what grants access, not a case the caller needs a relationship to';

/**
 * The administrator's API to the access directory (issue 11): the teams and their members, and the
 * links of outside parties (a parent to their child, a setting's account to its URN, a professional
 * to an advice request). The access guard reads these on every request for a case or plan.
 */
@ApiTags('access')
@Allow('administrator')
@Controller('access')
export class AccessDirectoryController {
  constructor(@Inject(ACCESS_DIRECTORY) private readonly directory: PostgresAccessDirectory) {}

  @Put('me')
  @Allow(...STAFF_ROLES)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the signed-in member of staff\'s name, from their access token (the workspace calls it at sign-in)',
    description: 'Nothing is read from a body: the name is the token\'s `name` claim, the subject its `sub`. Pages then show names, not the provider\'s ids.',
  })
  @ApiOkResponse({ description: 'The name recorded', schema: MY_NAME_SCHEMA })
  async recordMyName(@Req() req: Request) {
    const caller = callerOf(req)!;
    if (caller.name) await this.directory.recordName(caller.subject, caller.name);
    return { subject: caller.subject, name: caller.name };
  }

  @Get('my-teams')
  @Allow(...STAFF_ROLES)
  @ApiOperation({ summary: 'The signed-in member of staff\'s own teams, each member with their name where known (a team manager reassigns within them)' })
  @ApiOkResponse({ description: 'Their teams; none for someone in no team (they work across the service)', schema: MY_TEAMS_SCHEMA })
  async myTeams(@Req() req: Request) {
    return { teams: await this.directory.teamsOfMember(callerOf(req)!.subject) };
  }

  @Get('teams')
  @ApiOperation({ summary: 'Every team, with its area and members' })
  @ApiOkResponse({
    description: 'The teams, by id',
    schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: TEAM_SCHEMA } }, example: { items: [TEAM_EXAMPLE] } },
  })
  async teams() {
    return { items: await this.directory.teams() };
  }

  @Put('teams/:teamId')
  @HttpCode(200)
  @NotScoped(NOT_A_CASE)
  @ApiOperation({
    summary: 'Create a team, or rename it and set its area',
    description: 'The body replaces the team\'s name and area (an area left out is cleared); its members stay as they are.',
  })
  @TEAM_ID_PARAM
  @ApiBody({ schema: TEAM_BODY_SCHEMA })
  @ApiOkResponse({ description: 'The team as it now stands', schema: TEAM_SCHEMA })
  @badRequest('InvalidTeamId, Required (no name), TooLong (name or area over 200 characters), MustBeString: the problem names each field; nothing was changed', 'name', 'Required', 'name is required')
  async saveTeam(@Param('teamId') id: string, @Body() body: unknown, @Req() req: Request) {
    const input = new BodyReader(body);
    try {
      checkTeamId(id);
    } catch (error) {
      if (!(error instanceof DirectoryRefused)) throw error;
      input.reject('teamId', RULES.teamId, error.message);
    }
    const name = input.string('name', { maxLength: 200 });
    const area = input.string('area', { required: false, maxLength: 200 });
    input.done();
    return changing(() => this.directory.saveTeam({ teamId: id, name: name!, area: area ?? null }, this.actor(req)));
  }

  @Put('teams/:teamId/members/:subject')
  @HttpCode(200)
  @NotScoped(NOT_A_CASE)
  @ApiOperation({ summary: 'Add a member of staff to a team', description: 'Idempotent: `added` is false when they were already a member.' })
  @TEAM_ID_PARAM
  @SUBJECT_PARAM
  @ApiOkResponse({
    description: 'Whether they were added now',
    schema: { type: 'object', required: ['teamId', 'subject', 'added'], properties: { teamId: { type: 'string' }, subject: { type: 'string' }, added: { type: 'boolean' } }, example: { teamId: 'north', subject: 'cw-ayesha', added: true } },
  })
  @BAD_TEAM_ID
  @TEAM_NOT_FOUND
  async addMember(@Param('teamId') id: string, @Param('subject') subject: string, @Req() req: Request) {
    await this.existingTeam(id);
    const added = await changing(() => this.directory.addMember(id, subject, this.actor(req)));
    return { teamId: id, subject, added };
  }

  @Delete('teams/:teamId/members/:subject')
  @HttpCode(200)
  @NotScoped(NOT_A_CASE)
  @ApiOperation({ summary: 'Remove a member of staff from a team', description: 'Idempotent: `removed` is false when they were not a member.' })
  @TEAM_ID_PARAM
  @SUBJECT_PARAM
  @ApiOkResponse({
    description: 'Whether they were removed now',
    schema: { type: 'object', required: ['teamId', 'subject', 'removed'], properties: { teamId: { type: 'string' }, subject: { type: 'string' }, removed: { type: 'boolean' } }, example: { teamId: 'north', subject: 'cw-ayesha', removed: true } },
  })
  @BAD_TEAM_ID
  @TEAM_NOT_FOUND
  async removeMember(@Param('teamId') id: string, @Param('subject') subject: string) {
    await this.existingTeam(id);
    return { teamId: id, subject, removed: await this.directory.removeMember(id, subject) };
  }

  @Get('people/:subject/links')
  @NotScoped('a user\'s subject, not a case: the administrator reads anyone\'s teams and links')
  // the answer names the children a parent is linked to: a read of personal data like any other
  @AuditedRead('person')
  @ApiOperation({ summary: 'The teams a person is in, and what they are linked to (children, settings, advice requests)' })
  @SUBJECT_PARAM
  @ApiOkResponse({
    description: 'Their teams (ids) and links; both empty for a subject the directory does not know',
    schema: {
      type: 'object', required: ['subject', 'teams', 'links'],
      properties: { subject: { type: 'string' }, teams: { type: 'array', items: { type: 'string' } }, links: { type: 'array', items: LINK_SCHEMA } },
      example: { subject: 'parent-okafor', teams: [], links: [LINK_EXAMPLE] },
    },
  })
  async links(@Param('subject') subject: string, @Req() req: Request) {
    const [teams, links] = await Promise.all([this.directory.teamsOf(subject), this.directory.linksOf(subject)]);
    auditSubjects(req, ...links.filter((l) => l.kind === 'child').map((l) => l.target));
    return { subject, teams, links };
  }

  @Put('people/:subject/links/:kind/:target')
  @HttpCode(200)
  @NotScoped(NOT_A_CASE_LINK)
  @ApiOperation({
    summary: 'Link an outside party to their child, a setting they speak for, or an advice request they were asked for',
    description: 'From then on they see that child\'s case and plan (a parent, a young person), the setting\'s pupils and consultations (a setting), the advice request (a professional). Idempotent: `added` is false when the link was there.',
  })
  @SUBJECT_PARAM
  @KIND_PARAM
  @TARGET_PARAM
  @ApiOkResponse({
    description: 'Whether the link was made now',
    schema: {
      type: 'object', required: ['subject', 'kind', 'target', 'added'],
      properties: { subject: { type: 'string' }, kind: { type: 'string', enum: [...LINK_KINDS] }, target: { type: 'string' }, added: { type: 'boolean' } },
      example: { subject: 'parent-okafor', kind: 'child', target: CHILD, added: true },
    },
  })
  @BAD_LINK
  async link(@Param('subject') subject: string, @Param('kind') kind: string, @Param('target') target: string, @Req() req: Request) {
    const link = await changing(async () => linkTarget(kind, target));
    const added = await changing(() => this.directory.link(subject, link.kind, link.target, this.actor(req)));
    return { subject, kind: link.kind, target: link.target, added };
  }

  @Delete('people/:subject/links/:kind/:target')
  @HttpCode(200)
  @NotScoped(NOT_A_CASE_LINK)
  @ApiOperation({ summary: 'Remove a link of an outside party', description: 'They no longer see what the link gave them. Idempotent: `removed` is false when there was no such link.' })
  @SUBJECT_PARAM
  @KIND_PARAM
  @TARGET_PARAM
  @ApiOkResponse({
    description: 'Whether the link was removed now',
    schema: {
      type: 'object', required: ['subject', 'kind', 'target', 'removed'],
      properties: { subject: { type: 'string' }, kind: { type: 'string', enum: [...LINK_KINDS] }, target: { type: 'string' }, removed: { type: 'boolean' } },
      example: { subject: 'parent-okafor', kind: 'child', target: CHILD, removed: true },
    },
  })
  @BAD_LINK
  async unlink(@Param('subject') subject: string, @Param('kind') kind: string, @Param('target') target: string) {
    const link = await changing(async () => linkTarget(kind, target));
    const removed = await this.directory.unlink(subject, link.kind, link.target);
    return { subject, kind: link.kind, target: link.target, removed };
  }

  /** 400 for a malformed team id, 404 for one no team has. */
  private async existingTeam(id: string): Promise<void> {
    await changing(async () => checkTeamId(id));
    if (!(await this.directory.team(id))) throw problem(404, 'TeamNotFound', 'No such team', `there is no team ${id}`);
  }

  private actor(req: Request): string {
    return callerOf(req)!.subject;
  }
}
