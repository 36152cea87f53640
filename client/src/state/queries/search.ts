import { useQuery } from '@tanstack/react-query';
import { API } from '../../../../shared/api.js';
import type { MessageSummary } from '../../../../shared/mail.js';
import { criteriaToQuery, searchAllEventSchema, type SearchAllEvent } from '../../../../shared/search.js';
import { streamRequest } from '../../api/ndjson.js';
import { formatCriteria, type Criteria } from '../../mail/searchParams.js';

/**
 * The search across all folders (shared/search.ts searchAll): one streamed
 * request whose lines fill the query's data as they arrive, so each folder's
 * group shows the moment its folder answers. Leaving the results aborts the
 * request, which closes the server's extra IMAP connections.
 */

/** Rows shown per folder; "show all" opens the folder's own search list. */
export const ROWS_PER_FOLDER = 5;

export type FolderResult =
  | { path: string; total: number; items: MessageSummary[] }
  | { path: string; error: { code: string; message: string } };

export interface SearchAllState {
  /** Folders being searched, once the server said. */
  folders: number | null;
  /** In the order the folders answered. */
  results: FolderResult[];
  done: boolean;
  /** Matches in all folders answered so far. */
  total: number;
}

export const EMPTY_SEARCH: SearchAllState = { folders: null, results: [], done: false, total: 0 };

export function applySearchEvent(state: SearchAllState, event: SearchAllEvent): SearchAllState {
  switch (event.type) {
    case 'start':
      return { ...state, folders: event.mailboxes };
    case 'mailbox':
      return { ...state, total: state.total + event.total, results: [...state.results, { path: event.path, total: event.total, items: event.items }] };
    case 'mailboxError':
      return { ...state, results: [...state.results, { path: event.path, error: { code: event.code, message: event.message } }] };
    case 'done':
      return { ...state, done: true };
  }
}

export const searchKeys = {
  all: () => ['search'] as const,
  across: (criteria: Criteria) => ['search', 'all', formatCriteria(criteria)] as const,
};

export function useSearchAllQuery(criteria: Criteria) {
  return useQuery({
    queryKey: searchKeys.across(criteria),
    queryFn: async ({ signal, client, queryKey }) => {
      let state = EMPTY_SEARCH;
      await streamRequest(
        API.searchAll,
        searchAllEventSchema,
        (event) => {
          state = applySearchEvent(state, event);
          client.setQueryData(queryKey, state);
        },
        { query: { ...criteriaToQuery(criteria), perMailbox: ROWS_PER_FOLDER }, signal },
      );
      return state;
    },
    // A minute-old answer is still what Back should show; a new search is a new key.
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    retry: false,
  });
}
