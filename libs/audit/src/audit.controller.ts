import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { QueryReader } from '@ehc/http';
import { Allow } from '@ehc/identity';
import { AuditLog } from './audit-log';
import { AUDIT_LOG } from './audited';

/** An instant with its offset, as the log records them: 2026-03-02T09:00:00Z, 2026-03-02T09:00:00.000+01:00. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
export const AUDIT_SEARCH_LIMIT = { min: 1, max: 1000, default: 100 } as const;
export const AUDIT_SEARCH_OFFSET = { min: 0, max: 1_000_000, default: 0 } as const;

const ENTRY_EXAMPLE = {
  seq: 412, recordedAt: '2026-03-02T09:14:07.120Z', kind: 'read', actor: 'cw-ayesha', actorRoles: ['caseworker'], clientId: 'workspace',
  subjectKind: 'case', subjectIds: ['4f0c2a9e-8a6b-4c1d-9a57-2f1de3b0c6a1', '0b7e5d2c-1f4a-4e8b-b3c9-6d5a4e3f2b1a'], subjectsOmitted: 0, query: null,
  endpoint: 'GET /needs-assessments/:id', status: 200, source: '10.20.3.41', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
  prevHash: '5d1c8e0b4a7f9e2d3c6b1a0f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d', hash: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b',
};
const ENTRY_SCHEMA: Record<string, any> = {
  type: 'object',
  required: ['seq', 'recordedAt', 'kind', 'actor', 'actorRoles', 'clientId', 'subjectKind', 'subjectIds', 'subjectsOmitted', 'query', 'endpoint', 'status', 'source', 'userAgent', 'prevHash', 'hash'],
  properties: {
    seq: { type: 'integer', description: 'Position in the chain, from 1' },
    recordedAt: { type: 'string', format: 'date-time', description: 'When the hub answered the read' },
    kind: { type: 'string', enum: ['read', 'erasure'] },
    actor: { type: 'string', description: 'The verified caller: the access token\'s subject' },
    actorRoles: { type: 'array', items: { type: 'string' } },
    clientId: { type: ['string', 'null'], description: 'The OAuth client the token was issued to' },
    subjectKind: { type: 'string', enum: ['case', 'plan', 'person', 'list'] },
    subjectIds: { type: 'array', items: { type: 'string' }, description: 'The case, plan and person ids the answer showed (or the request asked for)' },
    subjectsOmitted: { type: 'integer', description: 'Ids a very long list showed beyond those kept; `query` says what it asked' },
    query: { type: ['string', 'null'], description: 'The query string sent, truncated to 1000 characters' },
    endpoint: { type: 'string', description: 'Method and route pattern' },
    status: { type: 'integer', description: 'The answer: 2xx shown, 404 not found' },
    source: { type: 'string', description: 'The client address as the hub saw it' },
    userAgent: { type: ['string', 'null'], description: 'The User-Agent header, truncated to 200 characters' },
    prevHash: { type: 'string' },
    hash: { type: 'string' },
  },
  example: ENTRY_EXAMPLE,
};

const PROBLEM_SCHEMA = {
  type: 'object',
  properties: {
    type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } } } },
  },
};

/**
 * The administrator's view of the audit log (issue 11): who read a child's record, and when; and
 * whether the log is as it was written.
 */
@ApiTags('audit')
@Allow('administrator')
@Controller('audit')
export class AuditController {
  constructor(@Inject(AUDIT_LOG) private readonly log: AuditLog) {}

