import type { ImapFlow, ListResponse } from 'imapflow';
import type { Mailbox, SpecialUse } from '../../shared/mail.js';
import { AppError } from '../errors.js';

const SPECIAL_USE_FLAGS: Record<string, SpecialUse> = {
  '\\Inbox': 'inbox',
  '\\Drafts': 'drafts',
  '\\Sent': 'sent',
  '\\Trash': 'trash',
  '\\Junk': 'junk',
  '\\Archive': 'archive',
  '\\All': 'all',
  '\\Flagged': 'flagged',
};

export function specialUseOf(entry: Pick<ListResponse, 'path' | 'specialUse'>): SpecialUse | null {
  if (entry.path.toUpperCase() === 'INBOX') return 'inbox';
  return entry.specialUse ? (SPECIAL_USE_FLAGS[entry.specialUse] ?? null) : null;
}

export function toMailbox(entry: ListResponse): Mailbox {
  const selectable = !entry.flags.has('\\Noselect') && !entry.flags.has('\\NonExistent');
  return {
    path: entry.path,
    name: entry.name,
    delimiter: entry.delimiter || null,
    parentPath: entry.parentPath || null,
    specialUse: specialUseOf(entry),
    // imapflow leaves it unset on \NonExistent parents (a CREATE of "A/B" on Dovecot's maildir).
    subscribed: entry.subscribed ?? false,
    selectable,
    total: entry.status?.messages ?? 0,
    unread: entry.status?.unseen ?? 0,
  };
}

/** Every mailbox with its counts, in one LIST-STATUS round trip where the server has it (RFC 5819). */
export async function listMailboxes(client: ImapFlow): Promise<Mailbox[]> {
  const entries = await client.list({ statusQuery: { messages: true, unseen: true } });
  return entries.map(toMailbox);
}

/** The path of a special-use mailbox (RFC 6154), found through SPECIAL-USE, never by a hard-coded name. */
export function findSpecialMailbox(entries: ListResponse[], use: SpecialUse): string {
  if (use === 'inbox') return 'INBOX';
  const found = entries.find((e) => specialUseOf(e) === use);
  if (!found) throw new AppError('SPECIAL_MAILBOX_MISSING', `This account has no ${use} mailbox.`);
  return found.path;
}

/** The listed mailbox at `path`, which must exist and hold messages. */
export function requireMailbox(entries: ListResponse[], path: string): ListResponse {
  const found = entries.find((e) => e.path === path);
  if (!found || found.flags.has('\\Noselect') || found.flags.has('\\NonExistent')) {
    throw new AppError('MAILBOX_NOT_FOUND', `No mailbox named ${JSON.stringify(path)}.`);
  }
  return found;
}
