import type { ImapFlow, ListResponse } from 'imapflow';
import type {
  DeleteFolderResult,
  EmptyFolderResult,
  FolderPathResult,
  Quota,
} from '../../shared/folders.js';
import { uidSetSize } from '../../shared/uid-set.js';
import { AppError } from '../errors.js';
import {
  checkFree,
  checkName,
  checkNotProtected,
  delimiterOf,
  descendantsOf,
  findEntry,
  isPhantom,
  isWithin,
  joinPath,
  serverRole,
} from './folder-rules.js';
import { searchUidSet } from './search.js';
import type { MailSession } from './session.js';

/**
 * Folder management on the command connection (issue 7 part 4). imapflow
 * writes non-ASCII names as modified UTF-7 (RFC 3501 §5.1.3) unless
 * UTF8=ACCEPT (RFC 6855) is enabled; it asks for it at login, and Dovecot 2.3
 * does not offer it, so names travel as "&BCQEMAQ6BEIESw-" there.
 *
 * Every change runs under the INBOX lock (STYLE.md §2): it queues behind the
 * mailbox operations of other requests on this connection, and with INBOX
 * selected, which can never be renamed or deleted, imapflow never has to
 * CLOSE a mailbox that another request is still reading.
 */
function underLock<T>(session: MailSession, fn: (client: ImapFlow, entries: ListResponse[]) => Promise<T>): Promise<T> {
  // No automatic retry: after a broken link the first attempt may have done its work.
  return session.withMailbox('INBOX', async ({ client }) => fn(client, await client.list()), { retry: false });
}

/** Dovecot answers NO [CANNOT] for names its storage cannot hold ("." in maildir++, a leading "~"; RFC 5530 §3). */
function nameRefused(err: unknown): never {
  if ((err as { serverResponseCode?: string })?.serverResponseCode === 'CANNOT') {
    throw new AppError('FOLDER_INVALID_NAME', 'The mail server does not accept this folder name.', { field: 'name', cause: err });
  }
  throw err;
}

/** Cached UID orders of folders that moved or went (uid-index.ts keys them by path). */
function forget(session: MailSession, path: string, delimiter: string | null): void {
  for (const key of [...session.cache.keys()]) {
    if (key.startsWith('uids:') && isWithin(key.slice(5), path, delimiter)) session.cache.delete(key);
  }
}

/** CREATE (RFC 3501 §6.3.3) in `parent`, subscribed so it shows in the folder pane. */
export function createFolder(session: MailSession, req: { parent: string | null; name: string }): Promise<FolderPathResult> {
  return underLock(session, async (client, entries) => {
    const parent = req.parent === null ? null : findEntry(entries, req.parent);
    const delimiter = delimiterOf(entries, parent);
    checkName(req.name, delimiter, parent === null);
    const path = joinPath(parent?.path ?? null, req.name, delimiter);
    checkFree(entries, path);
    const created = await client.mailboxCreate(path).catch(nameRefused);
    // imapflow turns ALREADYEXISTS into created: false; another client made it meanwhile.
    if (!created.created) throw new AppError('FOLDER_EXISTS', `A folder named ${JSON.stringify(path)} already exists.`, { field: 'name' });
    return { path: created.path };
  });
}

/**
 * RENAME (RFC 3501 §6.3.5) to `newPath`; subfolders go along. Subscriptions
 * do not: a server must not drop a subscribed name by itself (§6.3.6), and
 * Dovecot keeps the old ones, so the renamed folders would vanish from the
 * pane. They are moved here, each subscribed name to its new path.
 */
async function renameTo(session: MailSession, client: ImapFlow, from: ListResponse, newPath: string, entries: ListResponse[]): Promise<FolderPathResult> {
  if (newPath === from.path) return { path: newPath };
  checkFree(entries, newPath);
  const delimiter = from.delimiter || null;
  const subscribed = [from, ...descendantsOf(entries, from.path, delimiter)].filter((e) => e.subscribed).map((e) => e.path);
  await client.mailboxRename(from.path, newPath).catch(nameRefused);
  forget(session, from.path, delimiter);
  for (const old of subscribed) {
    await client.mailboxUnsubscribe(old);
    await client.mailboxSubscribe(newPath + old.slice(from.path.length));
  }
  return { path: newPath };
}

/** A new name in the same parent. */
export function renameFolder(session: MailSession, req: { path: string; newName: string }): Promise<FolderPathResult> {
  return underLock(session, async (client, entries) => {
    const entry = findEntry(entries, req.path);
    checkNotProtected(entries, entry);
    const parent = entry.parentPath || null;
    const delimiter = entry.delimiter || null;
    checkName(req.newName, delimiter, parent === null);
    return renameTo(session, client, entry, joinPath(parent, req.newName, delimiter), entries);
  });
}

