import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { io, type Socket } from 'socket.io-client';
import type { Mailbox, MessagePage } from '../../../shared/mail.js';
import {
  PUSH_PATH,
  ackSchema,
  flagsChangedEventSchema,
  imapStateEventSchema,
  mailboxCountsEventSchema,
  mailboxExistsEventSchema,
  mailboxExpungedEventSchema,
  mailboxesChangedEventSchema,
  mailboxStateSchema,
  resyncResultSchema,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../../shared/push.js';
import { compressUids } from '../../../shared/uid-set.js';
import { mailboxKeys } from './queries/mailboxes.js';
import { messageKeys } from './queries/messages.js';
import { invalidateThreadRows, threadKeys } from './queries/threads.js';
import { sessionKeys } from './queries/session.js';
import { notifyNewMail } from './notifications.js';

/**
 * Push (DESIGN.md §4): socket.io events patch or invalidate the query cache;
 * components never touch the socket (STYLE.md §8). On every (re)connection the
 * client re-watches its mailboxes and asks for the difference since what it
 * last saw, so a dropped link costs no reload.
 */

export type PushStatus = 'connecting' | 'connected' | 'reconnecting';

let status: PushStatus = 'connecting';
const listeners = new Set<() => void>();
function setStatus(next: PushStatus): void {
  if (next === status) return;
  status = next;
  listeners.forEach((l) => l());
}

/** The link's state for the "Reconnecting…" notice. */
export function usePushStatus(): PushStatus {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => status,
  );
}

type PushSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the client last saw per watched mailbox: the baseline of its next resync. */
interface Seen {
  uidValidity: string;
  highestModseq?: string;
  count: number;
}

const maxModseq = (a?: string, b?: string) => (a === undefined ? b : b === undefined ? a : BigInt(a) >= BigInt(b) ? a : b);

function cachedPages(qc: QueryClient, path: string) {
  return qc.getQueryCache().findAll({ queryKey: messageKeys.pages(path) });
}

function knownUids(qc: QueryClient, path: string): number[] {
  const out: number[] = [];
  for (const q of cachedPages(qc, path)) for (const m of (q.state.data as MessagePage | undefined)?.items ?? []) out.push(m.uid);
  return out;
}

function patchRows(qc: QueryClient, path: string, fn: (page: MessagePage) => MessagePage): void {
  for (const q of cachedPages(qc, path)) {
    const data = q.state.data as MessagePage | undefined;
    if (data) qc.setQueryData(q.queryKey, fn(data));
  }
}

function removeRows(qc: QueryClient, path: string, uids: number[]): void {
  const gone = new Set(uids);
  patchRows(qc, path, (p) => (p.items.some((m) => gone.has(m.uid)) ? { ...p, total: Math.max(0, p.total - uids.length), items: p.items.filter((m) => !gone.has(m.uid)) } : p));
  for (const uid of uids) qc.removeQueries({ queryKey: messageKeys.detail(path, uid) });
  // Rows shift between pages: refetch what is on screen so totals and page edges stay right.
  void qc.invalidateQueries({ queryKey: messageKeys.pages(path) });
  void qc.invalidateQueries({ queryKey: threadKeys.mailbox(path) });
}

function setFlags(qc: QueryClient, path: string, uid: number, flags: string[]): void {
  patchRows(qc, path, (p) => (p.items.some((m) => m.uid === uid) ? { ...p, items: p.items.map((m) => (m.uid === uid ? { ...m, flags } : m)) } : p));
  qc.setQueryData(messageKeys.detail(path, uid), (d: { flags: string[] } | undefined) => (d ? { ...d, flags } : d));
  invalidateThreadRows(qc, path);
}

function newMail(qc: QueryClient, path: string): void {
  // Page 0 holds the newest rows, in the folder and in each search of it (whose
  // server side searches just the new mail); the others shift too, but are refetched only when seen.
  void qc.invalidateQueries({ queryKey: messageKeys.pages(path), predicate: (q) => q.queryKey.at(-1) === 0 });
  void qc.invalidateQueries({ queryKey: messageKeys.pages(path), refetchType: 'none' });
  // A new message can join any thread on screen, or the conversation open.
  void qc.invalidateQueries({ queryKey: threadKeys.mailbox(path) });
  void qc.invalidateQueries({ queryKey: mailboxKeys.all() });
}

