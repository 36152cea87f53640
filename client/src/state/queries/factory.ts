import { useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest } from '../../api/http.js';
import { useSettledText } from '../useSettledText.js';

/**
 * The shapes the query files would otherwise each write again, said once
 * (Bluesky's state/queries habit: each file keeps its keys and hooks; the
 * plumbing is shared).
 */

/** A plain GET cached under `queryKey`: spread into useQuery beside the cache policy. */
export function getQuery<K extends QueryKey, S extends z.ZodType>(queryKey: K, path: string, schema: S) {
  return { queryKey, queryFn: ({ signal }: { signal: AbortSignal }): Promise<z.infer<S>> => apiRequest(path, schema, { signal }) };
}

/**
 * A collection the API edits by id: saving without an id creates (POST to
 * the collection), with one replaces (PUT to the item); removing DELETEs it.
 */
export function collection<S extends z.ZodType, B>(path: string, item: (id: string) => string, saved: S) {
  return {
    save: (id: string | null, body: B): Promise<z.infer<S>> =>
      id === null ? apiRequest(path, saved, { method: 'POST', body }) : apiRequest(item(id), saved, { method: 'PUT', body }),
    remove: (id: string): Promise<void> => apiRequest(item(id), null, { method: 'DELETE' }),
  };
}

/**
 * A change after which what `stale` names must be asked again. On settle, not
 * on success: a refused request may still have changed part of it.
 */
export function useInvalidatingMutation<V, R>(mutationFn: (vars: V) => Promise<R>, stale: QueryKey) {
  const qc = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => void qc.invalidateQueries({ queryKey: stale }) });
}

/**
 * A change the server answers with the new state of a cached query: the
 * answer replaces it, so every view sees it at once. Not optimistic: a
 * refusal leaves the cache as it was, and the form as typed to show why.
 */
export function useReplacingMutation<V, R>(mutationFn: (vars: V) => Promise<R>, key: QueryKey, select: (answer: R) => unknown = (answer) => answer) {
  const qc = useQueryClient();
  return useMutation({ mutationFn, onSuccess: (answer: R) => void qc.setQueryData(key, select(answer)) });
}

/**
 * Optimistic (STYLE.md §8): the queries `touches` names are snapshotted,
 * `apply` shows the change in them at once, a refusal puts the snapshot back,
 * and `settled` asks the server for the truth either way.
 */
export function useOptimisticMutation<V, R>(options: {
  mutationFn: (vars: V) => Promise<R>;
  touches: (vars: V) => QueryKey[];
  apply: (qc: QueryClient, vars: V) => void;
  settled: (qc: QueryClient, vars: V) => void;
}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: options.mutationFn,
    onMutate: async (vars: V) => {
      const keys = options.touches(vars);
      await Promise.all(keys.map((queryKey) => qc.cancelQueries({ queryKey })));
      const snapshot = keys.flatMap((queryKey) => qc.getQueriesData({ queryKey }));
      options.apply(qc, vars);
      return { snapshot };
    },
    onError: (_err, _vars, context) => {
      for (const [key, data] of context?.snapshot ?? []) qc.setQueryData(key, data);
    },
    onSettled: (_data, _err, vars) => options.settled(qc, vars),
  });
}

/**
 * Autocomplete: asked once typing settles, so a keystroke does not cost a
 * request, and never retried: the next keystroke asks again anyway.
 */
export function useSuggestionsQuery<T>(text: string, queryKey: (q: string) => QueryKey, fetch: (q: string, signal: AbortSignal) => Promise<T>, staleTime: number) {
  const q = useSettledText(text);
  return useQuery({ queryKey: queryKey(q), queryFn: ({ signal }) => fetch(q, signal), enabled: q.length >= 1, staleTime, retry: false });
}
