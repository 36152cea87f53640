import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { csrfHeaders } from '../../api/http.js';
import { idbOfflineStore } from '../../offline/idb.js';
import { replayQueue, replaySentence } from '../../offline/replay.js';
import { describeError } from '../../errors.js';
import { offlineStatus, useOfflineStatus, type RefusedChange } from '../../offline/status.js';
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
    result.refused.forEach((r) => offlineStatus.refused(account, r.request, r.sentence));
    offlineStatus.setStalled(result.stalled?.sentence ?? null);
    offlineStatus.setQueued(result.remaining);
    if (result.sent.length + result.refused.length === 0) return; // the link failed again
  }
  // Refused actions leave optimistic edits behind; sent ones moved mail around: ask the server.
  await Promise.all([
    qc.invalidateQueries({ queryKey: mailboxKeys.all() }),
    qc.invalidateQueries({ queryKey: messageKeys.all() }),
  ]);
}

/** A run that failed outright (not one action: the run itself) is said too, never swallowed. */
function syncAndSay(qc: QueryClient, account: string, store?: OfflineStore): Promise<void> {
  return syncOffline(qc, account, store).catch((err: unknown) => offlineStatus.setStalled(describeError(err)));
}

/**
 * The offline notice's buttons: send what waits now, or queue a refused
 * change again (the folder may be back, the mail server may agree now) and
 * send it. Everything network stays here, none of it in the notice.
 */
export function useOfflineRetry(account: string, store: OfflineStore = idbOfflineStore) {
  const qc = useQueryClient();
  return {
    tryNow: () => void syncAndSay(qc, account, store),
    retryRefused: async (change: RefusedChange) => {
      offlineStatus.dismissRefused(change.id);
      await store.enqueue(change.account, change.request).catch((err: unknown) => offlineStatus.refused(change.account, change.request, replaySentence('refused', change.request, err)));
      await syncAndSay(qc, change.account, store);
    },
  };
}

/** Replays the offline queue when the app starts, when the browser is online again, and when the push socket reconnects. */
export function useOfflineSync(account: string): void {
  const qc = useQueryClient();
  const push = usePushStatus();
  useEffect(() => {
    const sync = () => void syncAndSay(qc, account);
    sync();
    window.addEventListener('online', sync);
    return () => window.removeEventListener('online', sync);
  }, [qc, account]);
  // Also when an action joins a queue while the browser believes it is online
  // (the server was the one not answering): try it now rather than at the next event.
  const { queued } = useOfflineStatus();
  const tryNow = push === 'connected' || (queued > 0 && navigator.onLine);
  useEffect(() => {
    if (tryNow) void syncAndSay(qc, account);
  }, [tryNow, queued, qc, account]);
}
