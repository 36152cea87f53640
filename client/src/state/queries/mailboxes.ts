import { useQuery } from '@tanstack/react-query';
import { API } from '../../../../shared/api.js';
import { mailboxListSchema, type Mailbox } from '../../../../shared/mail.js';
import { apiRequest } from '../../api/http.js';
import { recordIds } from '../../offline/store.js';
import { OFFLINE_NETWORK_MODE, withSavedCopy } from './offline.js';

export const mailboxKeys = {
  all: () => ['mailboxes'] as const,
};

export function useMailboxesQuery() {
  return useQuery({
    queryKey: mailboxKeys.all(),
    queryFn: ({ signal, client }) =>
      withSavedCopy(client, mailboxKeys.all(), async () => (await apiRequest(API.mailboxes, mailboxListSchema, { signal })).mailboxes, {
        save: (store, account, data) => store.saveMailboxes(account, data),
        load: (store, account) => store.read<Mailbox[]>(account, recordIds.mailboxes(account), 'mailboxes', null),
      }),
    staleTime: 30_000,
    networkMode: OFFLINE_NETWORK_MODE,
  });
}
