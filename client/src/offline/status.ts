import { useSyncExternalStore } from 'react';

/**
 * What the offline notice shows: whether any view on screen came from the
 * device's saved copy, how many changes wait for the link, and the changes
 * the server refused when they were replayed (each said once, dismissable).
 */
export interface OfflineState {
  showingSaved: boolean;
  queued: number;
  refused: string[];
}

let state: OfflineState = { showingSaved: false, queued: 0, refused: [] };
const listeners = new Set<() => void>();

function update(patch: Partial<OfflineState>): void {
  const next = { ...state, ...patch };
  if (next.showingSaved === state.showingSaved && next.queued === state.queued && next.refused === state.refused) return;
  state = next;
  listeners.forEach((l) => l());
}

export const offlineStatus = {
  get: (): OfflineState => state,
  /** A query was answered from the saved copy because the network failed. */
  servedSaved: () => update({ showingSaved: true }),
  /** A query reached the server: what is on screen is live again. */
  servedLive: () => update({ showingSaved: false }),
  setQueued: (queued: number) => update({ queued }),
  refused: (sentence: string) => update({ refused: [...state.refused, sentence] }),
  dismissRefused: () => update({ refused: [] }),
  reset: () => update({ showingSaved: false, queued: 0, refused: [] }),
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
