import { useQuery } from '@tanstack/react-query';
import { API } from '../../../../shared/api.js';
import { mailboxListSchema } from '../../../../shared/mail.js';
import { apiRequest } from '../../api/http.js';

export const mailboxKeys = {
  all: () => ['mailboxes'] as const,
};

export function useMailboxesQuery() {
  return useQuery({
    queryKey: mailboxKeys.all(),
    queryFn: async ({ signal }) => (await apiRequest(API.mailboxes, mailboxListSchema, { signal })).mailboxes,
    staleTime: 30_000,
  });
}
