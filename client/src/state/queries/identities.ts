import { useQuery } from '@tanstack/react-query';
import {
  IDENTITIES_API, identityListSchema, identitySavedSchema, type IdentityInput, type IdentityList,
} from '../../../../shared/identities.js';
import { apiRequest } from '../../api/http.js';
import { collection, getQuery, useReplacingMutation } from './factory.js';

/** The user's sender identities (issue 7 part 2): the settings panel edits them, compose picks one. */
export const identityKeys = {
  list: () => ['identities'] as const,
};

export function useIdentitiesQuery() {
  // Compose waits for this list before it opens: one retry, not a long wait.
  return useQuery({ ...getQuery(identityKeys.list(), IDENTITIES_API.list, identityListSchema), staleTime: 5 * 60_000, retry: 1 });
}

/**
 * Every change answers the whole list, which replaces the cached one, so the
 * panel and an open compose window's From select see it at once. Not
 * optimistic: the server may refuse an address (the admin's policy), and the
 * form must stay as typed to show why.
 */
const useListMutation = <V>(request: (vars: V) => Promise<IdentityList>) =>
  useReplacingMutation(request, identityKeys.list(), (list) => ({ identities: list.identities, policy: list.policy }));
const identities = collection<typeof identitySavedSchema, IdentityInput>(IDENTITIES_API.list, IDENTITIES_API.identity, identitySavedSchema);

export function useSaveIdentityMutation() {
  return useListMutation(({ id, input }: { id: string | null; input: IdentityInput }) => identities.save(id, input));
}

/** The server answers a removal and a new default with the list as it now is. */
const listAfter = (path: string, method: 'DELETE' | 'POST') => apiRequest(path, identityListSchema, { method });
export const useDeleteIdentityMutation = () => useListMutation((id: string) => listAfter(IDENTITIES_API.identity(id), 'DELETE'));
export const useDefaultIdentityMutation = () => useListMutation((id: string) => listAfter(IDENTITIES_API.setDefault(id), 'POST'));
