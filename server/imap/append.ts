import { readFile, stat } from 'node:fs/promises';
import type { ImapFlow } from 'imapflow';
import type { SpecialUse } from '../../shared/mail.js';
import type { Config } from '../config/config.js';
import type { ImapCredentials } from './connect.js';
import { findSpecialMailbox } from './mailboxes.js';
import { noUidPlus, type StoredCopy } from './stored-copy.js';
import { streamAppend } from './stream-append.js';

export type { StoredCopy };

/** The path of Sent, Drafts, … through SPECIAL-USE (RFC 6154, STYLE.md §10). */
export async function specialMailbox(client: ImapFlow, use: SpecialUse): Promise<string> {
  return findSpecialMailbox(await client.list(), use);
}

/**
 * APPENDs a finished message (RFC 3501 §6.3.11). The UID comes from the
 * APPENDUID response code (UIDPLUS, RFC 4315); a server without it gets
 * IMAP_ERROR, since a copy we cannot address could never be replaced.
 * imapflow takes the message as one Buffer; large ones go through stream-append.ts.
 */
export async function appendMessage(client: ImapFlow, mailbox: string, raw: Buffer, flags: string[]): Promise<StoredCopy> {
  const res = await client.append(mailbox, raw, flags);
  if (!res || !res.uid) throw noUidPlus();
  return { mailbox: res.destination || mailbox, uid: res.uid, uidValidity: String(res.uidValidity ?? '') };
}

/**
 * Up to this size a message goes over the open connection as one Buffer (a
 * text-only draft autosaved every few seconds should not cost a login each
 * time); above it, it streams from disk on a connection of its own, since
 * imapflow would hold it in memory several times over (README "Benchmark: sending").
 */
export const STREAM_APPEND_ABOVE = 256 * 1024;

/** What appendFile needs: the open connection, and the login's server and credentials for a streamed APPEND. */
export interface AppendVia {
  client: ImapFlow;
  imap: Config['imap'];
  auth: ImapCredentials;
}

/** APPENDs a message kept in a file (a built draft, a sent message), optionally with header lines put in front. */
export async function appendFile(via: AppendVia, mailbox: string, path: string, flags: string[], prefix = ''): Promise<StoredCopy> {
  const { size } = await stat(path);
  if (size + Buffer.byteLength(prefix) > STREAM_APPEND_ABOVE) return streamAppend(via.imap, via.auth, { mailbox, path, flags, prefix });
  const raw = await readFile(path);
  return appendMessage(via.client, mailbox, prefix ? Buffer.concat([Buffer.from(prefix), raw]) : raw, flags);
}

/** UIDs in `mailbox` whose header `name` contains `value` (SEARCH HEADER, RFC 3501 §6.4.4). */
export async function findByHeader(client: ImapFlow, mailbox: string, name: string, value: string): Promise<number[]> {
  const lock = await client.getMailboxLock(mailbox);
  try {
    return (await client.search({ header: { [name]: value } }, { uid: true })) || [];
  } finally {
    lock.release();
  }
}

/** Removes messages for good: \Deleted, then UID EXPUNGE of just these (UIDPLUS), never a bare EXPUNGE of others' deletions. */
export async function deleteMessages(client: ImapFlow, mailbox: string, uids: number[]): Promise<void> {
  if (uids.length === 0) return;
  const lock = await client.getMailboxLock(mailbox);
  try {
    await client.messageDelete(uids.join(','), { uid: true });
  } finally {
    lock.release();
  }
}

/** Adds flags or keywords (\Answered, $Forwarded — RFC 5788) to one message, if it still exists. */
export async function addFlags(client: ImapFlow, mailbox: string, uid: number, flags: string[]): Promise<boolean> {
  const lock = await client.getMailboxLock(mailbox);
  try {
    return await client.messageFlagsAdd(String(uid), flags, { uid: true });
  } finally {
    lock.release();
  }
}
