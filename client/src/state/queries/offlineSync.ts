import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { csrfHeaders } from '../../api/http.js';
import { idbOfflineStore } from '../../offline/idb.js';
import { replayQueue } from '../../offline/replay.js';
import { offlineStatus, useOfflineStatus } from '../../offline/status.js';
import type { OfflineStore } from '../../offline/store.js';
import { usePushStatus } from '../push.js';
import { mailboxKeys } from './mailboxes.js';
import { sendMessageAction } from './messageActions.js';
import { messageKeys } from './messages.js';
import { sessionKeys } from './session.js';

let running: Promise<void> | null = null;
let again = false;

/**
 * The link is back (or the app started): send what was queued offline, in
 * order, then refetch what the actions and the offline period made stale.
 * One run at a time; a trigger during a run asks for one more run after it.
 */
export function syncOffline(qc: QueryClient, account: string, store: OfflineStore = idbOfflineStore): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await syncOnce(qc, account, store);
    } while (again);
  })().finally(() => (running = null));
  return running;
}

async function syncOnce(qc: QueryClient, account: string, store: OfflineStore): Promise<void> {
  const queued = await store.queued(account);
  offlineStatus.setQueued(queued.length);
  const savedShown = offlineStatus.get().showingSaved;
  if (queued.length === 0 && !savedShown) return;

  // A session restored from the saved copy (a reload offline) has no CSRF token yet.
  if (Object.keys(csrfHeaders()).length === 0) {
    await qc.refetchQueries({ queryKey: sessionKeys.current() });
    if (Object.keys(csrfHeaders()).length === 0) return; // still offline, or signed out: the login form takes over
  }

  if (queued.length > 0) {
    const result = await replayQueue(store, account, sendMessageAction);
    result.refused.forEach((r) => offlineStatus.refused(r.sentence));
    offlineStatus.setQueued(result.remaining);
    if (result.sent.length + result.refused.length === 0) return; // the link failed again
  }
  // Refused actions leave optimistic edits behind; sent ones moved mail around: ask the server.
  await Promise.all([
    qc.invalidateQueries({ queryKey: mailboxKeys.all() }),
    qc.invalidateQueries({ queryKey: messageKeys.all() }),
  ]);
}

/** Replays the offline queue when the app starts, when the browser is online again, and when the push socket reconnects. */
export function useOfflineSync(account: string): void {
  const qc = useQueryClient();
  const push = usePushStatus();
  useEffect(() => {
    const sync = () => void syncOffline(qc, account).catch(() => undefined);
    sync();
    window.addEventListener('online', sync);
    return () => window.removeEventListener('online', sync);
  }, [qc, account]);
  // Also when an action joins a queue while the browser believes it is online
  // (the server was the one not answering): try it now rather than at the next event.
  const { queued } = useOfflineStatus();
  const tryNow = push === 'connected' || (queued > 0 && navigator.onLine);
  useEffect(() => {
    if (tryNow) void syncOffline(qc, account).catch(() => undefined);
  }, [tryNow, queued, qc, account]);
}
