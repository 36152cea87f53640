import type { Recipient } from '../../../shared/compose.js';
import type { Contact, ContactGroup, ContactList, ContactSuggestion, ImportSkipReason } from '../../../shared/contacts.js';

/**
 * The address book behind its store interface (DESIGN.md §8): SQLite today
 * (sqlite-store.ts), a shared SQL server in a multi-node deployment. Every
 * method takes the owner, the signed-in address, and touches nothing else:
 * an id belonging to another owner is simply not found. Async, so a store
 * across the network fits the same shape.
 */

/** A contact as written: everything but the id. */
export type ContactFields = Omit<Contact, 'id'>;

/** A contact read from an import file, checked, with its groups by name and the file line it came from. */
export interface ImportedContact extends Omit<ContactFields, 'groups'> {
  line: number;
  groupNames: string[];
}

export interface ImportOutcome {
  imported: number;
  skipped: Array<{ line: number; reason: ImportSkipReason }>;
}

export interface ContactsStore {
  list(owner: string, query: { q: string; limit: number; offset: number }): Promise<ContactList>;
  /** CONTACT_NOT_FOUND when the owner has no such contact. */
  get(owner: string, id: string): Promise<Contact>;
  create(owner: string, fields: ContactFields): Promise<Contact>;
  update(owner: string, id: string, fields: ContactFields): Promise<Contact>;
  remove(owner: string, id: string): Promise<void>;
  suggest(owner: string, q: string, max: number): Promise<ContactSuggestion[]>;

  listGroups(owner: string): Promise<ContactGroup[]>;
  createGroup(owner: string, input: { name: string; memberIds: string[] }): Promise<ContactGroup>;
  updateGroup(owner: string, id: string, input: { name: string; memberIds: string[] }): Promise<ContactGroup>;
  removeGroup(owner: string, id: string): Promise<void>;

  /** Every contact and group, for export. */
  everything(owner: string): Promise<{ contacts: Contact[]; groups: ContactGroup[] }>;
  /** Adds checked contacts in one transaction, creating groups named in them; duplicates are skipped. */
  importMany(owner: string, contacts: ImportedContact[]): Promise<ImportOutcome>;
  /** Adds each recipient whose address no contact has yet; returns how many were added. */
  collect(owner: string, recipients: Recipient[]): Promise<number>;
}
