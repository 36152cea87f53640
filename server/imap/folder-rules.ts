import type { ListResponse } from 'imapflow';
import { AppError } from '../errors.js';
import { specialUseOf } from './mailboxes.js';

/**
 * The rules of folder management, as pure functions of one LIST answer, so
 * every refusal is decided before a command reaches the server and each has a
 * unit test (folder-rules.test.ts).
 */

export type FolderEntry = Pick<ListResponse, 'path' | 'name' | 'delimiter' | 'parentPath' | 'flags' | 'specialUse' | 'specialUseSource'>;

/**
 * LIST wildcards (RFC 3501 §6.3.8): legal in a name, but such a folder can
 * never be listed on its own by name, so other mail programs trip over it.
 * Control characters have no modified UTF-7 form (RFC 3501 §5.1.3).
 */
// eslint-disable-next-line no-control-regex -- control characters are what a folder name must not hold (see above)
const FORBIDDEN = /[%*\u0000-\u001f\u007f]/;

/**
 * A server-flagged special-use role (RFC 6154), or INBOX. imapflow also
 * guesses roles from names ("Spam", "Papierkorb") when a server flags none;
 * a guess never protects a folder nor lets one be emptied (STYLE.md §10).
 */
export function serverRole(entry: FolderEntry): ReturnType<typeof specialUseOf> {
  if (entry.path.toUpperCase() === 'INBOX') return 'inbox';
  if (entry.specialUseSource === 'name') return null;
  return specialUseOf(entry);
}

/** \NonExistent entries are parents implied by a child ("A" of "A/B"), not folders (RFC 5258 §3). */
export function isPhantom(entry: FolderEntry): boolean {
  return entry.flags.has('\\NonExistent');
}

export function findEntry<E extends FolderEntry>(entries: readonly E[], path: string): E {
  const found = entries.find((e) => e.path === path);
  if (!found) throw new AppError('MAILBOX_NOT_FOUND', `No mailbox named ${JSON.stringify(path)}.`);
  return found;
}

/** The account's hierarchy delimiter as LIST reports it (RFC 3501 §6.3.8); null on a flat server. */
export function delimiterOf(entries: readonly FolderEntry[], parent: FolderEntry | null): string | null {
  if (parent) return parent.delimiter || null;
  const inbox = entries.find((e) => e.path.toUpperCase() === 'INBOX');
  return (inbox ?? entries.find((e) => e.delimiter))?.delimiter || null;
}

/** Refuses a name that cannot be one segment of a path: FOLDER_INVALID_NAME, saying why. */
export function checkName(name: string, delimiter: string | null, atTopLevel: boolean): void {
  const invalid = (why: string) => new AppError('FOLDER_INVALID_NAME', why, { field: 'name' });
  if (name === '') throw invalid('A folder name cannot be empty.');
  // A separator would silently nest ("a/b" makes "b" inside "a"); nesting is chosen with the parent instead.
  if (delimiter && name.includes(delimiter)) throw invalid(`A folder name cannot contain the folder separator "${delimiter}".`);
  if (FORBIDDEN.test(name)) throw invalid('A folder name cannot contain %, * or control characters.');
  // INBOX is case-insensitive (RFC 3501 §5.1): "inbox" at the top level would name the Inbox itself.
  if (atTopLevel && name.toUpperCase() === 'INBOX') throw invalid('"INBOX" is reserved for the Inbox.');
}

export function joinPath(parent: string | null, name: string, delimiter: string | null): string {
  if (parent === null) return name;
  if (!delimiter) throw new AppError('VALIDATION_FAILED', 'This mail server has no subfolders.', { field: 'parent' });
  return `${parent}${delimiter}${name}`;
}

/** Whether `path` is `ancestor` or lies under it. */
export function isWithin(path: string, ancestor: string, delimiter: string | null): boolean {
  return path === ancestor || (delimiter !== null && path.startsWith(ancestor + delimiter));
}

/** Every folder under `path`, deepest first (the order DELETE needs). */
export function descendantsOf<E extends FolderEntry>(entries: readonly E[], path: string, delimiter: string | null): E[] {
  const depth = (p: string) => (delimiter ? p.split(delimiter).length : 1);
  return entries.filter((e) => e.path !== path && isWithin(e.path, path, delimiter)).sort((a, b) => depth(b.path) - depth(a.path));
}

/**
 * INBOX and the server's special-use folders cannot be renamed, moved or
 * deleted; nor can a folder holding one, since RENAME and DELETE would take
 * it along (INBOX.Sent on Courier-style servers).
 */
export function checkNotProtected(entries: readonly FolderEntry[], entry: FolderEntry): void {
  const delimiter = entry.delimiter || null;
  const held = [entry, ...descendantsOf(entries, entry.path, delimiter)].find((e) => serverRole(e) !== null);
  if (!held) return;
  const what = held === entry ? 'This folder' : `It holds ${JSON.stringify(held.path)}, which`;
  throw new AppError('FOLDER_PROTECTED', `${what} is one the mail server needs (Inbox, Sent, Drafts, Trash, Junk or Archive).`);
}

/** A real folder already has this path: FOLDER_EXISTS. INBOX matches in any case (RFC 3501 §5.1). */
export function checkFree(entries: readonly FolderEntry[], path: string): void {
  const upper = path.toUpperCase();
  const taken = entries.some((e) => !isPhantom(e) && (e.path === path || (upper === 'INBOX' && e.path.toUpperCase() === 'INBOX')));
  if (taken) throw new AppError('FOLDER_EXISTS', `A folder named ${JSON.stringify(path)} already exists.`, { field: 'name' });
}
