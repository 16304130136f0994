import type { Response } from 'express';
import type { ProjectionRunner } from '@ehc/messaging';

/**
 * How long a command's answer waits for its view to show the command. Long enough for a busy
 * projection (milliseconds, usually); short enough that a client is told within seconds when the
 * views are held back (an open transaction elsewhere in the database holds every reader back).
 */
export const COMMAND_VIEW_WAIT_MS = 3_000;

/** What a command answers when it is stored but its view has not caught up yet (202 Accepted). */
export interface AcceptedNotYetVisible {
  status: 'accepted';
  detail: string;
  stream: string;
  /** The stream's revision after the command: send it as `expectedRevision` with the next command. */
  revision: number;
  /** The command's last event in the store's global order: the view shows it once it is at or past this. */
  position: number;
  /** Where to read the view once it has caught up. */
  location: string;
}

/**
 * A command's answer is the view with the command applied, never an older state presented as the
 * new one. If the view has not applied it within the wait, the answer says so: 202, with
 * `Location` to read it from and `Retry-After`, and the revision and position the command got.
 */
export async function viewOnceApplied<V>(
  res: Response, views: ProjectionRunner, stored: { stream: string; revision: number; position: number }, location: string,
  view: () => Promise<V>, waitMs = COMMAND_VIEW_WAIT_MS,
): Promise<V | AcceptedNotYetVisible> {
  if (!stored.position || await views.waitFor(stored.position, waitMs)) return view();
  res.status(202).setHeader('Location', location);
  res.setHeader('Retry-After', '1');
  return {
    status: 'accepted',
    detail: `The command is recorded (revision ${stored.revision}), but the view has not caught up with it yet: read ${location} in a moment.`,
    stream: stored.stream, revision: stored.revision, position: stored.position, location,
  };
}
