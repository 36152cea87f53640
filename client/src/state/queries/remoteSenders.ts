import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { REMOTE_API, remoteSendersSchema, type RemoteSenders } from '../../../../shared/remote.js';
import { apiRequest } from '../../api/http.js';
import { getQuery } from './factory.js';

/** Senders whose remote images load without asking (through the image proxy). */
export const remoteSenderKeys = {
  list: () => ['remoteSenders'] as const,
};

export function useRemoteSendersQuery() {
  return useQuery({ ...getQuery(remoteSenderKeys.list(), REMOTE_API.senders, remoteSendersSchema), staleTime: 5 * 60_000 });
}

/**
 * Adds or removes one sender. Optimistic, so the images appear on the click;
 * the list rolls back if the server refuses.
 */
export function useRemoteSenderMutation() {
  const qc = useQueryClient();
  const key = remoteSenderKeys.list();
  return useMutation({
    mutationFn: ({ address, always }: { address: string; always: boolean }) =>
      always
        ? apiRequest(REMOTE_API.senders, remoteSendersSchema, { method: 'PUT', body: { address } })
        : apiRequest(REMOTE_API.senders, remoteSendersSchema, { method: 'DELETE', query: { address } }),
    onMutate: async ({ address, always }) => {
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData<RemoteSenders>(key);
      const lower = address.toLowerCase();
      const without = (previous?.senders ?? []).filter((s) => s !== lower);
      qc.setQueryData<RemoteSenders>(key, { senders: always ? [...without, lower].sort() : without });
      return { previous };
    },
    onError: (_err, _vars, context) => {
      if (context?.previous) qc.setQueryData(key, context.previous);
      else qc.removeQueries({ queryKey: key });
    },
    onSuccess: (data) => qc.setQueryData(key, data),
  });
}
