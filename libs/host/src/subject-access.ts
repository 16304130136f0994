import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { isUuid } from '@ehc/domain-kernel';
import type { EventEnvelope } from '@ehc/event-store';
import { problem } from '@ehc/http';
import { Allow, callerOf, NotScoped } from '@ehc/identity';
import { AuditedRead } from '@ehc/audit';
import type { ServiceRuntime } from './runtime';

export const SUBJECT_ACCESS_RUNTIMES = Symbol('SUBJECT_ACCESS_RUNTIMES');

/** What one service holds about a person: their details, and every stream that names them, with its documents. */
export interface ServiceHoldings {
  details: Record<string, unknown>[];
  streams: { stream: string; events: EventEnvelope[]; documents: Record<string, unknown>[] }[];
}

export interface SubjectAccessExport {
  personId: string;
  exportedAt: string;
  exportedBy: string;
  /** How the export was made, so whoever answers the request can say what it covers. */
  scope: string;
  services: Record<string, ServiceHoldings>;
}

/** Events are read in pages of this many while looking for the streams that name the person. */
const SCAN_PAGE = 5_000;

/**
 * Everything a service holds about one person: the details kept beside the events (people), and
 * every stream whose events name the person's id — a case, a plan, an erasure — with all of its
 * events (metadata included: who recorded what, when) and the documents those events refer to.
 * Read through the store's port, so it covers either adapter; a person is named by id only, never
 * by a name, so nothing about someone else with the same name is swept in.
 */
export async function holdingsOf(runtime: ServiceRuntime, personId: string): Promise<ServiceHoldings> {
  const details = await optionalRows(runtime, 'people', `SELECT person_id, given_name, family_name, date_of_birth, contact, erased_at, created_at FROM "${runtime.schema}".people WHERE person_id = $1`, [personId]);
  const streams = new Set<string>();
  for (let after = 0; ;) {
    const page = await runtime.store.readAll({ after, maxCount: SCAN_PAGE });
    for (const e of page.events) if (e.stream.includes(personId) || JSON.stringify(e.data).includes(personId)) streams.add(e.stream);
    if (page.events.length < SCAN_PAGE) break;
    after = page.position;
  }
  const found: ServiceHoldings['streams'] = [];
  for (const stream of [...streams].sort()) {
    const documents = await optionalRows(runtime, 'case_documents', `SELECT document_id, kind, content, erased_at, created_at FROM "${runtime.schema}".case_documents WHERE stream_id = $1 ORDER BY created_at`, [stream]);
    found.push({ stream, events: await runtime.store.readStream(stream), documents });
  }
  return { details, streams: found };
}

async function optionalRows(runtime: ServiceRuntime, table: string, sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const { rows: [{ present }] } = await runtime.pool.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [`"${runtime.schema}".${table}`]);
  return present ? (await runtime.pool.query(sql, params)).rows : [];
}

/** UK GDPR art. 15: a person's right of access, answered by an administrator as one file. */
@ApiTags('data rights')
@Allow('administrator')
@Controller('people')
export class SubjectAccessController {
  constructor(@Inject(SUBJECT_ACCESS_RUNTIMES) private readonly runtimes: ServiceRuntime[]) {}

  @Get(':personId/subject-access')
  @NotScoped('the administrator answers a subject access request (UK GDPR art. 15) for anyone the hub holds data on')
  // an export of everything about a person is a read of it, and is recorded as one
  @AuditedRead('person')
  @ApiOperation({ summary: 'Subject access (UK GDPR art. 15): everything the hub holds about one person, as one JSON file' })
  @ApiProduces('application/json')
  @ApiResponse({ status: 200, description: 'A file (`Content-Disposition: attachment`) with, per service: the person\'s details, and every stream naming them with all its events and documents' })
  @ApiResponse({ status: 404, description: 'PersonNotFound: no service holds anything about this id' })
  async export(@Param('personId') personId: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SubjectAccessExport> {
    if (!isUuid(personId)) throw problem(404, 'PersonNotFound', 'No such person', `${personId} is not a person id`);
    const id = personId.toLowerCase();
    const services: Record<string, ServiceHoldings> = {};
    for (const runtime of this.runtimes) services[runtime.service] = await holdingsOf(runtime, id);
    if (Object.values(services).every((s) => s.details.length === 0 && s.streams.length === 0)) {
      throw problem(404, 'PersonNotFound', 'No such person', `No service of this hub holds anything about ${id}`);
    }
    const exportedAt = this.runtimes[0].clock().toISOString();
    res.setHeader('Content-Disposition', `attachment; filename="subject-access-${id}-${exportedAt.slice(0, 10)}.json"`);
    res.setHeader('Cache-Control', 'no-store');
    return {
      personId: id, exportedAt, exportedBy: callerOf(req)?.subject ?? 'unknown',
      scope: 'Per service of this hub: the person\'s details, and every case, plan or other stream whose events name them, with all its events and documents. '
        + 'Read models and letters are built from these and hold nothing more.',
      services,
    };
  }
}
