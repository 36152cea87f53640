import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  FOLDERS_API,
  deleteFolderResultSchema,
  emptyFolderResultSchema,
  folderPathResultSchema,
  quotaResultSchema,
  subscribeFolderResultSchema,
  type CreateFolderRequest,
  type DeleteFolderRequest,
  type EmptyFolderRequest,
  type MoveFolderRequest,
  type RenameFolderRequest,
  type SubscribeFolderRequest,
} from '../../../../shared/folders.js';
import type { Mailbox, MessagePage } from '../../../../shared/mail.js';
import { apiRequest } from '../../api/http.js';
import { useInvalidatingMutation, useOptimisticMutation } from './factory.js';
import { mailboxKeys } from './mailboxes.js';
import { messageKeys } from './messages.js';

/** Folder management (issue 7 part 4): every call to FOLDERS_API lives here. */
export const folderKeys = {
  quota: () => ['folders', 'quota'] as const,
};

/** The account's quota; null when the server reports none. */
export function useQuotaQuery() {
  return useQuery({
    queryKey: folderKeys.quota(),
    queryFn: async ({ signal }) => (await apiRequest(FOLDERS_API.quota, quotaResultSchema, { signal })).quota,
    staleTime: 5 * 60_000,
  });
}

/** After any change: the folder list again (the push event does the same for other tabs). */
function refreshFolders(qc: QueryClient): void {
  void qc.invalidateQueries({ queryKey: mailboxKeys.all() });
}

/** Cached lists and messages of folders that moved or went: they answer under another path now, or not at all. */
function dropMessages(qc: QueryClient, paths: readonly string[]): void {
  for (const path of paths) qc.removeQueries({ queryKey: messageKeys.mailbox(path) });
}

function pathsWithin(qc: QueryClient, path: string): string[] {
  const list = qc.getQueryData<Mailbox[]>(mailboxKeys.all()) ?? [];
  const delimiter = list.find((m) => m.path === path)?.delimiter ?? null;
  return list.filter((m) => m.path === path || (delimiter !== null && m.path.startsWith(path + delimiter))).map((m) => m.path);
}

export function useCreateFolderMutation() {
  return useInvalidatingMutation(
    (req: CreateFolderRequest) => apiRequest(FOLDERS_API.create, folderPathResultSchema, { method: 'POST', body: req }),
    mailboxKeys.all(),
  );
}

/** Rename and move: the folder and those below it answer under new paths, so what was cached under the old ones goes. */
function useRepathMutation<R extends { path: string }>(endpoint: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: R) => apiRequest(endpoint, folderPathResultSchema, { method: 'POST', body: req }),
    onSuccess: (_data, req) => dropMessages(qc, pathsWithin(qc, req.path)),
    onSettled: () => refreshFolders(qc),
  });
}

export const useRenameFolderMutation = () => useRepathMutation<RenameFolderRequest>(FOLDERS_API.rename);
export const useMoveFolderMutation = () => useRepathMutation<MoveFolderRequest>(FOLDERS_API.move);

export function useDeleteFolderMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: DeleteFolderRequest) => apiRequest(FOLDERS_API.delete, deleteFolderResultSchema, { method: 'POST', body: req }),
    onSuccess: (data) => dropMessages(qc, data.deleted),
    onSettled: () => {
      refreshFolders(qc);
      void qc.invalidateQueries({ queryKey: folderKeys.quota() });
    },
  });
}

/** Shown or hidden in the pane at once; rolled back if the server refuses (STYLE.md §8). */
export function useSubscribeFolderMutation() {
  return useOptimisticMutation({
    mutationFn: (req: SubscribeFolderRequest) => apiRequest(FOLDERS_API.subscribe, subscribeFolderResultSchema, { method: 'POST', body: req }),
    touches: () => [mailboxKeys.all()],
    apply: (qc, req) => qc.setQueryData<Mailbox[]>(mailboxKeys.all(), (list) => list?.map((m) => (m.path === req.path ? { ...m, subscribed: req.subscribed } : m))),
    settled: refreshFolders,
  });
}

/** Trash or Junk shows empty at once; its counts and rows come back if the server refuses. */
export function useEmptyFolderMutation() {
  return useOptimisticMutation({
    mutationFn: (req: EmptyFolderRequest) => apiRequest(FOLDERS_API.empty, emptyFolderResultSchema, { method: 'POST', body: req }),
    touches: (req) => [mailboxKeys.all(), messageKeys.mailbox(req.path)],
    apply: (qc, req) => {
      qc.setQueryData<Mailbox[]>(mailboxKeys.all(), (list) => list?.map((m) => (m.path === req.path ? { ...m, total: 0, unread: 0 } : m)));
      qc.setQueriesData<MessagePage>({ queryKey: messageKeys.pages(req.path) }, (page) => (page ? { ...page, total: 0, items: [] } : page));
    },
    settled: (qc, req) => {
      refreshFolders(qc);
      void qc.invalidateQueries({ queryKey: messageKeys.mailbox(req.path) });
      void qc.invalidateQueries({ queryKey: folderKeys.quota() });
    },
  });
}
