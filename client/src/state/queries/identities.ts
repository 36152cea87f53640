import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  IDENTITIES_API, identityListSchema, identitySavedSchema, type IdentityInput, type IdentityList,
} from '../../../../shared/identities.js';
import { apiRequest } from '../../api/http.js';

/** The user's sender identities (issue 7 part 2): the settings panel edits them, compose picks one. */
export const identityKeys = {
  list: () => ['identities'] as const,
};

export function useIdentitiesQuery() {
  return useQuery({
    queryKey: identityKeys.list(),
    queryFn: ({ signal }) => apiRequest(IDENTITIES_API.list, identityListSchema, { signal }),
    staleTime: 5 * 60_000,
    // Compose waits for this list before it opens: one retry, not a long wait.
    retry: 1,
  });
}

/**
 * Every change answers the whole list, which replaces the cached one, so the
 * panel and an open compose window's From select see it at once. Not
 * optimistic: the server may refuse an address (the admin's policy), and the
 * form must stay as typed to show why.
 */
function useListMutation<V>(request: (vars: V) => Promise<IdentityList>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (list) => qc.setQueryData(identityKeys.list(), { identities: list.identities, policy: list.policy }),
  });
}

export function useSaveIdentityMutation() {
  return useListMutation(({ id, input }: { id: string | null; input: IdentityInput }) =>
    id === null
      ? apiRequest(IDENTITIES_API.list, identitySavedSchema, { method: 'POST', body: input })
      : apiRequest(IDENTITIES_API.identity(id), identitySavedSchema, { method: 'PUT', body: input }),
  );
}

export function useDeleteIdentityMutation() {
  return useListMutation((id: string) => apiRequest(IDENTITIES_API.identity(id), identityListSchema, { method: 'DELETE' }));
}

export function useDefaultIdentityMutation() {
  return useListMutation((id: string) => apiRequest(IDENTITIES_API.setDefault(id), identityListSchema, { method: 'POST' }));
}
