import type { FetchMessageObject, SearchObject } from 'imapflow';
import type { MessageDetail } from '../../shared/mail.js';
import { CONVERSATION_MESSAGES_MAX, type Conversation } from '../../shared/threads.js';
import { AppError } from '../errors.js';
import { messageDate } from '../mime/envelope.js';
import { parseHeaderBlock } from '../mime/headers.js';
import { messageIds } from './jwz.js';
import { findSpecialMailbox } from './mailboxes.js';
import { fetchAll, SUMMARY_FETCH_QUERY, toDetail } from './messages.js';
import type { MailSession } from './session.js';
import { threadIndexFor } from './thread-index.js';

/**
 * One conversation for the reader: the thread of a message in its mailbox,
 * plus the user's own messages in Sent that belong to it (found by
 * SPECIAL-USE, RFC 6154, never by name). Headers are read first, for every
 * candidate; bodies only for the CONVERSATION_MESSAGES_MAX that are shown.
 */

/** What choosing and ordering the messages needs: no bodies. */
const HEAD_QUERY = { uid: true, envelope: true, internalDate: true, headers: ['references'] };

/** Message-IDs put into one SEARCH of Sent; a longer thread is matched by its newest messages. */
const SEARCH_IDS_MAX = 100;

interface Head {
  path: string;
  uid: number;
  date: number;
  messageId: string | null;
  /** In-Reply-To and References, every ID. */
  refs: string[];
}

function headOf(path: string, msg: FetchMessageObject): Head {
  const env = msg.envelope ?? {};
  const references = (parseHeaderBlock(msg.headers).get('references') ?? []).join(' ');
  return {
    path,
    uid: msg.uid,
    date: Date.parse(messageDate(env.date, msg.internalDate)),
    messageId: messageIds(env.messageId)[0] ?? null,
    refs: [...new Set([...messageIds(env.inReplyTo), ...messageIds(references)])],
  };
}

const oldestFirst = (a: Head, b: Head) => a.date - b.date || a.uid - b.uid;

/** The thread holding `uid`, newest CONVERSATION_MESSAGES_MAX members by arrival; older ones are counted. */
async function threadHeads(session: MailSession, path: string, uid: number): Promise<{ heads: Head[]; older: number }> {
  return session.withMailbox(
    path,
    async ({ client, mailbox }) => {
      const index = await threadIndexFor(client, mailbox, session.cache);
      const place = index.placeOf(uid);
      if (place < 0) throw new AppError('MESSAGE_NOT_FOUND', `No message ${uid} in ${JSON.stringify(path)}.`);
      const members = index.thread(place).uids.sort((a, b) => a - b);
      const recent = members.slice(-CONVERSATION_MESSAGES_MAX);
      const heads = (await fetchAll(client, recent, HEAD_QUERY)).map((m) => headOf(path, m));
      return { heads, older: members.length - recent.length };
    },
    { readOnly: true },
  );
}

async function sentPath(session: MailSession): Promise<string | null> {
  const entries = await session.run((client) => client.list());
  try {
    return findSpecialMailbox(entries, 'sent');
  } catch (err) {
    if (err instanceof AppError && err.code === 'SPECIAL_MAILBOX_MISSING') return null;
    throw err;
  }
}

/**
 * The user's messages in Sent that answer a message of the thread (their
 * In-Reply-To or References name it), or that the thread answers (their
 * Message-ID is in its References). IMAP HEADER search is a substring match
 * (RFC 3501 §6.4.4), so candidates are checked exactly afterwards.
 */
async function sentHeads(session: MailSession, sent: string, thread: Head[]): Promise<Head[]> {
  const memberIds = new Set(thread.flatMap((h) => (h.messageId ? [h.messageId] : [])));
  const referenced = new Set(thread.flatMap((h) => h.refs).filter((id) => !memberIds.has(id)));
  const newestFirst = [...thread].sort((a, b) => oldestFirst(b, a));
  const askIds = [...new Set(newestFirst.flatMap((h) => (h.messageId ? [h.messageId] : [])).concat([...referenced]))].slice(0, SEARCH_IDS_MAX);
  if (askIds.length === 0) return [];
  const header = (name: string, id: string): SearchObject => ({ header: { [name]: id } });
  const criteria = askIds.flatMap((id) => [
    header('in-reply-to', id),
    header('references', id),
    ...(referenced.has(id) ? [header('message-id', id)] : []),
  ]);
  return session.withMailbox(
    sent,
    async ({ client }) => {
      const found = (await client.search({ or: criteria }, { uid: true })) || [];
      if (found.length === 0) return [];
      const recent = found.sort((a, b) => a - b).slice(-CONVERSATION_MESSAGES_MAX);
      const heads = (await fetchAll(client, recent, HEAD_QUERY)).map((m) => headOf(sent, m));
      return heads.filter(
        (h) => h.refs.some((id) => memberIds.has(id) || referenced.has(id)) || (h.messageId !== null && referenced.has(h.messageId)),
      );
    },
    { readOnly: true },
  );
}

/** Full details of the chosen messages of one mailbox: one FETCH, then each one's bodies. */
async function detailsIn(session: MailSession, path: string, uids: number[]): Promise<MessageDetail[]> {
  if (uids.length === 0) return [];
  return session.withMailbox(
    path,
    async ({ client, mailbox }) => {
      const fetched = await fetchAll(client, uids, SUMMARY_FETCH_QUERY);
      const out: MessageDetail[] = [];
      // Bodies one after another, once the FETCH is over (STYLE.md §2).
      for (const msg of fetched) out.push(await toDetail(client, path, String(mailbox.uidValidity), msg));
      return out;
    },
    { readOnly: true },
  );
}

export async function conversationOf(session: MailSession, path: string, uid: number): Promise<Conversation> {
  const { heads, older } = await threadHeads(session, path, uid);
  const sent = await sentPath(session);
  const extra = sent === null ? [] : await sentHeads(session, sent, heads);
  const here = new Set(heads.map((h) => `${h.path}\n${h.uid}`));
  const all = [...heads, ...extra.filter((h) => !here.has(`${h.path}\n${h.uid}`))].sort(oldestFirst);
  // Over the cap, the oldest go first.
  const shown = all.slice(-CONVERSATION_MESSAGES_MAX);
  const omitted = older + all.length - shown.length;
  const uidsIn = (p: string) => shown.filter((h) => h.path === p).map((h) => h.uid);
  const details = [...(await detailsIn(session, path, uidsIn(path)))];
  if (sent !== null && sent !== path) details.push(...(await detailsIn(session, sent, uidsIn(sent))));
  const place = new Map(shown.map((h, i) => [`${h.path}\n${h.uid}`, i]));
  // A message expunged between the two reads simply drops out.
  const messages = details.filter((d) => place.has(`${d.path}\n${d.uid}`)).sort((a, b) => place.get(`${a.path}\n${a.uid}`)! - place.get(`${b.path}\n${b.uid}`)!);
  return { subject: messages[0]?.subject ?? '', messages, omitted };
}
