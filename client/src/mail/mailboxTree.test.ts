import { describe, expect, it } from 'vitest';
import type { Mailbox } from '../../../shared/mail.js';
import { buildMailboxTree } from './mailboxTree.js';

function mb(path: string, parentPath: string | null, specialUse: Mailbox['specialUse'] = null): Mailbox {
  return {
    path,
    name: path.split(/[./]/).pop()!,
    delimiter: '.',
    parentPath,
    specialUse,
    subscribed: true,
    selectable: true,
    total: 0,
    unread: 0,
  };
}

describe('buildMailboxTree', () => {
  it('puts special-use folders first in the usual order, then the rest by name, nested', () => {
    const tree = buildMailboxTree([
      mb('Zeta', null),
      mb('Trash', null, 'trash'),
      mb('INBOX.Sent', 'INBOX', 'sent'),
      mb('Projects', null),
      mb('Projects.alpha', 'Projects'),
      mb('Junk', null, 'junk'),
      mb('Archive', null, 'archive'),
      mb('INBOX', null, 'inbox'),
      mb('INBOX.Receipts', 'INBOX'),
      mb('Drafts', null, 'drafts'),
    ]);
    expect(tree.map((n) => n.label)).toEqual(['Inbox', 'Drafts', 'Sent', 'Archive', 'Junk', 'Trash', 'Projects', 'Zeta']);
    expect(tree[0]!.children.map((n) => n.label)).toEqual(['Receipts']);
    expect(tree[6]!.children.map((n) => n.mailbox.path)).toEqual(['Projects.alpha']);
  });

  it('keeps a folder whose parent is missing at the top level', () => {
    expect(buildMailboxTree([mb('Lost.child', 'Lost')]).map((n) => n.mailbox.path)).toEqual(['Lost.child']);
  });
});
