import { createTestSchema, type TestSchema } from '@ehc/testing';
import type { Clock } from '@ehc/domain-kernel';
import { AuditLog, entryHash, type AuditRead } from './audit-log';
import { GENESIS_HASH } from './audit-log.migrations';

/** A clock one minute later at each reading, from a fixed instant. */
const ticking = (start: string): Clock => {
  let t = Date.parse(start);
  return () => new Date((t += 60_000));
};

const read = (n: number, over: Partial<AuditRead> = {}): AuditRead => ({
  kind: 'read', actor: n % 2 ? 'caseworker:asha' : 'manager:ben', actorRoles: ['caseworker'], clientId: 'workspace',
  subjectKind: 'case', subjectIds: [`case-${n % 3}`, `person-${n % 3}`], subjectsOmitted: 0, query: null,
  endpoint: 'GET /needs-assessments/:id', status: 200, source: '10.0.0.7', userAgent: 'Mozilla/5.0', ...over,
});

describe('the audit log (real PostgreSQL)', () => {
  let schema: TestSchema;
  let log: AuditLog;
  /** As the table's owner would: the triggers that refuse UPDATE and DELETE are turned off first. */
  const tamper = async (sql: string, params: unknown[] = []) => {
    await schema.pool.query(`ALTER TABLE "${schema.schema}".audit_log DISABLE TRIGGER audit_log_append_only`);
    await schema.pool.query(sql.replaceAll('S.', `"${schema.schema}".`), params);
    await schema.pool.query(`ALTER TABLE "${schema.schema}".audit_log ENABLE TRIGGER audit_log_append_only`);
  };

  beforeEach(async () => {
    schema = await createTestSchema('audit_log');
    log = await AuditLog.open(schema.pool, schema.schema, ticking('2026-03-02T09:00:00Z'));
  });

  afterEach(async () => {
    await schema.drop();
  });

  const fill = async (n: number) => { for (let i = 1; i <= n; i++) await log.record(read(i)); };

  it('chains each entry to the one before it, from the genesis hash', async () => {
    const first = await log.record(read(1));
    const second = await log.record(read(2));
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, recordedAt: '2026-03-02T09:01:00.000Z' });
    expect(first.hash).toBe(entryHash(GENESIS_HASH, first));
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(await log.verify()).toEqual({ ok: true, entries: 2, lastHash: second.hash });
  });

  it('keeps one chain when many readers are recorded at once', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => log.record(read(i))));
    expect(await log.verify()).toMatchObject({ ok: true, entries: 40 });
  });

  it('refuses to update or delete an entry', async () => {
    await fill(2);
    await expect(schema.pool.query(`UPDATE "${schema.schema}".audit_log SET actor = 'nobody'`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(schema.pool.query(`DELETE FROM "${schema.schema}".audit_log`)).rejects.toThrow(/append-only: DELETE refused/);
    expect(await log.verify()).toMatchObject({ ok: true, entries: 2 });
  });

  it('finds a changed entry', async () => {
    await fill(5);
    await tamper(`UPDATE S.audit_log SET actor = 'someone-else' WHERE seq = 3`);
    expect(await log.verify()).toMatchObject({ ok: false, entries: 2, brokenAt: 3, finding: 'changed', entry: { seq: 3, actor: 'someone-else' } });
  });

  it('finds a changed entry whose hash was recomputed to match', async () => {
    await fill(5);
    const [third] = (await log.search({ limit: 1000 })).items.filter((e) => e.seq === 3);
    const forged = { ...third, subjectIds: ['case-forged'] };
    await tamper(`UPDATE S.audit_log SET subject_ids = $1, hash = $2 WHERE seq = 3`, [forged.subjectIds, entryHash(third.prevHash, forged)]);
    expect(await log.verify()).toMatchObject({ ok: false, entries: 3, brokenAt: 4, finding: 'inserted' });
  });

  it('finds a removed entry in the middle of the chain', async () => {
    await fill(5);
    await tamper(`DELETE FROM S.audit_log WHERE seq = 2`);
    expect(await log.verify()).toEqual({ ok: false, entries: 1, brokenAt: 2, finding: 'removed', entry: null });
  });

  it('finds the newest entries removed, by the head', async () => {
    await fill(5);
    await tamper(`DELETE FROM S.audit_log WHERE seq >= 4`);
    expect(await log.verify()).toEqual({ ok: false, entries: 3, brokenAt: 4, finding: 'removed', entry: null });
  });

  it('answers who read a record, and when, newest first', async () => {
    await fill(6);
    const ofCase1 = await log.search({ subjectId: 'case-1' });
    expect(ofCase1).toMatchObject({ total: 2, items: [{ seq: 4 }, { seq: 1 }] });
    expect((await log.search({ subjectId: 'person-1', limit: 1, offset: 1 })).items.map((e) => e.seq)).toEqual([1]);
    const byBen = await log.search({ actor: 'manager:ben', from: '2026-03-02T09:03:00Z', to: '2026-03-02T09:05:00Z' });
    expect(byBen.items.map((e) => [e.seq, e.recordedAt])).toEqual([[4, '2026-03-02T09:04:00.000Z']]);
  });

  it('keeps every field of an entry as it was recorded, and opens again on the same tables', async () => {
    const recorded = await log.record(read(1, { kind: 'erasure', subjectKind: 'person', clientId: null, userAgent: null, query: 'q=Okafor', status: 404 }));
    const again = await AuditLog.open(schema.pool, schema.schema, ticking('2026-03-02T10:00:00Z'));
    expect((await again.search()).items).toEqual([recorded]);
    expect(await again.verify()).toMatchObject({ ok: true, entries: 1 });
  });

  it('refuses an entry without its actor, subject or endpoint', async () => {
    await expect(log.record(read(1, { actor: '' }))).rejects.toThrow(/actor is required/);
    expect(await log.verify()).toMatchObject({ ok: true, entries: 0 });
  });
});
