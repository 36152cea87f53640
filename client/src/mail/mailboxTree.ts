import type { Mailbox, SpecialUse } from '../../../shared/mail.js';
import { i18n } from '../i18n/index.js';

export interface MailboxNode {
  mailbox: Mailbox;
  label: string;
  children: MailboxNode[];
}

/** Special-use folders come first, in the order people expect (RFC 6154 names the roles). */
const SPECIAL_ORDER: SpecialUse[] = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash', 'all', 'flagged'];

/**
 * The name people see: special folders are named by their role, in the UI
 * language ("Sent" is "Envoyés" in French whatever the server calls it), never
 * by matching their name; INBOX is the one name IMAP itself reserves (RFC 3501
 * §5.1). Every other folder keeps its own name. Read at call time, so it
 * follows a language change.
 */
export function mailboxLabel(mailbox: Mailbox, language: string = i18n.language): string {
  if (mailbox.specialUse) return i18n.t(`special.${mailbox.specialUse}`, { ns: 'mail', lng: language });
  if (mailbox.path.toUpperCase() === 'INBOX') return i18n.t('special.inbox', { ns: 'mail', lng: language });
  return mailbox.name;
}

function isInbox(m: Mailbox): boolean {
  return m.specialUse === 'inbox' || m.path.toUpperCase() === 'INBOX';
}

function rank(m: Mailbox): number {
  if (isInbox(m)) return 0;
  const i = m.specialUse ? SPECIAL_ORDER.indexOf(m.specialUse) : -1;
  return i === -1 ? SPECIAL_ORDER.length : i;
}

/**
 * Builds the folder tree from the server's flat list. Special-use folders are
 * lifted to the top level even when nested (INBOX.Sent on Courier-style
 * servers), so Inbox, Drafts, Sent, Archive, Junk, Trash always lead.
 */
export function buildMailboxTree(mailboxes: readonly Mailbox[], language: string = i18n.language): MailboxNode[] {
  // Named in `language`, and sorted the way it sorts (é with e in French).
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  const compare = (a: MailboxNode, b: MailboxNode) => rank(a.mailbox) - rank(b.mailbox) || collator.compare(a.label, b.label);
  const nodes = new Map<string, MailboxNode>();
  for (const m of mailboxes) nodes.set(m.path, { mailbox: m, label: mailboxLabel(m, language), children: [] });
  const roots: MailboxNode[] = [];
  for (const node of nodes.values()) {
    const m = node.mailbox;
    const special = m.specialUse !== null || isInbox(m);
    const parent = m.parentPath !== null && !special ? nodes.get(m.parentPath) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sortDeep = (list: MailboxNode[]) => {
    list.sort(compare);
    list.forEach((n) => sortDeep(n.children));
  };
  sortDeep(roots);
  return roots;
}

/** The folder to open when the URL names none. */
export function defaultMailbox(mailboxes: readonly Mailbox[]): Mailbox | undefined {
  return mailboxes.find(isInbox) ?? mailboxes.find((m) => m.selectable);
}

export function findSpecial(mailboxes: readonly Mailbox[], use: SpecialUse): Mailbox | undefined {
  return mailboxes.find((m) => m.specialUse === use);
}
