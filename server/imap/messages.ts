import type { Readable } from 'node:stream';
import type { FetchMessageObject, FetchQueryObject, ImapFlow } from 'imapflow';
import type { SortKey, SortOrder } from '../../shared/api.js';
import type { MessageDetail, MessagePage, MessageSummary } from '../../shared/mail.js';
import { AppError } from '../errors.js';
import { messageDate, toAddress, toAddresses } from '../mime/envelope.js';
import { parseHeaderBlock, SPAM_HEADER_FIELDS, spamVerdict } from '../mime/headers.js';
import { analyseStructure, hasAttachments, type StructureNode } from '../mime/structure.js';
import { readBodies } from './bodies.js';
import type { MailSession } from './session.js';
import { compressUids } from '../../shared/uid-set.js';
import type { SearchCriteria } from '../../shared/search.js';
import { listIndexFor } from './search-matches.js';

/** What one list row needs; the benchmark fetches exactly this directly as its floor. */
export const SUMMARY_FETCH_QUERY: FetchQueryObject = {
  uid: true,
  flags: true,
  envelope: true,
  bodyStructure: true,
  size: true,
  internalDate: true,
  headers: SPAM_HEADER_FIELDS,
};

export function toSummary(msg: FetchMessageObject): MessageSummary {
  const env = msg.envelope ?? {};
  const subject = env.subject ?? '';
  return {
    uid: msg.uid,
    from: toAddress(env.from?.[0]),
    to: toAddresses(env.to),
    subject,
    date: messageDate(env.date, msg.internalDate),
    size: msg.size ?? 0,
    flags: [...(msg.flags ?? [])],
    hasAttachments: hasAttachments(msg.bodyStructure as StructureNode | undefined),
    spam: spamVerdict(parseHeaderBlock(msg.headers), subject).tagged,
    preview: null,
  };
}

/** Collects a FETCH first, then returns: no command may run inside the iteration (STYLE.md §2). */
export async function fetchAll(client: ImapFlow, uids: number[], query: FetchQueryObject): Promise<FetchMessageObject[]> {
  if (uids.length === 0) return [];
  const out: FetchMessageObject[] = [];
  for await (const msg of client.fetch(compressUids(uids), query, { uid: true })) out.push(msg);
  return out;
}

/**
 * One page of a mailbox in the given order (newest arrival first by default):
 * one cached UID list, one FETCH of `limit` messages. With search criteria the
 * page is one of the virtual mailbox of their matches (search-matches.ts).
 */
export async function listPage(
  session: MailSession,
  path: string,
  offset: number,
  limit: number,
  sort: SortKey = 'arrival',
  order: SortOrder = 'desc',
  criteria: Partial<SearchCriteria> | null = null,
): Promise<MessagePage> {
  return session.withMailbox(
    path,
    async ({ client, mailbox }) => {
      const index = await listIndexFor(client, mailbox, session.cache, sort, order, criteria);
      const uids = index.slice(offset, limit);
      const fetched = await fetchAll(client, uids, SUMMARY_FETCH_QUERY);
      const byUid = new Map(fetched.map((m) => [m.uid, m]));
      // Keep the index order; a message expunged between SEARCH and FETCH simply drops out.
      const items = uids.flatMap((uid) => {
        const m = byUid.get(uid);
        return m ? [toSummary(m)] : [];
      });
      return { path, uidValidity: String(mailbox.uidValidity), total: index.size, offset, items };
    },
    { readOnly: true },
  );
}

const BODY_DISPLAY_LIMIT = 2 * 1024 * 1024;

function assertUidValidity(mailbox: { uidValidity: bigint }, expected: string | undefined): void {
  if (expected !== undefined && String(mailbox.uidValidity) !== expected) {
    throw new AppError('UIDVALIDITY_CHANGED', 'This mailbox was rebuilt on the server; reload it.');
  }
}

/**
 * A message fetched with SUMMARY_FETCH_QUERY, made whole for the reader: its
 * bodies read (as text, unsanitised: the browser sanitises), attachments by part id.
 */
export async function toDetail(client: ImapFlow, path: string, uidValidity: string, msg: FetchMessageObject): Promise<MessageDetail> {
  const env = msg.envelope ?? {};
  const subject = env.subject ?? '';
  const structure = msg.bodyStructure as StructureNode | undefined;
  const parts = analyseStructure(structure);
  const bodies = await readBodies(client, msg.uid, parts, BODY_DISPLAY_LIMIT);
  return {
    path,
    uidValidity,
    uid: msg.uid,
    headerMessageId: env.messageId ?? null,
    inReplyTo: env.inReplyTo ?? null,
    subject,
    from: toAddress(env.from?.[0]),
    sender: toAddress(env.sender?.[0]),
    replyTo: toAddresses(env.replyTo),
    to: toAddresses(env.to),
    cc: toAddresses(env.cc),
    bcc: toAddresses(env.bcc),
    date: messageDate(env.date, msg.internalDate),
    size: msg.size ?? 0,
    flags: [...(msg.flags ?? [])],
    spam: spamVerdict(parseHeaderBlock(msg.headers), subject),
    html: bodies.html,
    text: bodies.text,
    truncated: bodies.truncated,
    attachments: bodies.attachments ?? parts.attachments,
    malformed: bodies.malformed,
  };
}

/** One message for the reader. */
export async function getMessage(session: MailSession, path: string, uid: number, uidValidity?: string): Promise<MessageDetail> {
  return session.withMailbox(
    path,
    async ({ client, mailbox }) => {
      assertUidValidity(mailbox, uidValidity);
      const [msg] = await fetchAll(client, [uid], SUMMARY_FETCH_QUERY);
      if (!msg || msg.uid !== uid) throw new AppError('MESSAGE_NOT_FOUND', `No message ${uid} in ${JSON.stringify(path)}.`);
      return toDetail(client, path, String(mailbox.uidValidity), msg);
    },
    { readOnly: true },
  );
}

export interface PartStream {
  filename: string;
  contentType: string;
  content: Readable;
  /** Call when the response is done; releases the mailbox lock held while streaming. */
  done: () => void;
}

/**
 * Streams one body part from IMAP, decoded from its transfer encoding, chunk
 * by chunk (DESIGN.md §6). The mailbox lock stays held until `done()`.
 */
export async function openPart(session: MailSession, path: string, uid: number, partId: string): Promise<PartStream> {
  return session.run(
    async (client) => {
      const lock = await client.getMailboxLock(path, { readOnly: true });
      let released = false;
      const done = () => {
        if (!released) lock.release();
        released = true;
      };
      try {
        const [msg] = await fetchAll(client, [uid], { uid: true, bodyStructure: true });
        if (!msg || msg.uid !== uid) throw new AppError('MESSAGE_NOT_FOUND', `No message ${uid} in ${JSON.stringify(path)}.`);
        // Only parts the structure calls attachments: bodies reach the browser through getMessage.
        const attachment = analyseStructure(msg.bodyStructure as StructureNode | undefined).attachments.find((a) => a.partId === partId);
        if (!attachment) throw new AppError('ATTACHMENT_NOT_FOUND', `Message ${uid} has no attachment ${partId}.`);
        const download = await client.download(String(uid), partId, { uid: true });
        if (!download.content) throw new AppError('ATTACHMENT_NOT_FOUND', `Message ${uid} has no attachment ${partId}.`);
        return { filename: attachment.filename, contentType: attachment.contentType, content: download.content, done };
      } catch (err) {
        done();
        throw err;
      }
    },
    { mailbox: path },
  );
}
