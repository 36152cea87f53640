import { useCallback, useEffect, useState } from 'react';
import type { MessageSummary } from '../../../shared/mail.js';
import type { ThreadPage, ThreadSummary } from '../../../shared/threads.js';
import { rowAt as refAt, rowCount, threadRange, type Expanded } from '../mail/threadRows.js';
import type { MessageWindow } from './queries/messages.js';
import { THREAD_PAGE_SIZE, useMemberSummaries, useThreadPages } from './queries/threads.js';

/** Members fetched per request when a thread is open: rows come in as they scroll into view. */
const MEMBER_CHUNK = 50;

export type ThreadRowData =
  | { kind: 'thread'; thread: number; summary: ThreadSummary | undefined; expanded: boolean }
  | { kind: 'member'; thread: number; member: number; uid: number; depth: number; summary: MessageSummary | undefined };

/**
 * The thread view's rows for the list and the keyboard: pages of threads for
 * the rows on screen, and the members of the threads the user opened. As a
 * MessageWindow, a thread row stands for its latest message, so opening it,
 * the cursor and the reader's actions work as in the plain list.
 */
export interface ThreadListModel {
  window: MessageWindow;
  row: (position: number) => ThreadRowData | undefined;
  toggle: (thread: number) => void;
  /** The rows on screen (with overscan) changed; only their pages are fetched. */
  setVisible: (first: number, last: number) => void;
  /** Changes whenever rows move (a thread opened or closed), so the list lays them out again. */
  layout: string;
}

/** An open thread, by its id (stable while new mail shifts indexes) and where it was last seen. */
interface Open {
  thread: number;
  members: number;
}

function findThread(byPage: Map<number, ThreadPage>, id: number): { thread: number; summary: ThreadSummary } | undefined {
  for (const [page, data] of byPage) {
    const i = data.items.findIndex((t) => t.id === id);
    if (i >= 0) return { thread: page * THREAD_PAGE_SIZE + i, summary: data.items[i]! };
  }
  return undefined;
}

export function useThreadList(mailbox: string, enabled: boolean): ThreadListModel {
  const [visible, setVisibleRange] = useState<[number, number]>([0, 0]);
  const [open, setOpen] = useState<ReadonlyMap<number, Open>>(new Map());
  const [pages, setPages] = useState<readonly number[]>([0]);
  const threadPages = useThreadPages(mailbox, enabled ? pages : []);
  const { byPage } = threadPages;
  const summaryAt = (thread: number) => byPage.get(Math.floor(thread / THREAD_PAGE_SIZE))?.items[thread % THREAD_PAGE_SIZE];
  const threads = threadPages.total ?? 0;

  // Where each open thread is now; one that left the pages on screen keeps its last place.
  const expanded: Expanded[] = [];
  const openAt = new Map<number, number>();
  for (const [id, o] of open) {
    const found = findThread(byPage, id);
    const place = found ? { thread: found.thread, members: found.summary.uids.length } : o;
    if (!found && summaryAt(o.thread) !== undefined) continue; // its place now holds another thread: closed
    expanded.push(place);
    openAt.set(place.thread, id);
  }
  const count = rowCount(threads, expanded);

  const row = (position: number): ThreadRowData | undefined => {
    if (position < 0 || position >= count) return undefined;
    const ref = refAt(position, threads, expanded);
    const summary = summaryAt(ref.thread);
    if (ref.kind === 'thread') return { kind: 'thread', thread: ref.thread, summary, expanded: openAt.has(ref.thread) };
    const uid = summary?.uids[ref.member];
    if (!summary || uid === undefined) return undefined;
    return { kind: 'member', thread: ref.thread, member: ref.member, uid, depth: summary.depths[ref.member] ?? 0, summary: undefined };
  };

  // Member rows on screen, fetched by chunks of their thread.
  const chunks: number[][] = [];
  const chunkKeys = new Set<string>();
  for (let p = visible[0]; p <= Math.min(visible[1], count - 1); p++) {
    const r = row(p);
    if (r?.kind !== 'member') continue;
    const c = Math.floor(r.member / MEMBER_CHUNK);
    const key = `${r.thread}:${c}`;
    if (chunkKeys.has(key)) continue;
    chunkKeys.add(key);
    chunks.push(summaryAt(r.thread)!.uids.slice(c * MEMBER_CHUNK, (c + 1) * MEMBER_CHUNK));
  }
  const members = useMemberSummaries(mailbox, enabled ? chunks : []);

  const rowWithMember = (position: number): ThreadRowData | undefined => {
    const r = row(position);
    return r?.kind === 'member' ? { ...r, summary: members.get(r.uid) } : r;
  };

  const setVisible = useCallback(
    (first: number, last: number) => {
      setVisibleRange((v) => (v[0] === first && v[1] === last ? v : [first, last]));
    },
    [],
  );

  // Thread pages covering the rows on screen (page 0 until the count is known).
  const [firstThread, lastThread] = count > 0 ? threadRange(Math.min(visible[0], count - 1), Math.min(visible[1], count - 1), threads, expanded) : [0, 0];
  const wanted: number[] = [];
  for (let p = Math.floor(firstThread / THREAD_PAGE_SIZE); p <= Math.floor(lastThread / THREAD_PAGE_SIZE); p++) wanted.push(p);
  const wantedKey = wanted.join(',');
  useEffect(() => {
    setPages((current) => (current.join(',') === wantedKey ? current : wantedKey.split(',').map(Number)));
  }, [wantedKey]);

  const toggle = useCallback(
    (thread: number) => {
      const summary = byPage.get(Math.floor(thread / THREAD_PAGE_SIZE))?.items[thread % THREAD_PAGE_SIZE];
      if (!summary) return;
      setOpen((prev) => {
        const next = new Map(prev);
        if (next.has(summary.id)) next.delete(summary.id);
        else next.set(summary.id, { thread, members: summary.uids.length });
        return next;
      });
    },
    [byPage],
  );

  const window: MessageWindow = {
    pageSize: THREAD_PAGE_SIZE,
    rowAt: (position) => {
      const r = rowWithMember(position);
      return r?.kind === 'thread' ? r.summary?.latest : r?.summary;
    },
    total: threadPages.total === undefined ? undefined : count,
    error: threadPages.error,
    isFetching: threadPages.isFetching,
    retry: threadPages.retry,
  };

  const layout = expanded
    .map((e) => `${e.thread}+${e.members}`)
    .sort()
    .join(',');
  return { window, row: rowWithMember, toggle, setVisible, layout };
}
