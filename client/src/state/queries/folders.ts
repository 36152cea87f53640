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
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: CreateFolderRequest) => apiRequest(FOLDERS_API.create, folderPathResultSchema, { method: 'POST', body: req }),
    onSettled: () => refreshFolders(qc),
  });
}

export function useRenameFolderMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: RenameFolderRequest) => apiRequest(FOLDERS_API.rename, folderPathResultSchema, { method: 'POST', body: req }),
    onSuccess: (_data, req) => dropMessages(qc, pathsWithin(qc, req.path)),
    onSettled: () => refreshFolders(qc),
  });
}

export function useMoveFolderMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: MoveFolderRequest) => apiRequest(FOLDERS_API.move, folderPathResultSchema, { method: 'POST', body: req }),
    onSuccess: (_data, req) => dropMessages(qc, pathsWithin(qc, req.path)),
    onSettled: () => refreshFolders(qc),
  });
}

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
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: SubscribeFolderRequest) => apiRequest(FOLDERS_API.subscribe, subscribeFolderResultSchema, { method: 'POST', body: req }),
    onMutate: async (req) => {
      await qc.cancelQueries({ queryKey: mailboxKeys.all() });
      const previous = qc.getQueryData<Mailbox[]>(mailboxKeys.all());
      qc.setQueryData<Mailbox[]>(mailboxKeys.all(), (list) => list?.map((m) => (m.path === req.path ? { ...m, subscribed: req.subscribed } : m)));
      return { previous };
    },
    onError: (_err, _req, context) => {
      if (context?.previous) qc.setQueryData(mailboxKeys.all(), context.previous);
    },
    onSettled: () => refreshFolders(qc),
  });
}

/** Trash or Junk shows empty at once; its counts and rows come back if the server refuses. */
export function useEmptyFolderMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: EmptyFolderRequest) => apiRequest(FOLDERS_API.empty, emptyFolderResultSchema, { method: 'POST', body: req }),
    onMutate: async (req) => {
      await qc.cancelQueries({ queryKey: mailboxKeys.all() });
      await qc.cancelQueries({ queryKey: messageKeys.mailbox(req.path) });
      const snapshot = [...qc.getQueriesData({ queryKey: mailboxKeys.all() }), ...qc.getQueriesData({ queryKey: messageKeys.mailbox(req.path) })];
      qc.setQueryData<Mailbox[]>(mailboxKeys.all(), (list) => list?.map((m) => (m.path === req.path ? { ...m, total: 0, unread: 0 } : m)));
      qc.setQueriesData<MessagePage>({ queryKey: messageKeys.pages(req.path) }, (page) => (page ? { ...page, total: 0, items: [] } : page));
      return { snapshot };
    },
    onError: (_err, _req, context) => {
      for (const [key, data] of context?.snapshot ?? []) qc.setQueryData(key, data);
    },
    onSettled: (_data, _err, req) => {
      refreshFolders(qc);
      void qc.invalidateQueries({ queryKey: messageKeys.mailbox(req.path) });
      void qc.invalidateQueries({ queryKey: folderKeys.quota() });
    },
  });
}
