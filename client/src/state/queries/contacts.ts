import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CONTACTS_API, contactGroupListSchema, contactGroupSchema, contactListSchema, contactSchema, contactSuggestionsSchema, importResultSchema,
  type ContactGroupInput, type ContactInput, type ExportFormat,
} from '../../../../shared/contacts.js';
import { apiRequest } from '../../api/http.js';
import { rawRequest } from '../../api/raw.js';
import { useSettledText } from '../useSettledText.js';

/** The address book (issue 7 part 1): every call to /api/contacts lives here. */
export const contactKeys = {
  all: () => ['contacts'] as const,
  list: (q: string) => ['contacts', 'list', q] as const,
  groups: () => ['contacts', 'groups'] as const,
  suggest: (q: string) => ['contacts', 'suggest', q] as const,
};

/** The panel's list: the first page of matches, by name (the server pages; a search narrows). */
export function useContactsQuery(q: string) {
  return useQuery({
    queryKey: contactKeys.list(q),
    queryFn: ({ signal }) => apiRequest(CONTACTS_API.contacts, contactListSchema, { query: { q, limit: 200 }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useContactGroupsQuery() {
  return useQuery({
    queryKey: contactKeys.groups(),
    queryFn: async ({ signal }) => (await apiRequest(CONTACTS_API.groups, contactGroupListSchema, { signal })).groups,
  });
}

/** Any change: lists, groups (memberships follow contacts) and compose suggestions are all stale. */
function useInvalidateContacts() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: contactKeys.all() });
}

/** Creates (no id) or replaces (id) a contact. */
export function useSaveContactMutation() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: ({ id, contact }: { id: string | null; contact: ContactInput }) =>
      id === null
        ? apiRequest(CONTACTS_API.contacts, contactSchema, { method: 'POST', body: contact })
        : apiRequest(CONTACTS_API.contact(id), contactSchema, { method: 'PUT', body: contact }),
    onSettled: invalidate,
  });
}

export function useDeleteContactMutation() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: (id: string) => apiRequest(CONTACTS_API.contact(id), null, { method: 'DELETE' }),
    onSettled: invalidate,
  });
}

export function useSaveGroupMutation() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: ({ id, group }: { id: string | null; group: ContactGroupInput }) =>
      id === null
        ? apiRequest(CONTACTS_API.groups, contactGroupSchema, { method: 'POST', body: group })
        : apiRequest(CONTACTS_API.group(id), contactGroupSchema, { method: 'PUT', body: group }),
    onSettled: invalidate,
  });
}

export function useDeleteGroupMutation() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: (id: string) => apiRequest(CONTACTS_API.group(id), null, { method: 'DELETE' }),
    onSettled: invalidate,
  });
}

/** Sends the file's bytes as they are: the server works out the charset and whether it is vCard or CSV. */
export function useImportContactsMutation() {
  const invalidate = useInvalidateContacts();
  return useMutation({
    mutationFn: (file: File) =>
      rawRequest(CONTACTS_API.import, importResultSchema, { method: 'POST', body: file, headers: { 'content-type': file.type || 'text/plain' } }),
    onSettled: invalidate,
  });
}

/** A plain link: the browser downloads it with the session cookie, as it does attachments. */
export function exportUrl(format: ExportFormat): string {
  return `${CONTACTS_API.export}?format=${format}`;
}

/** Compose autocomplete from the address book, asked 150 ms after typing stops (as the IMAP suggestions are). */
export function useContactSuggestions(text: string) {
  const q = useSettledText(text);
  return useQuery({
    queryKey: contactKeys.suggest(q),
    queryFn: async ({ signal }) => (await apiRequest(CONTACTS_API.suggest, contactSuggestionsSchema, { query: { q }, signal })).suggestions,
    enabled: q.length >= 1,
    staleTime: 30_000,
    retry: false,
  });
}
