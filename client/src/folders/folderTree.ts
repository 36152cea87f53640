import type { Mailbox } from '../../../shared/mail.js';
import { mailboxLabel } from '../mail/mailboxTree.js';

/**
 * Pure helpers of the folder manager (issue 7 part 4), over the mailbox list
 * the server sends. The server decides every rule again; these only keep the
 * screen from offering what would be refused.
 */

export function isInbox(m: Mailbox): boolean {
  return m.specialUse === 'inbox' || m.path.toUpperCase() === 'INBOX';
}

/** Whether `path` is `ancestor` or lies under it. */
export function isWithin(path: string, ancestor: string, delimiter: string | null): boolean {
  return path === ancestor || (delimiter !== null && path.startsWith(ancestor + delimiter));
}

/** INBOX and special-use folders cannot be renamed, moved or deleted (FOLDER_PROTECTED). */
export function isProtected(m: Mailbox): boolean {
  return isInbox(m) || m.specialUse !== null;
}

/** Only Trash and Junk have "Empty". */
export function canEmpty(m: Mailbox): boolean {
  return m.specialUse === 'trash' || m.specialUse === 'junk';
}

/** Folders under `path` (not itself). */
export function descendants(mailboxes: readonly Mailbox[], m: Mailbox): Mailbox[] {
  return mailboxes.filter((x) => x.path !== m.path && isWithin(x.path, m.path, m.delimiter));
}

/** What a delete takes with it: the subfolders, and the messages of all of them. */
export function deleteScope(mailboxes: readonly Mailbox[], m: Mailbox): { subfolders: number; messages: number } {
  const below = descendants(mailboxes, m).filter((x) => x.selectable);
  return { subfolders: below.length, messages: below.reduce((n, x) => n + x.total, m.total) };
}

/**
 * The folders the pane shows: subscribed ones (RFC 3501 §6.3.6), the Inbox
 * and special-use folders always, the open one, and the parents that hold
 * any of them so the tree keeps its shape. The manager shows all.
 */
export function paneMailboxes(mailboxes: readonly Mailbox[], current: string | null): Mailbox[] {
  const shown = new Set(mailboxes.filter((m) => m.subscribed || m.specialUse !== null || isInbox(m) || m.path === current).map((m) => m.path));
  const byPath = new Map(mailboxes.map((m) => [m.path, m]));
  for (const path of [...shown]) {
    for (let parent = byPath.get(path)?.parentPath ?? null; parent !== null && !shown.has(parent); parent = byPath.get(parent)?.parentPath ?? null) {
      shown.add(parent);
    }
  }
  return mailboxes.filter((m) => shown.has(m.path));
}

/** Where `path` is after `from` was renamed to `to` (RENAME carries subfolders along). */
export function rebasePath(path: string, from: string, to: string, delimiter: string | null): string {
  return isWithin(path, from, delimiter) ? to + path.slice(from.length) : path;
}

export interface ParentChoice {
  /** null: the top level. */
  path: string | null;
  label: string;
}

/**
 * Where a folder may be created or moved: the top level, or any folder but
 * the one being moved and those inside it. Labels are full paths, so two
 * "2025" folders under different parents can be told apart.
 */
export function parentChoices(mailboxes: readonly Mailbox[], moving: Mailbox | null, topLevel: string): ParentChoice[] {
  const choices = mailboxes
    .filter((m) => !moving || !isWithin(m.path, moving.path, moving.delimiter))
    .map((m) => ({ path: m.path, label: m.specialUse || isInbox(m) ? mailboxLabel(m) : m.path }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return [{ path: null, label: topLevel }, ...choices];
}

/** Depth in the tree, for indenting the manager's rows. */
export function depthOf(m: Mailbox): number {
  return m.delimiter ? m.path.split(m.delimiter).length - 1 : 0;
}
