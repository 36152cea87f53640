import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors.js';
import {
  checkFree,
  checkName,
  checkNotProtected,
  delimiterOf,
  descendantsOf,
  findEntry,
  joinPath,
  serverRole,
  type FolderEntry,
} from './folder-rules.js';

/** A LIST entry as imapflow gives it (only the fields the rules read). */
function entry(path: string, opts: { flags?: string[]; specialUse?: string; source?: 'extension' | 'name'; delimiter?: string } = {}): FolderEntry {
  const delimiter = opts.delimiter ?? '/';
  const parts = path.split(delimiter);
  return {
    path,
    name: parts[parts.length - 1]!,
    delimiter,
    parentPath: parts.slice(0, -1).join(delimiter),
    flags: new Set(opts.flags ?? []),
    specialUse: opts.specialUse,
    specialUseSource: opts.specialUse ? (opts.source ?? 'extension') : undefined,
  };
}

/** The code an AppError-throwing call fails with. */
function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return (err as AppError).code;
  }
  return undefined;
}

const ENTRIES: FolderEntry[] = [
  entry('INBOX', { specialUse: '\\Inbox' }),
  entry('Sent', { specialUse: '\\Sent' }),
  entry('Trash', { specialUse: '\\Trash' }),
  entry('Work'),
  entry('Work/2025'),
  entry('Work/2025/Q1'),
  entry('Workshop'),
  entry('Reçus', { flags: ['\\NonExistent', '\\Noselect'] }),
  entry('Reçus/Été 2026'),
  entry('Spam', { specialUse: '\\Junk', source: 'name' }),
];

describe('folder names', () => {
  it('refuses empty names, the delimiter, LIST wildcards and control characters', () => {
    expect(codeOf(() => checkName('', '/', true))).toBe('FOLDER_INVALID_NAME');
    expect(codeOf(() => checkName('a/b', '/', true))).toBe('FOLDER_INVALID_NAME');
    expect(codeOf(() => checkName('a.b', '.', false))).toBe('FOLDER_INVALID_NAME');
    expect(codeOf(() => checkName('50%', '/', true))).toBe('FOLDER_INVALID_NAME');
    expect(codeOf(() => checkName('a*', '/', true))).toBe('FOLDER_INVALID_NAME');
    expect(codeOf(() => checkName('tab\there', '/', true))).toBe('FOLDER_INVALID_NAME');
  });

  it('refuses INBOX in any case at the top level only', () => {
    expect(codeOf(() => checkName('inbox', '/', true))).toBe('FOLDER_INVALID_NAME');
    expect(codeOf(() => checkName('InBoX', '/', true))).toBe('FOLDER_INVALID_NAME');
    expect(codeOf(() => checkName('Inbox', '/', false))).toBeUndefined();
  });

  it('accepts non-ASCII names and "&", which travel as modified UTF-7', () => {
    expect(codeOf(() => checkName('Факты', '/', true))).toBeUndefined();
    expect(codeOf(() => checkName('Été 2026', '/', false))).toBeUndefined();
    expect(codeOf(() => checkName('R&D', '/', true))).toBeUndefined();
  });

  it('a dot is only the delimiter on servers that use it', () => {
    expect(codeOf(() => checkName('v1.2', '/', true))).toBeUndefined();
  });
});

describe('paths', () => {
  it('joins with the delimiter the parent was listed with', () => {
    expect(joinPath(null, 'A', '/')).toBe('A');
    expect(joinPath('Work', 'A', '/')).toBe('Work/A');
    expect(joinPath('INBOX', 'A', '.')).toBe('INBOX.A');
    expect(codeOf(() => joinPath('Work', 'A', null))).toBe('VALIDATION_FAILED');
  });

  it('takes the delimiter from the parent, else from INBOX', () => {
    expect(delimiterOf(ENTRIES, null)).toBe('/');
    expect(delimiterOf([entry('INBOX', { delimiter: '.' })], null)).toBe('.');
    expect(delimiterOf(ENTRIES, findEntry(ENTRIES, 'Work'))).toBe('/');
  });

  it('descendants: only under the path (not "Workshop"), deepest first', () => {
    expect(descendantsOf(ENTRIES, 'Work', '/').map((e) => e.path)).toEqual(['Work/2025/Q1', 'Work/2025']);
    expect(descendantsOf(ENTRIES, 'Workshop', '/')).toEqual([]);
  });

  it('an unknown path is MAILBOX_NOT_FOUND', () => {
    expect(codeOf(() => findEntry(ENTRIES, 'Nope'))).toBe('MAILBOX_NOT_FOUND');
  });
});

describe('protection and existence', () => {
  it('INBOX and server-flagged special-use folders are protected, name guesses are not', () => {
    expect(codeOf(() => checkNotProtected(ENTRIES, findEntry(ENTRIES, 'INBOX')))).toBe('FOLDER_PROTECTED');
    expect(codeOf(() => checkNotProtected(ENTRIES, findEntry(ENTRIES, 'Sent')))).toBe('FOLDER_PROTECTED');
    expect(codeOf(() => checkNotProtected(ENTRIES, findEntry(ENTRIES, 'Work')))).toBeUndefined();
    expect(serverRole(findEntry(ENTRIES, 'Spam'))).toBeNull();
    expect(serverRole(findEntry(ENTRIES, 'Trash'))).toBe('trash');
  });

  it('a folder holding a special-use folder is protected too (INBOX.Sent on Courier-style servers)', () => {
    const courier = [entry('INBOX', { delimiter: '.', specialUse: '\\Inbox' }), entry('Old', { delimiter: '.' }), entry('Old.Sent', { delimiter: '.', specialUse: '\\Sent' })];
    expect(codeOf(() => checkNotProtected(courier, findEntry(courier, 'Old')))).toBe('FOLDER_PROTECTED');
  });

  it('a taken path is FOLDER_EXISTS; INBOX in any case; implied parents are free', () => {
    expect(codeOf(() => checkFree(ENTRIES, 'Work/2025'))).toBe('FOLDER_EXISTS');
    expect(codeOf(() => checkFree(ENTRIES, 'inbox'))).toBe('FOLDER_EXISTS');
    expect(codeOf(() => checkFree(ENTRIES, 'Reçus'))).toBeUndefined();
    expect(codeOf(() => checkFree(ENTRIES, 'work'))).toBeUndefined();
  });
});
