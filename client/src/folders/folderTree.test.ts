import { describe, expect, it } from 'vitest';
import type { Mailbox } from '../../../shared/mail.js';
import { canEmpty, deleteScope, isProtected, paneMailboxes, parentChoices, rebasePath } from './folderTree.js';

function mb(path: string, opts: Partial<Mailbox> = {}): Mailbox {
  const parts = path.split('/');
  return {
    path,
    name: parts[parts.length - 1]!,
    delimiter: '/',
    parentPath: parts.length > 1 ? parts.slice(0, -1).join('/') : null,
    specialUse: null,
    subscribed: true,
    selectable: true,
    total: 0,
    unread: 0,
    ...opts,
  };
}

const LIST = [
  mb('INBOX', { specialUse: 'inbox', subscribed: false }),
  mb('Trash', { specialUse: 'trash', subscribed: false, total: 4 }),
  mb('Junk', { specialUse: 'junk' }),
  mb('Work', { total: 2 }),
  mb('Work/2025', { total: 3 }),
  mb('Work/2025/Q1', { total: 5 }),
  mb('Workshop'),
  mb('Old', { subscribed: false }),
  mb('Old/Keep'),
  mb('Hidden', { subscribed: false }),
];
const paths = (list: Mailbox[]) => list.map((m) => m.path);

describe('the pane shows subscribed folders only', () => {
  it('keeps special-use folders and INBOX, and the parents of shown folders, and drops the rest', () => {
    expect(paths(paneMailboxes(LIST, null))).toEqual(['INBOX', 'Trash', 'Junk', 'Work', 'Work/2025', 'Work/2025/Q1', 'Workshop', 'Old', 'Old/Keep']);
  });

  it('shows the open folder even when unsubscribed', () => {
    expect(paths(paneMailboxes(LIST, 'Hidden'))).toContain('Hidden');
  });
});

describe('folder rules on the client', () => {
  it('protects INBOX and special-use folders; only Trash and Junk empty', () => {
    expect(LIST.filter(isProtected).map((m) => m.path)).toEqual(['INBOX', 'Trash', 'Junk']);
    expect(LIST.filter(canEmpty).map((m) => m.path)).toEqual(['Trash', 'Junk']);
  });

  it('a delete names its subfolders and every message it takes, not a sibling with the same prefix', () => {
    expect(deleteScope(LIST, LIST.find((m) => m.path === 'Work')!)).toEqual({ subfolders: 2, messages: 10 });
  });

  it('follows a renamed folder and its subfolders, nothing else', () => {
    expect(rebasePath('Work/2025/Q1', 'Work', 'Jobs', '/')).toBe('Jobs/2025/Q1');
    expect(rebasePath('Work', 'Work', 'Jobs', '/')).toBe('Jobs');
    expect(rebasePath('Workshop', 'Work', 'Jobs', '/')).toBe('Workshop');
  });

  it('a folder cannot move into itself or below itself', () => {
    const choices = parentChoices(LIST, LIST.find((m) => m.path === 'Work')!, '(Top level)');
    expect(choices[0]).toEqual({ path: null, label: '(Top level)' });
    expect(choices.map((c) => c.path)).not.toContain('Work/2025');
    expect(choices.map((c) => c.path)).toContain('Workshop');
    expect(choices.find((c) => c.path === 'INBOX')?.label).toBe('Inbox');
  });
});