  @Get('reads')
  @ApiOperation({
    summary: 'Search the audit log of reads and erasures of personal data, newest first: by the person who read, by the case, plan or person read, and by time',
    description: '`subject` finds every entry whose answer showed that id: a person id finds the reads of their cases, plans, letters, timelines and the lists that showed them.',
  })
  @ApiQuery({ name: 'actor', required: false, description: 'the caller\'s subject (user or service account id)', schema: { type: 'string', maxLength: 200 }, example: 'cw-ayesha' })
  @ApiQuery({ name: 'subject', required: false, description: 'a case, plan or person id', schema: { type: 'string', maxLength: 100 }, example: '0b7e5d2c-1f4a-4e8b-b3c9-6d5a4e3f2b1a' })
  @ApiQuery({ name: 'from', required: false, description: 'from this instant, inclusive (ISO 8601 with its offset)', schema: { type: 'string', format: 'date-time' }, example: '2026-03-01T00:00:00Z' })
  @ApiQuery({ name: 'to', required: false, description: 'to this instant, inclusive (ISO 8601 with its offset)', schema: { type: 'string', format: 'date-time' }, example: '2026-03-31T23:59:59Z' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: AUDIT_SEARCH_LIMIT.min, maximum: AUDIT_SEARCH_LIMIT.max, default: AUDIT_SEARCH_LIMIT.default } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: AUDIT_SEARCH_OFFSET.min, maximum: AUDIT_SEARCH_OFFSET.max, default: AUDIT_SEARCH_OFFSET.default } })
  @ApiOkResponse({
    description: 'How many entries match, and the page asked for',
    schema: {
      type: 'object', required: ['total', 'items'],
      properties: { total: { type: 'integer' }, items: { type: 'array', items: ENTRY_SCHEMA } },
      example: { total: 1, items: [ENTRY_EXAMPLE] },
    },
  })
  @ApiResponse({
    status: 400,
    description: 'A malformed filter: `from`/`to` not an ISO instant with its offset, `from` after `to`, `limit` or `offset` out of range, a value too long; the problem names each field',
    content: { 'application/problem+json': { schema: { ...PROBLEM_SCHEMA, example: {
      type: 'https://ehc-hub.example/problems/MustBeInstant', title: 'The request is not valid', status: 400,
      detail: 'from must be an ISO 8601 instant with its offset, e.g. 2026-03-02T09:00:00Z',
      errors: [{ field: 'from', rule: 'MustBeInstant', message: 'from must be an ISO 8601 instant with its offset, e.g. 2026-03-02T09:00:00Z' }],
    } } } },
  })
  async reads(@Query() query: Record<string, unknown>) {
    const q = new QueryReader(query);
    const actor = q.text('actor', { maxLength: 200 });
    const subject = q.text('subject', { maxLength: 100 });
    const instant = (name: string) => {
      const raw = q.text(name, { maxLength: 40 });
      if (raw === undefined) return undefined;
      if (!INSTANT.test(raw) || Number.isNaN(Date.parse(raw))) {
        q.reject(name, 'MustBeInstant', `${name} must be an ISO 8601 instant with its offset, e.g. 2026-03-02T09:00:00Z`);
        return undefined;
      }
      return new Date(raw).toISOString();
    };
    const from = instant('from');
    const to = instant('to');
    if (from && to && from > to) q.reject('from', 'FromAfterTo', 'from must be on or before to');
    const limit = q.integer('limit', AUDIT_SEARCH_LIMIT);
    const offset = q.integer('offset', AUDIT_SEARCH_OFFSET);
    q.done();
    return this.log.search({ actor, subjectId: subject?.toLowerCase(), from, to, limit, offset });
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verify the audit log: walk the hash chain from the first entry and answer whether every entry is as it was written',
    description: 'A changed, removed or inserted entry is a finding (200, `ok: false`, the first one found), not an error of the request. It reads the whole log: run it when needed, not on every page.',
  })
  @ApiOkResponse({
    description: '`ok: true` with the number of entries and the last hash; or `ok: false` with the first broken entry (`brokenAt`, what was found, the entry as it now stands if it is there)',
    schema: {
      type: 'object', required: ['ok', 'entries'],
      properties: {
        ok: { type: 'boolean' }, entries: { type: 'integer', description: 'Entries verified (before the first broken one)' },
        lastHash: { type: 'string' }, brokenAt: { type: 'integer' }, finding: { type: 'string', enum: ['changed', 'removed', 'inserted'] },
        entry: { anyOf: [ENTRY_SCHEMA, { type: 'null' }] },
      },
      example: { ok: false, entries: 411, brokenAt: 412, finding: 'changed', entry: ENTRY_EXAMPLE },
    },
  })
  async verify() {
    return this.log.verify();
  }
}
