import { useSyncExternalStore } from 'react';
import type { MessageActionRequest } from '../../../shared/api.js';

/** A change made offline that the server refused when it was replayed: dropped from the queue, said, and offered again. */
export interface RefusedChange {
  id: number;
  account: string;
  request: MessageActionRequest;
  sentence: string;
}

/**
 * What the offline notice shows: whether any view on screen came from the
 * device's saved copy, how many changes wait for the link, why the last try
 * to send them stopped, and the changes the server refused when they were
 * replayed (each said once, dismissable, and offered again).
 */
export interface OfflineState {
  showingSaved: boolean;
  queued: number;
  /** The last replay stopped with changes left: which one and why (null once a run gets through). */
  stalled: string | null;
  refused: RefusedChange[];
}

const EMPTY: OfflineState = { showingSaved: false, queued: 0, stalled: null, refused: [] };
let state: OfflineState = EMPTY;
let nextId = 1;
const listeners = new Set<() => void>();

function update(patch: Partial<OfflineState>): void {
  const next = { ...state, ...patch };
  if ((Object.keys(next) as Array<keyof OfflineState>).every((k) => next[k] === state[k])) return;
  state = next;
  listeners.forEach((l) => l());
}

export const offlineStatus = {
  get: (): OfflineState => state,
  /** A query was answered from the saved copy because the network failed. */
  servedSaved: () => update({ showingSaved: true }),
  /** A query reached the server: what is on screen is live again. */
  servedLive: () => update({ showingSaved: false }),
  setQueued: (queued: number) => update({ queued, ...(queued === 0 ? { stalled: null } : {}) }),
  setStalled: (stalled: string | null) => update({ stalled }),
  refused: (account: string, request: MessageActionRequest, sentence: string) =>
    update({ refused: [...state.refused, { id: nextId++, account, request, sentence }] }),
  /** Takes one refused change off the list (dismissed, or queued again); all of them without an id. */
  dismissRefused: (id?: number) => update({ refused: id === undefined ? [] : state.refused.filter((r) => r.id !== id) }),
  reset: () => update(EMPTY),
};

export function useOfflineStatus(): OfflineState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}
