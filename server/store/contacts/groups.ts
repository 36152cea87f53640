import { randomUUID } from 'node:crypto';
import { CONTACT_GROUPS_MAX, type ContactGroup, type ContactSuggestion } from '../../../shared/contacts.js';
import { AppError } from '../../errors.js';
import { statementCache } from '../statements.js';
import { fold } from './text.js';

/**
 * Contact groups of the SQLite store. Synchronous and transaction-free: the
 * store calls these inside its own transactions. Group names are unique per
 * owner once folded, so an import's CATEGORIES "friends" joins "Friends".
 */
export class ContactGroups {
  constructor(
    private readonly sql: ReturnType<typeof statementCache>,
    private readonly now: () => number,
  ) {}

  list(owner: string): ContactGroup[] {
    const groups = this.sql('SELECT id, name FROM contact_groups WHERE owner = ? ORDER BY name_key, id').all(owner) as Array<{ id: string; name: string }>;
    const members = new Map<string, string[]>();
    for (const m of this.sql('SELECT group_id, contact_id FROM contact_group_members WHERE owner = ? ORDER BY contact_id').all(owner) as Array<{
      group_id: string;
      contact_id: string;
    }>) {
      const list = members.get(m.group_id);
      if (list) list.push(m.contact_id);
      else members.set(m.group_id, [m.contact_id]);
    }
    return groups.map((g) => ({ id: g.id, name: g.name, memberIds: members.get(g.id) ?? [] }));
  }

  create(owner: string, input: { name: string; memberIds: string[] }): ContactGroup {
    const { n } = this.sql('SELECT COUNT(*) AS n FROM contact_groups WHERE owner = ?').get(owner) as { n: number };
    if (n >= CONTACT_GROUPS_MAX) throw new AppError('VALIDATION_FAILED', `At most ${CONTACT_GROUPS_MAX} groups.`, { field: 'name' });
    this.requireFreeName(owner, input.name, null);
    const id = randomUUID();
    this.sql('INSERT INTO contact_groups (owner, id, name, name_key, created_at) VALUES (?, ?, ?, ?, ?)').run(owner, id, input.name, fold(input.name), this.now());
    this.setMembers(owner, id, input.memberIds);
    return this.one(owner, id);
  }

  update(owner: string, id: string, input: { name: string; memberIds: string[] }): ContactGroup {
    if (!this.exists(owner, id)) throw new AppError('NOT_FOUND', 'No such group.');
    this.requireFreeName(owner, input.name, id);
    this.sql('UPDATE contact_groups SET name = ?, name_key = ? WHERE owner = ? AND id = ?').run(input.name, fold(input.name), owner, id);
    this.setMembers(owner, id, input.memberIds);
    return this.one(owner, id);
  }

  /** The contacts stay; only the group and its memberships go. */
  remove(owner: string, id: string): void {
    if (this.sql('DELETE FROM contact_groups WHERE owner = ? AND id = ?').run(owner, id).changes === 0) {
      throw new AppError('NOT_FOUND', 'No such group.');
    }
    this.sql('DELETE FROM contact_group_members WHERE owner = ? AND group_id = ?').run(owner, id);
  }

  /** The id of the group with this name, created when missing; null once the owner has as many groups as allowed. */
  idFor(owner: string, name: string): string | null {
    const row = this.sql('SELECT id FROM contact_groups WHERE owner = ? AND name_key = ?').get(owner, fold(name)) as { id: string } | undefined;
    if (row) return row.id;
    const { n } = this.sql('SELECT COUNT(*) AS n FROM contact_groups WHERE owner = ?').get(owner) as { n: number };
    if (n >= CONTACT_GROUPS_MAX) return null;
    const id = randomUUID();
    this.sql('INSERT INTO contact_groups (owner, id, name, name_key, created_at) VALUES (?, ?, ?, ?, ?)').run(owner, id, name, fold(name), this.now());
    return id;
  }

  /** Refuses group ids that are not the owner's (VALIDATION_FAILED on the contact's `groups`). */
  requireOwn(owner: string, ids: string[]): void {
    for (const id of ids) {
      if (!this.exists(owner, id)) throw new AppError('VALIDATION_FAILED', 'No such group.', { field: 'groups' });
    }
  }

  /** Makes the contact a member of exactly these groups. */
  setMemberships(owner: string, contactId: string, groupIds: string[]): void {
    this.sql('DELETE FROM contact_group_members WHERE owner = ? AND contact_id = ?').run(owner, contactId);
    const add = this.sql('INSERT OR IGNORE INTO contact_group_members (owner, group_id, contact_id) VALUES (?, ?, ?)');
    for (const g of groupIds) add.run(owner, g, contactId);
  }

  /** Groups whose folded name contains the needle, as recipients: each member's first address. */
  suggest(owner: string, needle: string, max: number): ContactSuggestion[] {
    const groups = this.sql('SELECT id, name FROM contact_groups WHERE owner = ? AND instr(name_key, ?) > 0 ORDER BY instr(name_key, ?) <> 1, name_key LIMIT ?')
      .all(owner, needle, needle, max) as Array<{ id: string; name: string }>;
    const members = this.sql(
      `SELECT c.name AS name, e.address AS address FROM contact_group_members m
         JOIN contacts c ON c.owner = m.owner AND c.id = m.contact_id
         JOIN contact_emails e ON e.owner = m.owner AND e.contact_id = m.contact_id AND e.position = 0
       WHERE m.owner = ? AND m.group_id = ? ORDER BY c.name = '', c.search`,
    );
    return groups
      .map((g) => ({ kind: 'group' as const, groupId: g.id, name: g.name, members: members.all(owner, g.id) as Array<{ name: string; address: string }> }))
      .filter((g) => g.members.length > 0);
  }

  private setMembers(owner: string, groupId: string, memberIds: string[]): void {
    const own = this.sql('SELECT 1 FROM contacts WHERE owner = ? AND id = ?');
    for (const id of memberIds) {
      if (own.get(owner, id) === undefined) throw new AppError('CONTACT_NOT_FOUND', 'No such contact.', { field: 'memberIds' });
    }
    this.sql('DELETE FROM contact_group_members WHERE owner = ? AND group_id = ?').run(owner, groupId);
    const add = this.sql('INSERT OR IGNORE INTO contact_group_members (owner, group_id, contact_id) VALUES (?, ?, ?)');
    for (const id of memberIds) add.run(owner, groupId, id);
  }

  private requireFreeName(owner: string, name: string, except: string | null): void {
    const row = this.sql('SELECT id FROM contact_groups WHERE owner = ? AND name_key = ?').get(owner, fold(name)) as { id: string } | undefined;
    if (row && row.id !== except) throw new AppError('VALIDATION_FAILED', 'A group with this name exists.', { field: 'name' });
  }

  private exists(owner: string, id: string): boolean {
    return this.sql('SELECT 1 FROM contact_groups WHERE owner = ? AND id = ?').get(owner, id) !== undefined;
  }

  private one(owner: string, id: string): ContactGroup {
    return this.list(owner).find((g) => g.id === id)!;
  }
}
