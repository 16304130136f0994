import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { SideTables, SideWrite } from './side-tables';
import { idempotencyScope } from './idempotency';
import type { Request } from 'express';
import { actorOf, callerOf } from '@ehc/identity';
import { correlation } from '@ehc/http';
import { WrongExpectedRevisionError, type Actor, type AppendResult, type EventStore, type ExpectedRevision, type NewEvent } from '@ehc/event-store';
import type { Decider } from '@ehc/domain-kernel';

/** What a decider returns: its events, without metadata. */
export interface DomainEvent {
  type: string;
  data: unknown;
}

export type { Decider };

/** Who is asking, and the request it is part of. */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  /** The command's own id, the causation of every event it produces. */
  commandId?: string;
  /** The effective date (or instant) the caseworker entered: the events' occurredAt. */
  occurredAt: string;
  /** The revision the caller last saw; a later one is a 409, never a silent overwrite. */
  expectedRevision?: number;
}

export type Executed<R> =
  | { ok: true; stream: string; revision: number; position: number; events: NewEvent[] }
  | { ok: false; error: R };

/**
 * Attempts when someone else appends to the stream between our read and our append. Each conflict
 * means another command got in, so a stream this busy is rare; past the last the conflict is a 409.
 */
export const COMMAND_ATTEMPTS = 5;

/**
 * The same four steps for every command (STYLE §3): read the stream and fold it, decide, append
 * with the revision that was read (or the one the caller saw), return the Result. A refusal
 * appends nothing.
 *
 * A caller that sent no expected revision asked for the command on the case as it is, so a
 * concurrent append is no conflict for them: read again and decide again on the newer state (which
 * may now refuse), as Emmett's CommandHandler retries on a version conflict. Only a stale revision
 * the caller sent, or a stream that keeps moving for every attempt, surfaces as
 * WrongExpectedRevisionError (HTTP 409).
 */
export async function executeCommand<C, E extends DomainEvent, S, R>(
  store: EventStore,
  decider: Decider<C, E, S, R>,
  stream: string,
  command: C,
  context: CommandContext,
  schemaVersions: Record<string, number> = {},
  alongside: Alongside = {},
): Promise<Executed<R>> {
  let given = alongside;
  for (let attempt = 1; ; attempt++) {
    try {
      return await readDecideAppend(store, decider, stream, command, context, schemaVersions, given);
    } catch (error) {
      const retry = error instanceof WrongExpectedRevisionError && context.expectedRevision === undefined && attempt < COMMAND_ATTEMPTS;
      if (!retry) throw error;
      // a stream the caller took for new was there after all (a redelivery, a replay): read it this time
      if (given.within && given.newStream) given = { within: given.within };
    }
  }
}

async function readDecideAppend<C, E extends DomainEvent, S, R>(
  store: EventStore,
  decider: Decider<C, E, S, R>,
  stream: string,
  command: C,
  context: CommandContext,
  schemaVersions: Record<string, number>,
  alongside: Alongside,
): Promise<Executed<R>> {
  const history = alongside.within && alongside.newStream ? [] : await store.readStream(stream);
  const state = history.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), decider.initialState());
  const decided = decider.decide(command, state);
  if (!decided.ok) return { ok: false, error: decided.error };
  const current: ExpectedRevision = history.length === 0 ? 'no-stream' : history[history.length - 1].revision;
  const expected: ExpectedRevision = context.expectedRevision ?? current;
  const events: NewEvent[] = decided.value.map((e) => ({
    id: randomUUID(),
    type: e.type,
    schemaVersion: schemaVersions[e.type] ?? 1,
    data: e.data,
    metadata: {
      occurredAt: context.occurredAt,
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.commandId ?? null,
    },
  }));
  if (events.length === 0) {
    return { ok: true, stream, revision: typeof current === 'number' ? current : -1, position: 0, events };
  }
  const appended: AppendResult = await append(store, stream, events, expected, alongside);
  return { ok: true, stream, revision: appended.nextExpectedRevision, position: appended.lastGlobalPosition, events };
}

/**
 * What commits with a command's events: its side writes, in a transaction of the service's own
 * tables opened once the command is decided; or the caller's transaction, already open.
 */
export type Alongside =
  | { sideTables?: undefined; writes?: undefined; within?: undefined }
  | { sideTables: SideTables; writes: SideWrite[]; within?: undefined }
  /**
   * `newStream`: the caller knows the stream is new (its id was just drawn), or almost always is (an
   * id derived from a message seldom seen twice), so there is nothing to read: no second connection
   * is taken while the caller's transaction holds one (and perhaps a lock others wait on, such as a
   * reference counter's row). If the stream exists after all, the append conflicts and the command is
   * read and decided again on what the stream holds.
   */
  | { within: PoolClient; newStream?: boolean; sideTables?: undefined; writes?: undefined };

function append(store: EventStore, stream: string, events: NewEvent[], expected: ExpectedRevision, alongside: Alongside): Promise<AppendResult> {
  // a request sent with an Idempotency-Key claims it in the transaction of its events
  const claim = idempotencyScope.getStore();
  const claimed = async (client: PoolClient) => { if (claim) await claim.keys.claim(client, claim); };
  if (alongside.within) return claimed(alongside.within).then(() => store.appendToStream(stream, events, expected, alongside.within));
  const { sideTables, writes } = alongside;
  if (!claim && (!sideTables || writes.length === 0)) return store.appendToStream(stream, events, expected);
  const transaction = sideTables?.transaction ?? claim!.keys.transaction;
  return transaction(async (client) => {
    await claimed(client);
    for (const write of writes ?? []) await write(client);
    return store.appendToStream(stream, events, expected, client);
  });
}

/**
 * Who is asking, as the access token proved it (never a header the caller writes), and the request's
 * correlation id; `occurredAt` is the effective date the caseworker entered.
 */
export function requestContext(req: Request, occurredAt: string): CommandContext {
  return { actor: actorOf(callerOf(req)), correlationId: correlation.getStore()?.correlationId ?? 'none', occurredAt };
}