function connect(qc: QueryClient, watched: () => string[]): { socket: PushSocket; rewatch: () => void; close: () => void } {
  const socket: PushSocket = io({ path: PUSH_PATH, withCredentials: true });
  const seen = new Map<string, Seen>();
  let imapDown = false;

  const watch = (path: string) =>
    socket.emit('mailbox:watch', { path }, (raw) => {
      const res = ackSchema(mailboxStateSchema).safeParse(raw);
      if (!res.success || !res.data.ok) return;
      const now = res.data.data;
      const before = seen.get(path);
      if (before && before.uidValidity === now.uidValidity) return void resync(path, before);
      seen.set(path, { uidValidity: now.uidValidity, highestModseq: now.highestModseq, count: now.count });
      if (before) void qc.invalidateQueries({ queryKey: messageKeys.mailbox(path) });
    });

  const resync = (path: string, before: Seen) => {
    const req = { path, uidValidity: before.uidValidity, highestModseq: before.highestModseq, knownUids: compressUids(knownUids(qc, path)) };
    socket.emit('resync', req, (raw) => {
      const res = ackSchema(resyncResultSchema).safeParse(raw);
      if (!res.success || !res.data.ok) return void qc.invalidateQueries({ queryKey: messageKeys.mailbox(path) });
      const r = res.data.data;
      seen.set(path, { uidValidity: r.uidValidity, highestModseq: r.highestModseq, count: r.count });
      if (r.uidValidityChanged) return void qc.invalidateQueries({ queryKey: messageKeys.mailbox(path) });
      for (const f of r.flags) setFlags(qc, path, f.uid, f.flags);
      if (r.vanished.length) removeRows(qc, path, r.vanished);
      if (r.added.length) newMail(qc, path);
      void qc.invalidateQueries({ queryKey: mailboxKeys.all() });
    });
  };

  const rewatch = () => watched().forEach(watch);

  socket.on('connect', () => {
    setStatus(imapDown ? 'reconnecting' : 'connected');
    rewatch();
  });
  socket.on('disconnect', () => setStatus('reconnecting'));
  socket.on('connect_error', () => setStatus('reconnecting'));

  socket.on('mailbox:exists', (raw) => {
    const e = mailboxExistsEventSchema.safeParse(raw);
    if (!e.success) return;
    const before = seen.get(e.data.path);
    if (before && before.uidValidity !== e.data.uidValidity) {
      void qc.invalidateQueries({ queryKey: messageKeys.mailbox(e.data.path) });
    } else {
      newMail(qc, e.data.path);
    }
    if (e.data.path === 'INBOX' && before && e.data.count > before.count) notifyNewMail(e.data.count - before.count);
    seen.set(e.data.path, { uidValidity: e.data.uidValidity, highestModseq: maxModseq(before?.highestModseq, e.data.highestModseq), count: e.data.count });
  });
  socket.on('mailbox:expunged', (raw) => {
    const e = mailboxExpungedEventSchema.safeParse(raw);
    if (!e.success) return;
    removeRows(qc, e.data.path, e.data.uids);
    const before = seen.get(e.data.path);
    if (before) before.count = Math.max(0, before.count - e.data.uids.length);
  });
  socket.on('message:flagsChanged', (raw) => {
    const e = flagsChangedEventSchema.safeParse(raw);
    if (!e.success) return;
    setFlags(qc, e.data.path, e.data.uid, e.data.flags);
    const before = seen.get(e.data.path);
    if (before) before.highestModseq = maxModseq(before.highestModseq, e.data.modseq);
  });
  socket.on('mailbox:counts', (raw) => {
    const e = mailboxCountsEventSchema.safeParse(raw);
    if (!e.success) return;
    qc.setQueryData(mailboxKeys.all(), (list: Mailbox[] | undefined) =>
      list?.map((m) => (m.path === e.data.path ? { ...m, total: e.data.total, unread: e.data.unread } : m)),
    );
  });
  // A folder was created, renamed, deleted… in this tab or another: one LIST brings the tree up to date.
  socket.on('mailboxes:changed', (raw) => {
    if (mailboxesChangedEventSchema.safeParse(raw).success) void qc.invalidateQueries({ queryKey: mailboxKeys.all() });
  });
  socket.on('imap:state', (raw) => {
    const e = imapStateEventSchema.safeParse(raw);
    if (!e.success) return;
    imapDown = e.data.state === 'reconnecting';
    setStatus(imapDown ? 'reconnecting' : 'connected');
  });
  socket.on('session:ended', () => {
    // The HTTP layer shows the login form on its next 401; ask now so it happens at once.
    void qc.invalidateQueries({ queryKey: sessionKeys.current() });
  });

  // socket.io's back-off may be seconds into its next wait when the link returns; the
  // browser knows it did, so try at once.
  const online = () => {
    if (!socket.connected) socket.disconnect().connect();
  };
  window.addEventListener('online', online);

  return {
    socket,
    rewatch,
    close: () => {
      window.removeEventListener('online', online);
      socket.close();
      setStatus('connecting');
    },
  };
}

/**
 * Keeps the push link open while the signed-in app is mounted, watching INBOX
 * and the mailbox on screen.
 */
export function usePush(viewedMailbox: string | null): void {
  const qc = useQueryClient();
  useEffect(() => {
    const link = connect(qc, () => ['INBOX', ...(current.path && current.path !== 'INBOX' ? [current.path] : [])]);
    current.link = link;
    return () => {
      current.link = null;
      link.close();
    };
  }, [qc]);
  useEffect(() => {
    current.path = viewedMailbox;
    if (current.link?.socket.connected) current.link.rewatch();
  }, [viewedMailbox]);
}

const current: { path: string | null; link: ReturnType<typeof connect> | null } = { path: null, link: null };
