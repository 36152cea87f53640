import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { SessionInfo } from '../../../../shared/api.js';
import { idbOfflineStore } from '../../offline/idb.js';
import { offlineStatus } from '../../offline/status.js';
import type { OfflineStore } from '../../offline/store.js';
import { sessionKeys } from './session.js';

/**
 * How queries use the device's saved copy (offline/store.ts): every answer
 * from the server is saved; when the network fails, the query answers with
 * what it already showed, else with the saved copy, and the app says it is
 * offline. Only a network failure falls back: a refusal from the server is
 * an answer and stays an error.
 */

/** The signed-in address, the key of every saved copy (none while signed out). */
export function accountOf(qc: QueryClient): string | undefined {
  return qc.getQueryData<SessionInfo | null>(sessionKeys.current())?.user.address;
}

export function isNetworkError(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'NETWORK_ERROR';
}

/**
 * TanStack Query pauses 'online' queries while the browser says it is
 * offline, so their queryFn (and this fallback) would never run; these run
 * once and answer from the saved copy instead.
 */
export const OFFLINE_NETWORK_MODE = 'offlineFirst' as const;

export interface SavedCopy<T> {
  save: (store: OfflineStore, account: string, data: T) => Promise<void>;
  load: (store: OfflineStore, account: string) => Promise<T | undefined>;
}

export async function withSavedCopy<T>(
  qc: QueryClient,
  queryKey: QueryKey,
  fetch: () => Promise<T>,
  saved: SavedCopy<T>,
  store: OfflineStore = idbOfflineStore,
): Promise<T> {
  const account = accountOf(qc);
  try {
    const data = await fetch();
    offlineStatus.servedLive();
    // Not after a sign-out that happened while this request was on its way.
    if (account && accountOf(qc) === account) void saved.save(store, account, data);
    return data;
  } catch (err) {
    if (!account || !isNetworkError(err)) throw err;
    const copy = qc.getQueryData<T>(queryKey) ?? (await saved.load(store, account));
    if (copy === undefined) throw err;
    offlineStatus.servedSaved();
    return copy;
  }
}

