import { randomUUID } from 'node:crypto';
import type { Recipient } from '../../../shared/compose.js';
import { CONTACTS_MAX, type Contact, type ContactGroup, type ContactList, type ContactSuggestion } from '../../../shared/contacts.js';
import { AppError } from '../../errors.js';
import type { Database } from '../db.js';
import { ContactGroups } from './groups.js';
import { pacer } from '../pacer.js';
import { statementCache } from '../statements.js';
import type { ContactFields, ContactsStore, ImportedContact, ImportOutcome } from './store.js';
import { addressKey, fold, searchText } from './text.js';

interface ContactRow {
  id: string;
  name: string;
  notes: string;
}

/**
 * The address book in the webmail's SQLite file (migration "address book" in
 * server/store/db.ts). Every statement names the owner, including the ones
 * that follow an id already checked: the owner is part of every key.
 */
export class SqliteContactsStore implements ContactsStore {
  private readonly groups: ContactGroups;
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {
    this.sql = statementCache(db);
    this.groups = new ContactGroups(this.sql, now);
  }

  async list(owner: string, { q, limit, offset }: { q: string; limit: number; offset: number }): Promise<ContactList> {
    const needle = fold(q.trim());
    const where = 'owner = ? AND instr(search, ?) > 0';
    const { n } = this.sql(`SELECT COUNT(*) AS n FROM contacts WHERE ${where}`).get(owner, needle) as { n: number };
    const rows = this.sql(`SELECT id, name, notes FROM contacts WHERE ${where} ORDER BY name = '', search, id LIMIT ? OFFSET ?`)
      .all(owner, needle, limit, offset) as ContactRow[];
    return { contacts: this.hydrate(owner, rows), total: n };
  }

  async get(owner: string, id: string): Promise<Contact> {
    const row = this.sql('SELECT id, name, notes FROM contacts WHERE owner = ? AND id = ?').get(owner, id) as ContactRow | undefined;
    if (!row) throw new AppError('CONTACT_NOT_FOUND', 'No such contact.');
    return this.hydrate(owner, [row])[0]!;
  }

  async create(owner: string, fields: ContactFields): Promise<Contact> {
    const id = randomUUID();
    this.db.transaction(() => {
      this.requireRoom(owner, 1);
      this.groups.requireOwn(owner, fields.groups);
      this.insert(owner, id, fields);
      this.groups.setMemberships(owner, id, fields.groups);
    })();
    return this.get(owner, id);
  }

  async update(owner: string, id: string, fields: ContactFields): Promise<Contact> {
    this.db.transaction(() => {
      const t = this.now();
      const search = searchText(fields.name, fields.emails.map((e) => e.address));
      const changed = this.sql('UPDATE contacts SET name = ?, notes = ?, search = ?, updated_at = ? WHERE owner = ? AND id = ?')
        .run(fields.name, fields.notes, search, t, owner, id).changes;
      if (changed === 0) throw new AppError('CONTACT_NOT_FOUND', 'No such contact.');
      this.groups.requireOwn(owner, fields.groups);
      this.writeParts(owner, id, fields);
      this.groups.setMemberships(owner, id, fields.groups);
    })();
    return this.get(owner, id);
  }

  async remove(owner: string, id: string): Promise<void> {
    this.db.transaction(() => {
      const changed = this.sql('DELETE FROM contacts WHERE owner = ? AND id = ?').run(owner, id).changes;
      if (changed === 0) throw new AppError('CONTACT_NOT_FOUND', 'No such contact.');
      this.sql('DELETE FROM contact_emails WHERE owner = ? AND contact_id = ?').run(owner, id);
      this.sql('DELETE FROM contact_phones WHERE owner = ? AND contact_id = ?').run(owner, id);
      this.groups.setMemberships(owner, id, []);
    })();
  }

