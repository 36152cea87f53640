import { useQuery } from '@tanstack/react-query';
import { FILTERS_API, filterStateSchema, type FilterSet, type FilterState } from '../../../../shared/filters.js';
import { apiRequest } from '../../api/http.js';
import { getQuery, useReplacingMutation } from './factory.js';

/** Filters and the vacation reply, as the user's ManageSieve server holds them. */
export const filterKeys = {
  state: () => ['filters'] as const,
};

export function useFiltersQuery() {
  return useQuery({
    ...getQuery(filterKeys.state(), FILTERS_API.filters, filterStateSchema),
    staleTime: 60_000,
    // A refusal of the server is an answer to show, not a glitch to retry.
    retry: false,
    // The editors start from this answer: a refetch on focus would throw away what is being typed.
    refetchOnWindowFocus: false,
  });
}

/**
 * Saves the form's rules and vacation reply, or a hand-written script. Not
 * optimistic: the server checks the script first, and only its answer says
 * what is now active. A refusal (SIEVE_INVALID) leaves the cache as it was.
 */
export function useSaveFiltersMutation() {
  return useReplacingMutation(
    (input: { form: FilterSet } | { script: string }): Promise<FilterState> =>
      'form' in input
        ? apiRequest(FILTERS_API.filters, filterStateSchema, { method: 'PUT', body: input.form })
        : apiRequest(FILTERS_API.raw, filterStateSchema, { method: 'PUT', body: { script: input.script } }),
    filterKeys.state(),
  );
}

export type SaveMutation = ReturnType<typeof useSaveFiltersMutation>;
