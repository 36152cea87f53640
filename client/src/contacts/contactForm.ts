import type { Contact, ContactInput } from '../../../shared/contacts.js';

/**
 * The contact editor's state, and what it sends. Empty rows are how the form
 * offers "another address"; they are dropped on save, never sent.
 */
export interface ContactFormState {
  name: string;
  emails: Array<{ address: string; label: string }>;
  phones: Array<{ number: string; label: string }>;
  notes: string;
  groups: string[];
}

export function formOf(contact: Contact | null): ContactFormState {
  if (!contact) return { name: '', emails: [{ address: '', label: '' }], phones: [], notes: '', groups: [] };
  return {
    name: contact.name,
    emails: contact.emails.length ? contact.emails.map((e) => ({ ...e })) : [{ address: '', label: '' }],
    phones: contact.phones.map((p) => ({ ...p })),
    notes: contact.notes,
    groups: [...contact.groups],
  };
}

export function inputOf(form: ContactFormState): ContactInput {
  return {
    name: form.name.trim(),
    emails: form.emails.map((e) => ({ address: e.address.trim(), label: e.label })).filter((e) => e.address !== ''),
    phones: form.phones.map((p) => ({ number: p.number.trim(), label: p.label })).filter((p) => p.number !== ''),
    notes: form.notes,
    groups: form.groups,
  };
}

/** What the server would refuse anyway, said before the request: a contact needs a name or an address. */
export function formProblem(form: ContactFormState): 'needNameOrEmail' | null {
  const input = inputOf(form);
  return input.name === '' && input.emails.length === 0 ? 'needNameOrEmail' : null;
}

/** How a contact is called in lists and buttons: its name, else its first address. */
export function displayName(contact: Pick<Contact, 'name' | 'emails'>): string {
  return contact.name || contact.emails[0]?.address || '';
}