  /**
   * Contacts first, names starting with the text before names containing it;
   * a contact whose name does not match offers only its matching addresses.
   * Then groups, as their members' first addresses.
   */
  async suggest(owner: string, q: string, max: number): Promise<ContactSuggestion[]> {
    const needle = fold(q.trim());
    const rows = this.sql(
        `SELECT id, name, notes FROM contacts WHERE owner = ? AND instr(search, ?) > 0
           AND EXISTS (SELECT 1 FROM contact_emails e WHERE e.owner = contacts.owner AND e.contact_id = contacts.id)
         ORDER BY instr(search, ?) <> 1, name = '', search LIMIT ?`,
      )
      .all(owner, needle, needle, max) as ContactRow[];
    const out: ContactSuggestion[] = [];
    for (const c of this.hydrate(owner, rows)) {
      const nameMatches = fold(c.name).includes(needle);
      for (const e of c.emails) {
        if (nameMatches || fold(e.address).includes(needle)) out.push({ kind: 'contact', contactId: c.id, name: c.name, address: e.address });
      }
    }
    return [...out.slice(0, max), ...this.groups.suggest(owner, needle, Math.min(3, max))];
  }

  async listGroups(owner: string): Promise<ContactGroup[]> {
    return this.groups.list(owner);
  }

  async createGroup(owner: string, input: { name: string; memberIds: string[] }): Promise<ContactGroup> {
    return this.db.transaction(() => this.groups.create(owner, input))();
  }

  async updateGroup(owner: string, id: string, input: { name: string; memberIds: string[] }): Promise<ContactGroup> {
    return this.db.transaction(() => this.groups.update(owner, id, input))();
  }

  async removeGroup(owner: string, id: string): Promise<void> {
    this.db.transaction(() => this.groups.remove(owner, id))();
  }

  async everything(owner: string) {
    const rows = this.sql(`SELECT id, name, notes FROM contacts WHERE owner = ? ORDER BY name = '', search, id`).all(owner) as ContactRow[];
    return { contacts: this.hydrate(owner, rows), groups: this.groups.list(owner) };
  }

  /** In transactions of about 20 ms each, with other requests let through between them (see pacer). */
  async importMany(owner: string, contacts: ImportedContact[]): Promise<ImportOutcome> {
    const outcome: ImportOutcome = { imported: 0, skipped: [] };
    const known = this.identities(owner);
    let room = CONTACTS_MAX - this.count(owner);
    const pace = pacer();
    let next = 0;
    while (next < contacts.length) {
      this.db.transaction(() => {
        for (; next < contacts.length && !pace.due(); next++) {
          const c = contacts[next]!;
          const identity = identityOf(c.name, c.emails.map((e) => e.address));
          if (known.has(identity)) {
            outcome.skipped.push({ line: c.line, reason: 'DUPLICATE' });
          } else if (room <= 0) {
            outcome.skipped.push({ line: c.line, reason: 'LIMIT_REACHED' });
          } else {
            const id = randomUUID();
            const groups = c.groupNames.map((name) => this.groups.idFor(owner, name)).filter((g): g is string => g !== null);
            this.insert(owner, id, c);
            this.groups.setMemberships(owner, id, groups);
            known.add(identity);
            room--;
            outcome.imported++;
          }
        }
      })();
      await pace.pause();
    }
    return outcome;
  }

  async collect(owner: string, recipients: Recipient[]): Promise<number> {
    return this.db.transaction(() => {
      const known = this.sql('SELECT 1 FROM contact_emails WHERE owner = ? AND address_key = ?');
      const seen = new Set<string>([addressKey(owner)]);
      let room = CONTACTS_MAX - this.count(owner);
      let added = 0;
      for (const r of recipients) {
        const key = addressKey(r.address);
        if (seen.has(key) || known.get(owner, key) !== undefined) continue;
        seen.add(key);
        // A full address book stops collecting; the user's own contacts matter more than a guess.
        if (room-- <= 0) break;
        this.insert(owner, randomUUID(), { name: r.name.trim(), emails: [{ address: r.address.trim(), label: '' }], phones: [], notes: '' });
        added++;
      }
      return added;
    })();
  }

