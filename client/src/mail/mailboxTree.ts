import type { Mailbox, SpecialUse } from '../../../shared/mail.js';

export interface MailboxNode {
  mailbox: Mailbox;
  label: string;
  children: MailboxNode[];
}

/** Special-use folders come first, in the order people expect (RFC 6154 names the roles). */
const SPECIAL_ORDER: SpecialUse[] = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash', 'all', 'flagged'];

const SPECIAL_LABELS: Record<SpecialUse, string> = {
  inbox: 'Inbox',
  drafts: 'Drafts',
  sent: 'Sent',
  archive: 'Archive',
  junk: 'Junk',
  trash: 'Trash',
  all: 'All Mail',
  flagged: 'Flagged',
};

export function mailboxLabel(mailbox: Mailbox): string {
  if (mailbox.specialUse) return SPECIAL_LABELS[mailbox.specialUse];
  if (mailbox.path.toUpperCase() === 'INBOX') return 'Inbox';
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

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compare(a: MailboxNode, b: MailboxNode): number {
  return rank(a.mailbox) - rank(b.mailbox) || collator.compare(a.label, b.label);
}

/**
 * Builds the folder tree from the server's flat list. Special-use folders are
 * lifted to the top level even when nested (INBOX.Sent on Courier-style
 * servers), so Inbox, Drafts, Sent, Archive, Junk, Trash always lead.
 */
export function buildMailboxTree(mailboxes: readonly Mailbox[]): MailboxNode[] {
  const nodes = new Map<string, MailboxNode>();
  for (const m of mailboxes) nodes.set(m.path, { mailbox: m, label: mailboxLabel(m), children: [] });
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
