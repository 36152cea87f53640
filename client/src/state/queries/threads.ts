import { useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { API, summariesSchema } from '../../../../shared/api.js';
import type { MessageSummary } from '../../../../shared/mail.js';
import { conversationSchema, threadPageSchema, type ThreadPage } from '../../../../shared/threads.js';
import { apiRequest } from '../../api/http.js';
import { PAGE_SIZE } from './messages.js';

/**
 * The conversation view's network calls (issue 5 part 1). Keys sit under the
 * mailbox's `messages` prefix, so whatever refetches a mailbox (a move, a
 * UIDVALIDITY change, sending) refetches its threads too; `mailbox` is the
 * prefix push and flag changes invalidate (state/push.ts, messageActions.ts).
 */
export const threadKeys = {
  mailbox: (mailbox: string) => ['messages', mailbox, 'threads'] as const,
  pages: (mailbox: string) => ['messages', mailbox, 'threads', 'page'] as const,
  page: (mailbox: string, page: number) => ['messages', mailbox, 'threads', 'page', page] as const,
  /** Rows of an expanded thread, by the ordered UID list asked for. */
  members: (mailbox: string, uids: string) => ['messages', mailbox, 'threads', 'members', uids] as const,
  conversation: (mailbox: string, uid: number) => ['messages', mailbox, 'threads', 'conversation', uid] as const,
};

/**
 * Flags changed: the rows of the thread view (pages, an open thread's
 * members) are fetched again; an open conversation keeps its bodies.
 */
export function invalidateThreadRows(qc: QueryClient, mailbox: string): void {
  void qc.invalidateQueries({ queryKey: threadKeys.mailbox(mailbox), predicate: (q) => q.queryKey[3] !== 'conversation' });
}

/** Threads per page request: the same paging as the plain list. */
export const THREAD_PAGE_SIZE = PAGE_SIZE;

function threadPageQuery(mailbox: string, page: number) {
  return {
    queryKey: threadKeys.page(mailbox, page),
    // The signal lets a page scrolled out of view cancel its request, as the plain list does.
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      apiRequest(API.threads, threadPageSchema, { query: { mailbox, offset: page * THREAD_PAGE_SIZE, limit: THREAD_PAGE_SIZE }, signal }),
    staleTime: 30_000,
  };
}

/** The newest page anyone fetched carries the freshest count of threads. */
function latestTotal(qc: QueryClient, mailbox: string): number | undefined {
  let best: { at: number; total: number } | undefined;
  for (const q of qc.getQueryCache().findAll({ queryKey: threadKeys.pages(mailbox) })) {
    const data = q.state.data as ThreadPage | undefined;
    if (data && (!best || q.state.dataUpdatedAt > best.at)) best = { at: q.state.dataUpdatedAt, total: data.total };
  }
  return best?.total;
}

export interface ThreadPages {
  byPage: Map<number, ThreadPage>;
  total: number | undefined;
  error: unknown;
  isFetching: boolean;
  retry: () => void;
}

/** Observes only the pages of threads on screen, like useMessageWindow. */
export function useThreadPages(mailbox: string, pages: readonly number[]): ThreadPages {
  const qc = useQueryClient();
  const results = useQueries({ queries: pages.map((p) => threadPageQuery(mailbox, p)) });
  const byPage = new Map<number, ThreadPage>();
  results.forEach((r, i) => r.data && byPage.set(pages[i]!, r.data));
  const failed = results.filter((r) => r.error);
  return {
    byPage,
    total: latestTotal(qc, mailbox),
    error: failed[0]?.error ?? null,
    isFetching: results.some((r) => r.isFetching),
    retry: () => failed.forEach((r) => void r.refetch()),
  };
}

/** Summaries of members of expanded threads, one request per chunk of UIDs (in thread order). */
export function useMemberSummaries(mailbox: string, chunks: readonly number[][]): Map<number, MessageSummary> {
  const results = useQueries({
    queries: chunks.map((uids) => {
      const set = uids.join(',');
      return {
        queryKey: threadKeys.members(mailbox, set),
        queryFn: ({ signal }: { signal: AbortSignal }) => apiRequest(API.summaries, summariesSchema, { query: { mailbox, uids: set }, signal }),
        staleTime: 30_000,
      };
    }),
  });
  const out = new Map<number, MessageSummary>();
  for (const r of results) for (const m of r.data?.items ?? []) out.set(m.uid, m);
  return out;
}

/** One conversation for the reader: the thread with the user's replies from Sent. */
export function useConversationQuery(mailbox: string, uid: number | null) {
  return useQuery({
    queryKey: threadKeys.conversation(mailbox, uid ?? 0),
    queryFn: ({ signal }) => apiRequest(API.conversation, conversationSchema, { query: { mailbox, uid: uid! }, signal }),
    enabled: uid !== null,
    staleTime: 60_000,
  });
}
