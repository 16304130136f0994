import type { EventStore } from '@ehc/event-store';
import { recipientDecider, recipientStream, suppressionOf, type Event } from '../domain/recipient';

/** Why no survey may go to this child's family now (a death, an opt-out, a staff flag), read from its stream; null when one may. */
export async function familySuppression(store: EventStore, childId: string) {
  const events = await store.readStream(recipientStream(childId));
  return suppressionOf(events.reduce((state, e) => recipientDecider.evolve(state, { type: e.type, data: e.data } as Event), recipientDecider.initialState()));
}
