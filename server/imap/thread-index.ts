import type { FetchMessageObject, ImapFlow, MailboxObject } from 'imapflow';
import type { ThreadMethod } from '../../shared/threads.js';
import { parseHeaderBlock } from '../mime/headers.js';
import { jwzThreads, referencesOf, type ThreadInput } from './jwz.js';
import { rawCommand } from './raw.js';
import { emptyThreads, parseThreadResponse, type FlatThreads } from './thread-parse.js';
import { indexKey } from './uid-index.js';

/**
 * The thread view's index of one mailbox: its threads, newest activity first.
 * Built from one `UID THREAD` where the server threads (RFC 5256, RFC 5957),
 * else by JWZ threading here over fetched envelopes, then cached per session
 * and mailbox under the same key as the UID index (uid-index.ts): a page of
 * threads then costs no THREAD at all, only the FETCH of its rows.
 */

/** REFS (RFC 5957) first: it threads by References alone, never gluing strangers by subject. */
export function threadMethodFor(capabilities: Map<string, unknown> | Set<string>): ThreadMethod {
  if (capabilities.has('THREAD=REFS')) return 'refs';
  if (capabilities.has('THREAD=REFERENCES')) return 'references';
  return 'jwz';
}

export interface Thread {
  /** Members in thread order. */
  uids: number[];
  depths: number[];
}

export class ThreadIndex {
  /** Thread number → its place in `uids`, in display order; one extra entry marks the end. */
  private readonly bounds: Uint32Array;
  private readonly uids: Uint32Array;
  private readonly depths: Uint16Array;

  constructor(
    readonly key: string,
    readonly method: ThreadMethod,
    flat: FlatThreads,
  ) {
    const n = flat.starts.length;
    const end = (t: number) => (t + 1 < n ? flat.starts[t + 1]! : flat.uids.length);
    // Newest activity first: the highest UID is the latest arrival, known without a FETCH.
    const latest = new Uint32Array(n);
    for (let t = 0; t < n; t++) {
      let max = 0;
      for (let i = flat.starts[t]!; i < end(t); i++) max = Math.max(max, flat.uids[i]!);
      latest[t] = max;
    }
    const order = Array.from({ length: n }, (_, t) => t).sort((a, b) => latest[b]! - latest[a]!);
    this.uids = new Uint32Array(flat.uids.length);
    this.depths = new Uint16Array(flat.uids.length);
    this.bounds = new Uint32Array(n + 1);
    let w = 0;
    order.forEach((t, place) => {
      this.bounds[place] = w;
      for (let i = flat.starts[t]!; i < end(t); i++) {
        this.uids[w] = flat.uids[i]!;
        this.depths[w] = Math.min(flat.depths[i]!, 0xffff);
        w++;
      }
    });
    this.bounds[n] = w;
  }

  /** Threads in the mailbox. */
  get size(): number {
    return this.bounds.length - 1;
  }

  thread(place: number): Thread {
    const from = this.bounds[place]!;
    const to = this.bounds[place + 1]!;
    return { uids: Array.from(this.uids.subarray(from, to)), depths: Array.from(this.depths.subarray(from, to)) };
  }

  /** Threads [offset, offset+limit) in display order. */
  slice(offset: number, limit: number): Thread[] {
    const out: Thread[] = [];
    for (let t = offset; t < Math.min(this.size, offset + limit); t++) out.push(this.thread(t));
    return out;
  }

  /** The place of the thread holding `uid`, or -1: one scan of a typed array, no second index to keep. */
  placeOf(uid: number): number {
    const at = this.uids.indexOf(uid);
    if (at < 0) return -1;
    // The last thread starting at or before `at`.
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.bounds[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

const THREAD_ALGORITHM: Record<Exclude<ThreadMethod, 'jwz'>, string> = { refs: 'REFS', references: 'REFERENCES' };

/** `UID THREAD <algorithm> UTF-8 ALL`: one `* THREAD (…)(…)` line (RFC 5256 §4). */
async function serverThreads(client: ImapFlow, method: Exclude<ThreadMethod, 'jwz'>): Promise<FlatThreads> {
  let flat = emptyThreads();
  await rawCommand(
    client,
    'UID THREAD',
    [
      { type: 'ATOM', value: THREAD_ALGORITHM[method] },
      { type: 'ATOM', value: 'UTF-8' },
      { type: 'ATOM', value: 'ALL' },
    ],
    {
      THREAD: async (untagged) => {
        flat = parseThreadResponse(untagged.attributes ?? []);
      },
    },
  );
  return flat;
}

/** What JWZ reads: the envelope (Message-ID, In-Reply-To, subject, date) and the References header. */
const JWZ_QUERY = { uid: true, envelope: true, internalDate: true, headers: ['references'] };

export function threadInputOf(msg: FetchMessageObject): ThreadInput {
  const env = msg.envelope ?? {};
  const references = (parseHeaderBlock(msg.headers).get('references') ?? []).join(' ');
  const sent = env.date ? new Date(env.date).getTime() : NaN;
  const internal = msg.internalDate ? new Date(msg.internalDate).getTime() : NaN;
  return {
    uid: msg.uid,
    messageId: /^<[^<>\s]+>$/.test(env.messageId ?? '') ? env.messageId! : null,
    references: referencesOf(references, env.inReplyTo),
    subject: env.subject ?? '',
    date: Number.isFinite(sent) ? sent : Number.isFinite(internal) ? internal : 0,
  };
}

async function localThreads(client: ImapFlow): Promise<FlatThreads> {
  const inputs: ThreadInput[] = [];
  // Collected first, threaded after: no command runs inside the iteration (STYLE.md §2).
  for await (const msg of client.fetch('1:*', JWZ_QUERY, { uid: true })) inputs.push(threadInputOf(msg));
  return jwzThreads(inputs);
}

/** The selected mailbox's threads by `method`; the default is the best the server offers, tests pass each in turn. */
export async function loadThreads(client: ImapFlow, method: ThreadMethod = threadMethodFor(client.capabilities)): Promise<FlatThreads> {
  return method === 'jwz' ? localThreads(client) : serverThreads(client, method);
}

/** The cached indexes of one mailbox, one per method; session.ts drops the set on EXISTS/EXPUNGE. */
class ThreadIndexes extends Map<ThreadMethod, ThreadIndex> {}

export const threadCacheKey = (path: string) => `threads:${path}`;

/** The cached thread index of the selected mailbox, rebuilt when its key (UIDVALIDITY:UIDNEXT:EXISTS) changed. */
export async function threadIndexFor(
  client: ImapFlow,
  mailbox: MailboxObject,
  cache: Map<string, unknown>,
  method: ThreadMethod = threadMethodFor(client.capabilities),
): Promise<ThreadIndex> {
  const cacheKey = threadCacheKey(mailbox.path);
  const key = indexKey(mailbox);
  let indexes = cache.get(cacheKey);
  if (!(indexes instanceof ThreadIndexes)) cache.set(cacheKey, (indexes = new ThreadIndexes()));
  const set = indexes as ThreadIndexes;
  const cached = set.get(method);
  if (cached && cached.key === key) return cached;
  for (const [m, index] of set) if (index.key !== key) set.delete(m);
  const flat = mailbox.exists === 0 ? emptyThreads() : await loadThreads(client, method);
  const index = new ThreadIndex(key, method, flat);
  set.set(method, index);
  return index;
}
