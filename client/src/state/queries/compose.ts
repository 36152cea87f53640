import { useCallback } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  COMPOSE_API, composeLimitsSchema, draftSchema, outboxEntrySchema, outboxListSchema, recipientSchema, savedDraftSchema,
  type ComposeMode, type Draft, type SendRequest,
} from '../../../../shared/compose.js';
import { apiRequest } from '../../api/http.js';
import { mailboxKeys } from './mailboxes.js';
import { messageKeys } from './messages.js';
import { i18n } from '../../i18n/index.js';
import { getQuery, useSuggestionsQuery } from './factory.js';

export const composeKeys = {
  limits: () => ['compose', 'limits'] as const,
  outbox: () => ['compose', 'outbox'] as const,
  addresses: (q: string) => ['compose', 'addresses', q] as const,
};

export function useComposeLimitsQuery() {
  return useQuery({ ...getQuery(composeKeys.limits(), COMPOSE_API.limits, composeLimitsSchema), staleTime: 10 * 60_000 });
}

/** The draft a reply, forward, "edit as new" or saved draft starts from. */
export function fetchPrefill(mode: Exclude<ComposeMode, 'new'>, mailbox: string, uid: number, signal?: AbortSignal): Promise<Draft> {
  return apiRequest(COMPOSE_API.prefill, draftSchema, { query: { mode, mailbox, uid, lang: i18n.language === 'fr' ? 'fr' : 'en' }, signal });
}

/** Saves to the Drafts mailbox, replacing draft.savedAs. keepalive lets the last save outlive a closing tab. */
export function saveDraft(draft: Draft, options: { keepalive: boolean }) {
  return apiRequest(COMPOSE_API.drafts, savedDraftSchema, { method: 'POST', body: draft, keepalive: options.keepalive });
}

/** Anything that changes Drafts, Sent or the outbox: refresh what is on screen. */
/** For views that learn of a change later (a send that completed after its request returned). */
export function useRefreshMail(): () => void {
  const qc = useQueryClient();
  return useCallback(() => invalidateMail(qc), [qc]);
}

function invalidateMail(qc: ReturnType<typeof useQueryClient>) {
  void qc.invalidateQueries({ queryKey: mailboxKeys.all() });
  void qc.invalidateQueries({ queryKey: messageKeys.all() });
  void qc.invalidateQueries({ queryKey: composeKeys.outbox() });
}

/** A change to what is sent or waits to be: Drafts, Sent and the outbox are stale once it settles. */
function useMailMutation<V, R>(mutationFn: (vars: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => invalidateMail(qc) });
}

export function useSendMutation() {
  return useMailMutation((req: SendRequest) => apiRequest(COMPOSE_API.send, outboxEntrySchema, { method: 'POST', body: req }));
}

/** Undo / cancel a scheduled send: the server hands the draft back. */
export function useCancelSendMutation() {
  return useMailMutation((id: string) => apiRequest(COMPOSE_API.outboxEntry(id), z.object({ draft: draftSchema }), { method: 'DELETE' }));
}

export function fetchOutbox(signal?: AbortSignal) {
  return apiRequest(COMPOSE_API.outbox, outboxListSchema, { signal });
}

export function useOutboxQuery(enabled = true) {
  return useQuery({
    queryKey: composeKeys.outbox(),
    queryFn: async ({ signal }) => (await fetchOutbox(signal)).entries,
    enabled,
    staleTime: 15_000,
    refetchInterval: 60_000,
  });
}

const addressListSchema = z.object({ addresses: z.array(recipientSchema) });

/** Autocomplete, asked 150 ms after typing stops so each keystroke does not cost a request. */
export function useAddressSuggestions(text: string) {
  return useSuggestionsQuery(text, composeKeys.addresses, fetchAddresses, 60_000);
}

const fetchAddresses = async (q: string, signal: AbortSignal) => (await apiRequest(COMPOSE_API.addresses, addressListSchema, { query: { q }, signal })).addresses;

/** The starting draft for a reply, forward, edit-as-new or saved draft; fetched once per opening. */
export function usePrefillQuery(request: { mode: Exclude<ComposeMode, 'new'>; mailbox: string; uid: number } | null) {
  return useQuery({
    queryKey: ['compose', 'prefill', request?.mode, request?.mailbox, request?.uid] as const,
    queryFn: ({ signal }) => fetchPrefill(request!.mode, request!.mailbox, request!.uid, signal),
    enabled: request !== null,
    staleTime: Infinity,
    gcTime: 0,
  });
}
