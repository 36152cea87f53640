import type { FetchMessageObject } from 'imapflow';
import type { Address, MessageSummary } from '../../shared/mail.js';
import type { ThreadMethod, ThreadPage, ThreadSummary } from '../../shared/threads.js';
import { AppError } from '../errors.js';
import { toAddress } from '../mime/envelope.js';
import { fetchAll, SUMMARY_FETCH_QUERY, toSummary } from './messages.js';
import type { MailSession } from './session.js';
import { threadIndexFor, type Thread } from './thread-index.js';

/** Senders shown on a thread row. */
const PARTICIPANTS_MAX = 4;
/**
 * Members whose envelopes are read for the participants: the oldest few by
 * arrival. A 10,000-message mailing-list thread costs a FLAGS fetch for the
 * unread count, not 10,000 envelopes.
 */
const SENDER_SAMPLE = 8;

/** The flags for counts; the envelope is read only where a sender is wanted. */
const FLAGS_QUERY = { uid: true, flags: true };

/** The highest UID, the latest arrival (a loop: spreading 100,000 arguments overflows the stack). */
function maxOf(uids: readonly number[]): number {
  let max = 0;
  for (const uid of uids) if (uid > max) max = uid;
  return max;
}

/** The members whose envelopes are read: the oldest SENDER_SAMPLE by arrival, and the latest. */
function sampleOf(thread: Thread): number[] {
  const byArrival = [...thread.uids].sort((a, b) => a - b);
  return [...byArrival.slice(0, SENDER_SAMPLE), maxOf(thread.uids)];
}

function participants(sample: number[], fetched: Map<number, FetchMessageObject>): Address[] {
  const out: Address[] = [];
  const seen = new Set<string>();
  for (const uid of [...new Set(sample)].sort((a, b) => a - b)) {
    const from = toAddress(fetched.get(uid)?.envelope?.from?.[0]);
    const key = from ? (from.address || from.name).toLowerCase() : '';
    if (!from || seen.has(key)) continue;
    seen.add(key);
    out.push(from);
    if (out.length === PARTICIPANTS_MAX) break;
  }
  return out;
}

/**
 * One page of the thread view: threads [offset, offset+limit) of the cached
 * index (newest activity first), then at most two FETCHes for all their rows:
 * the summary of each thread's latest member and of a small sample of senders,
 * and FLAGS alone for the members of large threads outside that sample.
 */
export async function threadPage(session: MailSession, path: string, offset: number, limit: number, method?: ThreadMethod): Promise<ThreadPage> {
  return session.withMailbox(
    path,
    async ({ client, mailbox }) => {
      const index = await threadIndexFor(client, mailbox, session.cache, method);
      const threads = index.slice(offset, limit);
      const full = new Set<number>();
      const flagsOnly = new Set<number>();
      for (const t of threads) {
        const sample = new Set(sampleOf(t));
        for (const uid of t.uids) (sample.has(uid) ? full : flagsOnly).add(uid);
      }
      const fetched = new Map<number, FetchMessageObject>();
      for (const m of await fetchAll(client, [...full], SUMMARY_FETCH_QUERY)) fetched.set(m.uid, m);
      for (const m of await fetchAll(client, [...flagsOnly], FLAGS_QUERY)) fetched.set(m.uid, m);

      const items: ThreadSummary[] = [];
      for (const t of threads) {
        // A member expunged since the index was built drops out; a thread left empty does too.
        const present = t.uids.map((uid, i) => ({ uid, depth: t.depths[i]! })).filter((m) => fetched.has(m.uid));
        if (present.length === 0) continue;
        const latest = fetched.get(maxOf(present.map((m) => m.uid)))!;
        const flags = present.map((m) => fetched.get(m.uid)!.flags ?? new Set<string>());
        items.push({
          id: present[0]!.uid,
          uids: present.map((m) => m.uid),
          depths: present.map((m) => m.depth),
          unread: flags.filter((f) => !f.has('\\Seen')).length,
          flagged: flags.some((f) => f.has('\\Flagged')),
          participants: participants(sampleOf(t), fetched),
          latest: toSummary(latest),
        });
      }
      return { path, uidValidity: String(mailbox.uidValidity), total: index.size, offset, items };
    },
    { readOnly: true },
  );
}

/**
 * List rows for given UIDs in the given order (an expanded thread's members).
 * UIDs no longer in the mailbox are left out; when none of them is there the
 * answer is MESSAGE_NOT_FOUND, as for one message.
 */
export async function summariesOf(session: MailSession, path: string, uids: number[]): Promise<MessageSummary[]> {
  return session.withMailbox(
    path,
    async ({ client }) => {
      const byUid = new Map((await fetchAll(client, uids, SUMMARY_FETCH_QUERY)).map((m) => [m.uid, m]));
      const items = uids.flatMap((uid) => {
        const m = byUid.get(uid);
        return m ? [toSummary(m)] : [];
      });
      if (items.length === 0) throw new AppError('MESSAGE_NOT_FOUND', `None of these messages is in ${JSON.stringify(path)}.`);
      return items;
    },
    { readOnly: true },
  );
}