/** The same name under another parent (null: the top level). */
export function moveFolder(session: MailSession, req: { path: string; newParent: string | null }): Promise<FolderPathResult> {
  return underLock(session, async (client, entries) => {
    const entry = findEntry(entries, req.path);
    checkNotProtected(entries, entry);
    const parent = req.newParent === null ? null : findEntry(entries, req.newParent);
    if (parent && isWithin(parent.path, entry.path, entry.delimiter || null)) {
      throw new AppError('VALIDATION_FAILED', 'A folder cannot go inside itself.', { field: 'newParent' });
    }
    const delimiter = delimiterOf(entries, parent);
    checkName(entry.name, delimiter, parent === null);
    return renameTo(session, client, entry, joinPath(parent?.path ?? null, entry.name, delimiter), entries);
  });
}

/**
 * DELETE (RFC 3501 §6.3.4), subfolders first. Dovecot answers OK to DELETE
 * of a folder that has children but only empties it and keeps it (the RFC
 * lets a server do that), so a bare DELETE would leave the folder in place.
 * The client's confirmation names the subfolders that go with it.
 */
export function deleteFolder(session: MailSession, req: { path: string }): Promise<DeleteFolderResult> {
  return underLock(session, async (client, entries) => {
    const entry = findEntry(entries, req.path);
    checkNotProtected(entries, entry);
    const delimiter = entry.delimiter || null;
    // Implied parents are no folders: they vanish with their last child.
    const doomed = [...descendantsOf(entries, entry.path, delimiter), entry].filter((e) => !isPhantom(e));
    const deleted: string[] = [];
    try {
      for (const e of doomed) {
        await client.mailboxDelete(e.path);
        deleted.push(e.path);
        // The subscription outlives the folder (RFC 3501 §6.3.6); a stale one would come back as a phantom.
        if (e.subscribed) await client.mailboxUnsubscribe(e.path);
      }
    } finally {
      forget(session, entry.path, delimiter);
    }
    return { deleted };
  });
}

/** SUBSCRIBE / UNSUBSCRIBE (RFC 3501 §6.3.6–7): which folders the pane shows. */
export function setSubscribed(session: MailSession, req: { path: string; subscribed: boolean }): Promise<{ path: string; subscribed: boolean }> {
  return underLock(session, async (client, entries) => {
    const entry = findEntry(entries, req.path);
    if (isPhantom(entry)) throw new AppError('MAILBOX_NOT_FOUND', `No mailbox named ${JSON.stringify(req.path)}.`);
    const ok = req.subscribed ? await client.mailboxSubscribe(entry.path) : await client.mailboxUnsubscribe(entry.path);
    if (!ok) throw new AppError('IMAP_ERROR', 'The mail server refused the subscription change.');
    return { path: entry.path, subscribed: req.subscribed };
  });
}

/**
 * Empties Trash or Junk (found by SPECIAL-USE, RFC 6154): one SEARCH for the
 * UIDs there now, then STORE \Deleted and UID EXPUNGE (RFC 4315) of that set,
 * without fetching an envelope. Mail arriving meanwhile is not in the set, so
 * a message the user never saw in the confirmation is never expunged.
 */
export async function emptyFolder(session: MailSession, req: { path: string }): Promise<EmptyFolderResult> {
  const entry = findEntry(await session.run((client) => client.list()), req.path);
  const role = serverRole(entry);
  if (role !== 'trash' && role !== 'junk') throw new AppError('FOLDER_PROTECTED', 'Only Trash and Junk can be emptied.');
  return session.withMailbox(
    entry.path,
    async ({ client }) => {
      const set = await searchUidSet(client, { all: true });
      if (!set) return { path: entry.path, expunged: 0 };
      if (!(await client.messageDelete(set, { uid: true }))) throw new AppError('IMAP_ERROR', 'The mail server did not empty the folder.');
      return { path: entry.path, expunged: uidSetSize(set) };
    },
    { retry: false },
  );
}

/**
 * The quota of INBOX's quota root (RFC 9208 GETQUOTAROOT), or null when the
 * server has no QUOTA or sets no storage limit for this account.
 */
export function readQuota(session: MailSession): Promise<Quota> {
  return session.run(async (client) => {
    if (!client.capabilities.has('QUOTA')) return null;
    const answer = await client.getQuota('INBOX');
    const storage = answer ? answer.storage : undefined;
    if (!storage?.limit) return null;
    const messages = answer ? answer.message : undefined;
    return {
      usedBytes: storage.usage ?? 0,
      limitBytes: storage.limit,
      ...(messages?.limit ? { usedMessages: messages.usage ?? 0, limitMessages: messages.limit } : {}),
    };
  });
}
