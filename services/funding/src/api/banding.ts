import type { CalendarDate } from '@ehc/domain-kernel';
import type { EventStore } from '@ehc/event-store';
import { BANDING_MATRIX_STREAM, evolve, initialState, type BandRate, type Event } from '../domain/banding/banding-matrix';

/** The banding matrix as its events leave it (a short stream: one event per import that added rates). */
export async function bandingMatrix(store: EventStore): Promise<{ rates: BandRate[]; revision: number | null }> {
  const events = await store.readStream(BANDING_MATRIX_STREAM);
  const state = events.reduce((s, e) => evolve(s, { type: e.type, data: e.data } as Event), initialState());
  return { rates: state.rates, revision: events.length ? events[events.length - 1].revision : null };
}

export type { BandRate, CalendarDate };
