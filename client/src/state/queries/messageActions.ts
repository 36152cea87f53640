import { useMutation, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import {
  API,
  messageActionResultSchema,
  type MessageAction,
  type MessageActionRequest,
  type MessageActionResult,
} from '../../../../shared/api.js';
import type { Mailbox, MessageDetail, MessagePage, MessageSummary } from '../../../../shared/mail.js';
import { apiRequest } from '../../api/http.js';
import { idbOfflineStore } from '../../offline/idb.js';
import { offlineStatus } from '../../offline/status.js';
import type { OfflineStore } from '../../offline/store.js';
import { mailboxKeys } from './mailboxes.js';
import { messageKeys } from './messages.js';
import { invalidateThreadRows } from './threads.js';
import { accountOf, isNetworkError } from './offline.js';

const SEEN = '\\Seen';
const FLAGGED = '\\Flagged';

/** The flag change an action makes, for the optimistic update. */
const FLAG_EDITS: Partial<Record<MessageAction, { flag: string; add: boolean }>> = {
  markRead: { flag: SEEN, add: true },
  markUnread: { flag: SEEN, add: false },
  flag: { flag: FLAGGED, add: true },
  unflag: { flag: FLAGGED, add: false },
};

/** Whether the messages leave the mailbox they are in. */
export function actionRemoves(action: MessageAction, mailbox: Mailbox | undefined): boolean {
  switch (action) {
    case 'move':
    case 'delete':
      return true;
    case 'markSpam':
      return mailbox?.specialUse !== 'junk';
    case 'markNotSpam':
      return mailbox?.specialUse !== 'inbox';
    default:
      return false;
  }
}

function editFlags(flags: string[], edit: { flag: string; add: boolean }): string[] {
  const without = flags.filter((f) => f !== edit.flag);
  return edit.add ? [...without, edit.flag] : without;
}

type Snapshot = Array<[QueryKey, unknown]>;

/** Applies the action to cached pages, details and counts; returns what to restore on failure. */
function applyOptimistic(qc: QueryClient, req: MessageActionRequest): Snapshot {
  const snapshot: Snapshot = [
    ...qc.getQueriesData({ queryKey: messageKeys.mailbox(req.mailbox) }),
    ...qc.getQueriesData({ queryKey: mailboxKeys.all() }),
  ];
  const uids = new Set(req.uids);
  const mailboxes = qc.getQueryData<Mailbox[]>(mailboxKeys.all());
  const current = mailboxes?.find((m) => m.path === req.mailbox);
  const edit = FLAG_EDITS[req.action];
  const removes = actionRemoves(req.action, current);

  // What we knew about each message before, to adjust the unread count.
  const before = new Map<number, string[]>();
  for (const [, page] of qc.getQueriesData<MessagePage>({ queryKey: messageKeys.pages(req.mailbox) })) {
    page?.items.forEach((m) => uids.has(m.uid) && before.set(m.uid, m.flags));
  }
  let unreadDelta = 0;
  let totalDelta = 0;
  for (const uid of uids) {
    const flags = before.get(uid) ?? qc.getQueryData<MessageDetail>(messageKeys.detail(req.mailbox, uid))?.flags;
    if (!flags) continue;
    const unread = !flags.includes(SEEN);
    if (removes) {
      totalDelta -= 1;
      if (unread) unreadDelta -= 1;
    } else if (req.action === 'markRead' && unread) unreadDelta -= 1;
    else if (req.action === 'markUnread' && !unread) unreadDelta += 1;
  }

  const editRow = (m: MessageSummary): MessageSummary => (edit && uids.has(m.uid) ? { ...m, flags: editFlags(m.flags, edit) } : m);
  qc.setQueriesData<MessagePage>({ queryKey: messageKeys.pages(req.mailbox) }, (page) => {
    if (!page) return page;
    if (!removes) return { ...page, items: page.items.map(editRow) };
    return { ...page, total: Math.max(0, page.total + totalDelta), items: page.items.filter((m) => !uids.has(m.uid)) };
  });
  if (edit) {
    for (const uid of uids) {
      qc.setQueryData<MessageDetail>(messageKeys.detail(req.mailbox, uid), (d) => (d ? { ...d, flags: editFlags(d.flags, edit) } : d));
    }
  }
  qc.setQueryData<Mailbox[]>(mailboxKeys.all(), (list) =>
    list?.map((m) =>
      m.path === req.mailbox
        ? { ...m, unread: Math.max(0, m.unread + unreadDelta), total: Math.max(0, m.total + totalDelta) }
        : m,
    ),
  );
  return snapshot;
}

/** Sends one action to the server (also what the offline queue replays). */
export function sendMessageAction(req: MessageActionRequest): Promise<MessageActionResult> {
  return apiRequest(API.actions, messageActionResultSchema, { method: 'POST', body: req });
}

/** What the mutation resolves to when the action waits in the offline queue. */
export interface QueuedResult {
  queued: true;
}

/**
 * After an action was queued offline, save what the screen now shows (the
 * optimistic edit) over the device's copies, so a reload before the link
 * returns still shows the flag set and the moved message gone.
 */
async function saveOptimistic(qc: QueryClient, store: OfflineStore, account: string, req: MessageActionRequest): Promise<void> {
  const work: Promise<void>[] = [];
  const mailboxes = qc.getQueryData<Mailbox[]>(mailboxKeys.all());
  if (mailboxes) work.push(store.saveMailboxes(account, mailboxes));
  for (const q of qc.getQueryCache().findAll({ queryKey: messageKeys.pages(req.mailbox) })) {
    const page = q.queryKey[3];
    if (typeof page === 'number' && q.state.data) work.push(store.savePage(account, req.mailbox, page, q.state.data));
  }
  for (const uid of req.uids) {
    const detail = qc.getQueryData<MessageDetail>(messageKeys.detail(req.mailbox, uid));
    if (detail) work.push(store.saveMessage(account, req.mailbox, uid, detail));
  }
  await Promise.all(work);
}

async function queue(qc: QueryClient, store: OfflineStore, account: string, req: MessageActionRequest): Promise<QueuedResult> {
  await store.enqueue(account, req);
  offlineStatus.setQueued((await store.queued(account)).length);
  await saveOptimistic(qc, store, account, req);
  return { queued: true };
}

/**
 * One mutation for every message action (POST /api/messages/actions).
 * Flag and read changes show at once and roll back if the server refuses
 * (STYLE.md §8); moves remove the rows at once and refetch afterwards.
 */
export function useMessageActionMutation() {
  return useMutation(messageActionMutationOptions(useQueryClient()));
}

/** The mutation's options, apart from the hook so tests can drive them with a bare QueryClient. */
export function messageActionMutationOptions(qc: QueryClient, store: OfflineStore = idbOfflineStore) {
  return {
    // Run even while the browser says it is offline: the action then goes to the queue.
    networkMode: 'always' as const,
    /**
     * Offline (signed in, so the queue has an owner), the action is queued and
     * the optimistic edit stays; while older actions wait, a new one queues
     * behind them so the server sees them in the order they were made.
     */
    mutationFn: async (req: MessageActionRequest): Promise<MessageActionResult | QueuedResult> => {
      const account = accountOf(qc);
      if (account && (await store.queued(account)).length > 0) return queue(qc, store, account, req);
      try {
        return await sendMessageAction(req);
      } catch (err) {
        if (!account || !isNetworkError(err)) throw err;
        // No IndexedDB (some private windows): the enqueue fails and the edit rolls back as before.
        return await queue(qc, store, account, req).catch(() => Promise.reject(err));
      }
    },
    onMutate: async (req: MessageActionRequest) => {
      // Only cancel fetches that could overwrite our edit; cancelling a page
      // that has no data yet would leave it without a fetch.
      await qc.cancelQueries({ queryKey: messageKeys.mailbox(req.mailbox), predicate: (q) => q.state.data !== undefined });
      return { snapshot: applyOptimistic(qc, req) };
    },
    onError: (_err: unknown, _req: MessageActionRequest, context: { snapshot: Snapshot } | undefined) => {
      for (const [key, data] of context?.snapshot ?? []) qc.setQueryData(key, data);
    },
    onSettled: (data: unknown, _err: unknown, req: MessageActionRequest) => {
      // Queued: the server knows nothing new yet; refetching would only bring back the old state.
      if ((data as QueuedResult | undefined)?.queued) return;
      // The server agreed: the saved copies should not bring the old flags back on an offline reload.
      const account = accountOf(qc);
      if (data && account) void saveOptimistic(qc, store, account, req).catch(() => undefined);
      void qc.invalidateQueries({ queryKey: mailboxKeys.all() });
      const flagOnly = FLAG_EDITS[req.action] !== undefined;
      // Moved messages land elsewhere: refetch the pages on screen, mark the rest stale.
      void qc.invalidateQueries({ queryKey: flagOnly ? messageKeys.pages(req.mailbox) : messageKeys.all(), refetchType: flagOnly ? 'none' : 'active' });
      // Thread rows count unread and flagged members: not patched in place, fetched again.
      if (flagOnly) invalidateThreadRows(qc, req.mailbox);
    },
  };
}
