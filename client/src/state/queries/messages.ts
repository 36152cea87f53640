import { useEffect } from 'react';
import { useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { API, previewsSchema, type Previews, type SortKey, type SortOrder } from '../../../../shared/api.js';
import { compressUids } from '../../../../shared/uid-set.js';
import { messageDetailSchema, messagePageSchema, type MessageDetail, type MessagePage, type MessageSummary } from '../../../../shared/mail.js';
import { criteriaToQuery } from '../../../../shared/search.js';
import { apiRequest } from '../../api/http.js';
import { formatCriteria, type Criteria } from '../../mail/searchParams.js';
import { recordIds } from '../../offline/store.js';
import { OFFLINE_NETWORK_MODE, withSavedCopy } from './offline.js';

/**
 * Rows per page request by default; the list asks for pages by index
 * (offset = page * size). The user's "pageSize" setting may choose another
 * size: its pages carry the size in their key, so pages of two sizes never mix.
 */
export const PAGE_SIZE = 50;

/** The default size keeps the plain key (the offline copy's); another size is one more segment at the end. */
const sized = <K extends readonly unknown[]>(key: K, size: number) => (size === PAGE_SIZE ? key : ([...key, size] as const));

/** A list order; the default is the server's, newest arrival first. */
export interface ListSort {
  sort: SortKey;
  order: SortOrder;
}
export const DEFAULT_SORT: ListSort = { sort: 'arrival', order: 'desc' };
const isDefault = (s: ListSort) => s.sort === DEFAULT_SORT.sort && s.order === DEFAULT_SORT.order;

export const messageKeys = {
  all: () => ['messages'] as const,
  mailbox: (mailbox: string) => ['messages', mailbox] as const,
  pages: (mailbox: string) => ['messages', mailbox, 'page'] as const,
  /** A prefix of the same page in any size: invalidating it reaches them all. */
  page: (mailbox: string, page: number, size = PAGE_SIZE) => sized(['messages', mailbox, 'page', page] as const, size),
  /**
   * A page in another order: under the same `pages` prefix, so push updates and
   * actions reach it, but with the order before the number, so the offline
   * copy (numbered pages only, in the default order) never takes it for one.
   */
  sortedPage: (mailbox: string, page: number, s: ListSort, size = PAGE_SIZE) => sized(['messages', mailbox, 'page', `${s.sort}:${s.order}`, page] as const, size),
  /**
   * The pages of a search in this mailbox (its virtual mailbox): under `pages`
   * too, so push updates and actions reach them, and never saved offline.
   */
  searchPages: (mailbox: string, criteria: Criteria) => ['messages', mailbox, 'page', 'search', formatCriteria(criteria)] as const,
  searchPage: (mailbox: string, criteria: Criteria, page: number, s: ListSort, size = PAGE_SIZE) =>
    sized(['messages', mailbox, 'page', 'search', formatCriteria(criteria), `${s.sort}:${s.order}`, page] as const, size),
  detail: (mailbox: string, uid: number) => ['messages', mailbox, 'detail', uid] as const,
  previews: (mailbox: string, uids: string) => ['messages', mailbox, 'previews', uids] as const,
};

/**
 * Previews come after their page, in a request of their own: the server may
 * have to read message bodies to make them the first time, and the rows must
 * not wait for that. A UID's preview never changes, so it is never stale.
 */
function previewsQuery(mailbox: string, uids: string) {
  return {
    queryKey: messageKeys.previews(mailbox, uids),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      apiRequest(API.previews, previewsSchema, { query: { mailbox, uids }, signal }),
    staleTime: Infinity,
    enabled: uids !== '',
  };
}

/**
 * Whether a saved copy can stand for this page at this size: the device may
 * have kept it when the user had another page size (offline/store.ts keys
 * pages by number). It must start at the same row and not overflow the page;
 * it may hold fewer rows (messages moved away offline, or a smaller size
 * then), and the rows it lacks wait for the network as placeholders.
 */
export function pageFits(data: MessagePage, page: number, size: number): boolean {
  return data.offset === page * size && data.items.length <= size;
}

function pageQuery(mailbox: string, page: number, listSort: ListSort = DEFAULT_SORT, size = PAGE_SIZE, search: Criteria | null = null) {
  const plain = isDefault(listSort) && !search;
  const queryKey = search
    ? messageKeys.searchPage(mailbox, search, page, listSort, size)
    : plain
      ? messageKeys.page(mailbox, page, size)
      : messageKeys.sortedPage(mailbox, page, listSort, size);
  const query = { mailbox, offset: page * size, limit: size, ...(isDefault(listSort) ? {} : listSort), ...(search ? criteriaToQuery(search) : {}) };
  return {
    queryKey,
    // Passing the signal lets TanStack Query abort the request when the page
    // scrolls out of view before it arrives (its last observer goes away).
    queryFn: ({ signal, client }: { signal: AbortSignal; client: QueryClient }) =>
      withSavedCopy(
        client,
        queryKey,
        () => apiRequest(API.messages, messagePageSchema, { query, signal }),
        // Only the default order is kept for offline reading.
        plain
          ? {
              save: (store, account, data) => store.savePage(account, mailbox, page, data),
              load: async (store, account) => {
                const saved = await store.read<MessagePage>(account, recordIds.page(account, mailbox, page), 'page', mailbox);
                return saved && pageFits(saved, page, size) ? saved : undefined;
              },
            }
          : { save: async () => {}, load: async () => undefined },
      ),
    staleTime: 30_000,
    networkMode: OFFLINE_NETWORK_MODE,
  };
}

// Merged pages, cached by the identity of their inputs (TanStack Query keeps data
// objects stable), so memoised rows keep their identity between renders.
const merged = new WeakMap<MessagePage, WeakMap<Previews, MessagePage>>();

function withPreviews(page: MessagePage, previews: Previews | undefined): MessagePage {
  if (!previews) return page;
  let forPage = merged.get(page);
  if (!forPage) merged.set(page, (forPage = new WeakMap()));
  let result = forPage.get(previews);
  if (!result) {
    const text = previews.previews;
    result = { ...page, items: page.items.map((m) => (text[m.uid] ? { ...m, preview: text[m.uid]! } : m)) };
    forPage.set(previews, result);
  }
  return result;
}

export interface MessageWindow {
  /** Rows per page, the user's setting: the list turns visible rows into page numbers with it. */
  pageSize: number;
  /** The row at an index in list order, or undefined while its page loads. */
  rowAt: (index: number) => MessageSummary | undefined;
  /** Rows in the mailbox, once any page (or the folder list) has told us. */
  total: number | undefined;
  error: unknown;
  isFetching: boolean;
  retry: () => void;
}

/** The newest page anyone fetched for this list (the mailbox, or one search in it) carries the freshest total. */
function latestCachedPage(queryClient: QueryClient, mailbox: string, search: Criteria | null): MessagePage | undefined {
  let best: { at: number; data: MessagePage } | undefined;
  const queryKey = search ? messageKeys.searchPages(mailbox, search) : messageKeys.pages(mailbox);
  for (const q of queryClient.getQueryCache().findAll({ queryKey })) {
    if (!search && q.queryKey[3] === 'search') continue;
    const data = q.state.data as MessagePage | undefined;
    if (data && (!best || q.state.dataUpdatedAt > best.at)) best = { at: q.state.dataUpdatedAt, data };
  }
  return best?.data;
}

/**
 * Observes only the pages covering the visible rows; pages scrolled past lose
 * their observer, which cancels their request, and are garbage-collected later.
 */
export function useMessageWindow(
  mailbox: string,
  pages: readonly number[],
  fallbackTotal: number | undefined,
  listSort: ListSort = DEFAULT_SORT,
  pageSize = PAGE_SIZE,
  search: Criteria | null = null,
): MessageWindow {
  const queryClient = useQueryClient();
  const results = useQueries({ queries: pages.map((p) => pageQuery(mailbox, p, listSort, pageSize, search)) });

  const pageUids = results.map((r) => (r.data ? compressUids(r.data.items.map((m) => m.uid)) : ''));
  const previewResults = useQueries({ queries: pageUids.map((uids) => previewsQuery(mailbox, uids)) });

  const byPage = new Map<number, MessagePage>();
  results.forEach((r, i) => {
    if (r.data) byPage.set(pages[i]!, withPreviews(r.data, previewResults[i]?.data));
  });
  const latest = latestCachedPage(queryClient, mailbox, search);
  // The folder's count says nothing about how many match a search.
  const total = latest?.total ?? (search ? undefined : fallbackTotal);

  // UIDVALIDITY changed (RFC 3501 §2.3.1.1): every cached row may name another
  // message now, so refetch the whole mailbox rather than mix generations.
  const validities = new Set([...byPage.values()].map((p) => p.uidValidity));
  const mixed = validities.size > 1;
  useEffect(() => {
    if (mixed) void queryClient.invalidateQueries({ queryKey: messageKeys.mailbox(mailbox) });
  }, [mixed, mailbox, queryClient]);

  const failed = results.filter((r) => r.error);
  return {
    pageSize,
    rowAt: (index) => byPage.get(Math.floor(index / pageSize))?.items[index % pageSize],
    total,
    error: failed[0]?.error ?? null,
    isFetching: results.some((r) => r.isFetching),
    retry: () => failed.forEach((r) => void r.refetch()),
  };
}

export function useMessageQuery(mailbox: string, uid: number | null) {
  return useQuery({
    queryKey: messageKeys.detail(mailbox, uid ?? 0),
    queryFn: ({ signal, client }) =>
      withSavedCopy(client, messageKeys.detail(mailbox, uid!), () => apiRequest(API.message(uid!), messageDetailSchema, { query: { mailbox }, signal }), {
        save: (store, account, data) => store.saveMessage(account, mailbox, uid!, data),
        load: (store, account) => store.read<MessageDetail>(account, recordIds.message(account, mailbox, uid!), 'message', mailbox),
      }),
    enabled: uid !== null,
    staleTime: 60_000,
    networkMode: OFFLINE_NETWORK_MODE,
  });
}

/** Where an attachment (or a cid: inline image) is served from. */
export function attachmentUrl(mailbox: string, uid: number, partId: string, inline = false): string {
  const params = new URLSearchParams({ mailbox });
  if (inline) params.set('inline', '1');
  return `${API.attachment(uid, partId)}?${params.toString()}`;
}
