import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  CONTACTS_API, contactGroupListSchema, contactGroupSchema, contactListSchema, contactSchema, contactSuggestionsSchema, importResultSchema,
  type ContactGroupInput, type ContactInput, type ExportFormat,
} from '../../../../shared/contacts.js';
import { apiRequest } from '../../api/http.js';
import { rawRequest } from '../../api/raw.js';
import { collection, useInvalidatingMutation, useSuggestionsQuery } from './factory.js';

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
const useContactsChange = <V, R>(request: (vars: V) => Promise<R>) => useInvalidatingMutation(request, contactKeys.all());
const contacts = collection<typeof contactSchema, ContactInput>(CONTACTS_API.contacts, CONTACTS_API.contact, contactSchema);
const groups = collection<typeof contactGroupSchema, ContactGroupInput>(CONTACTS_API.groups, CONTACTS_API.group, contactGroupSchema);

/** Creates (no id) or replaces (id) a contact; a group likewise. */
export const useSaveContactMutation = () => useContactsChange(({ id, contact }: { id: string | null; contact: ContactInput }) => contacts.save(id, contact));
export const useDeleteContactMutation = () => useContactsChange(contacts.remove);
export const useSaveGroupMutation = () => useContactsChange(({ id, group }: { id: string | null; group: ContactGroupInput }) => groups.save(id, group));
export const useDeleteGroupMutation = () => useContactsChange(groups.remove);

/** Sends the file's bytes as they are: the server works out the charset and whether it is vCard or CSV. */
export function useImportContactsMutation() {
  return useContactsChange((file: File) =>
    rawRequest(CONTACTS_API.import, importResultSchema, { method: 'POST', body: file, headers: { 'content-type': file.type || 'text/plain' } }),
  );
}

/** A plain link: the browser downloads it with the session cookie, as it does attachments. */
export function exportUrl(format: ExportFormat): string {
  return `${CONTACTS_API.export}?format=${format}`;
}

/** Compose autocomplete from the address book, asked 150 ms after typing stops (as the IMAP suggestions are). */
export function useContactSuggestions(text: string) {
  return useSuggestionsQuery(text, contactKeys.suggest, fetchSuggestions, 30_000);
}

const fetchSuggestions = async (q: string, signal: AbortSignal) =>
  (await apiRequest(CONTACTS_API.suggest, contactSuggestionsSchema, { query: { q }, signal })).suggestions;