  private count(owner: string): number {
    return (this.sql('SELECT COUNT(*) AS n FROM contacts WHERE owner = ?').get(owner) as { n: number }).n;
  }

  private requireRoom(owner: string, more: number): void {
    if (this.count(owner) + more > CONTACTS_MAX) {
      throw new AppError('VALIDATION_FAILED', `An address book holds at most ${CONTACTS_MAX} contacts.`);
    }
  }

  private insert(owner: string, id: string, fields: Omit<ContactFields, 'groups'>): void {
    const t = this.now();
    const search = searchText(fields.name, fields.emails.map((e) => e.address));
    this.sql('INSERT INTO contacts (owner, id, name, notes, search, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(owner, id, fields.name, fields.notes, search, t, t);
    this.writeParts(owner, id, fields);
  }

  /** Replaces the addresses and phones of a contact, in the order given. */
  private writeParts(owner: string, id: string, fields: Pick<ContactFields, 'emails' | 'phones'>): void {
    this.sql('DELETE FROM contact_emails WHERE owner = ? AND contact_id = ?').run(owner, id);
    this.sql('DELETE FROM contact_phones WHERE owner = ? AND contact_id = ?').run(owner, id);
    const email = this.sql('INSERT INTO contact_emails (owner, contact_id, position, address, address_key, label) VALUES (?, ?, ?, ?, ?, ?)');
    fields.emails.forEach((e, i) => email.run(owner, id, i, e.address, addressKey(e.address), e.label));
    const phone = this.sql('INSERT INTO contact_phones (owner, contact_id, position, number, label) VALUES (?, ?, ?, ?, ?)');
    fields.phones.forEach((p, i) => phone.run(owner, id, i, p.number, p.label));
  }

  /** Adds addresses, phones and group ids to rows, in three queries whatever the page size. */
  private hydrate(owner: string, rows: ContactRow[]): Contact[] {
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((r) => r.id));
    const inPage = 'owner = ? AND contact_id IN (SELECT value FROM json_each(?))';
    const byContact = <T>(sql: string) => {
      const map = new Map<string, T[]>();
      for (const r of this.sql(sql).all(owner, ids) as Array<T & { contact_id: string }>) {
        const { contact_id, ...rest } = r;
        const list = map.get(contact_id);
        if (list) list.push(rest as T);
        else map.set(contact_id, [rest as T]);
      }
      return map;
    };
    const emails = byContact<{ address: string; label: string }>(`SELECT contact_id, address, label FROM contact_emails WHERE ${inPage} ORDER BY contact_id, position`);
    const phones = byContact<{ number: string; label: string }>(`SELECT contact_id, number, label FROM contact_phones WHERE ${inPage} ORDER BY contact_id, position`);
    const groups = byContact<{ group_id: string }>(`SELECT contact_id, group_id FROM contact_group_members WHERE ${inPage} ORDER BY contact_id, group_id`);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      emails: emails.get(r.id) ?? [],
      phones: phones.get(r.id) ?? [],
      notes: r.notes,
      groups: (groups.get(r.id) ?? []).map((g) => g.group_id),
    }));
  }

  /** What makes two contacts the same for an import: the folded name and the set of addresses. */
  private identities(owner: string): Set<string> {
    const rows = this.sql('SELECT id, name FROM contacts WHERE owner = ?').all(owner) as Array<{ id: string; name: string }>;
    const addresses = new Map<string, string[]>();
    for (const e of this.sql('SELECT contact_id, address FROM contact_emails WHERE owner = ?').all(owner) as Array<{ contact_id: string; address: string }>) {
      const list = addresses.get(e.contact_id);
      if (list) list.push(e.address);
      else addresses.set(e.contact_id, [e.address]);
    }
    return new Set(rows.map((r) => identityOf(r.name, addresses.get(r.id) ?? [])));
  }
}

function identityOf(name: string, addresses: string[]): string {
  return JSON.stringify([fold(name.trim()), addresses.map(addressKey).sort()]);
}
