import type { ImapFlow, MailboxObject, SearchObject } from 'imapflow';
import type { SortKey, SortOrder } from '../../shared/api.js';
import type { SearchCriteria } from '../../shared/search.js';
import { compressUids } from '../../shared/uid-set.js';
import { hasAttachments, type StructureNode } from '../mime/structure.js';
import { searchUids } from './search.js';
import { ATTACHMENT_CANDIDATES, contentQuery, criteriaKey, matchesNothing, stateQuery } from './search-query.js';
import { UidIndex, uidIndexFor } from './uid-index.js';

/**
 * A search in one mailbox as a virtual mailbox (issue 5 part 3): the
 * mailbox's cached UID order (uid-index.ts) filtered by the match set, so a
 * search pages and sorts exactly like the folder. The match set is kept per
 * session and mailbox in three parts, each invalidated by what can change it:
 *
 * - content (words, addresses, dates, size): a message's content never
 *   changes under its UID, so these matches stay valid for the UIDVALIDITY
 *   (RFC 3501 §2.3.1.1); new mail is searched incrementally (`UID n:*`),
 *   and expunged UIDs drop out because the order they filter no longer has them;
 * - attachments: the same, one set per mailbox whatever the criteria;
 * - state (unread, flagged): flags change without changing membership, so
 *   these are kept per HIGHESTMODSEQ (RFC 7162 §3.1.2) where the server has
 *   CONDSTORE, and searched again on every request where it has not. Flag
 *   searches are answered from the server's index, so that costs little.
 *
 * The plain UID order stays keyed by UIDVALIDITY/UIDNEXT/EXISTS: a flag
 * change leaves it, and a long content search, alone.
 */

/*
 * Match sets are ascending Uint32Arrays, 4 bytes a UID (a Set of 100,000
 * numbers costs ten times that), looked up by binary search.
 */

/** Matches that grow with the mailbox: every UID below `upTo` has been searched. */
interface Grown {
  uidValidity: string;
  upTo: number;
  uids: Uint32Array;
}

/** Matches valid for one `stamp` (UIDVALIDITY, HIGHESTMODSEQ, highest UID). */
interface Stamped {
  stamp: string;
  uids: Uint32Array;
}

/** A filtered order, valid while its base order and match sets are the same objects. */
interface View {
  base: UidIndex;
  parts: ReadonlyArray<object | null>;
  index: UidIndex;
}

/** Entries kept per mailbox for each kind: recent searches, not a history. */
const KEEP = 8;

class SearchCache {
  attachments: Grown | null = null;
  readonly content = new Map<string, Grown>();
  readonly state = new Map<string, Stamped>();
  /** Filtered orders by list order and criteria. */
  readonly views = new Map<string, View>();
}

function has(sorted: Uint32Array, uid: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === uid) return true;
    if (v < uid) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  map.delete(key);
  map.set(key, value);
  while (map.size > KEEP) map.delete(map.keys().next().value!);
  return value;
}

function cacheFor(cache: Map<string, unknown>, path: string): SearchCache {
  const key = `search:${path}`;
  let found = cache.get(key);
  if (!(found instanceof SearchCache)) cache.set(key, (found = new SearchCache()));
  return found as SearchCache;
}

function highestUid(index: UidIndex): number {
  let max = 0;
  for (const u of index.uids) if (u > max) max = u;
  return max;
}

/**
 * Extends `entry` to cover every UID up to `maxUid`. `UID n:*` also names the
 * highest UID when n is above it (RFC 3501 §9 "seq-range"), hence the filter.
 */
async function grow(
  entry: Grown | null | undefined,
  uidValidity: string,
  maxUid: number,
  search: (from: number) => Promise<ArrayLike<number>>,
): Promise<Grown> {
  const start: Grown = entry && entry.uidValidity === uidValidity ? entry : { uidValidity, upTo: 1, uids: new Uint32Array(0) };
  if (maxUid < start.upTo) return start;
  // Everything found is at or above upTo, so above every UID kept: appending keeps the order.
  const found = Uint32Array.from(await search(start.upTo)).filter((uid) => uid >= start.upTo).sort();
  const uids = new Uint32Array(start.uids.length + found.length);
  uids.set(start.uids);
  uids.set(found, start.uids.length);
  return { uidValidity, upTo: Math.max(maxUid, found.at(-1) ?? 0) + 1, uids };
}

/** `query` limited to UIDs from `from` on (the whole mailbox when from is 1). */
function fromUid(query: SearchObject, from: number): SearchObject {
  return from <= 1 ? query : { ...query, uid: `${from}:*` };
}

/** Attachment matches by BODYSTRUCTURE, the same test as the list's paperclip, over the header candidates. */
async function attachmentUids(client: ImapFlow, from: number): Promise<number[]> {
  const candidates = await searchUids(client, fromUid(ATTACHMENT_CANDIDATES, from));
  if (candidates.length === 0) return [];
  const out: number[] = [];
  // Collected first: no command may run inside the iteration (STYLE.md §2).
  for await (const msg of client.fetch(compressUids(candidates), { uid: true, bodyStructure: true }, { uid: true })) {
    if (hasAttachments(msg.bodyStructure as StructureNode | undefined)) out.push(msg.uid);
  }
  return out;
}

/** HIGHESTMODSEQ of the selected mailbox, asked afresh (the selected state may predate our own STOREs); null without CONDSTORE. */
async function highestModseq(client: ImapFlow, path: string): Promise<string | null> {
  if (!client.capabilities.has('CONDSTORE')) return null;
  const status = await client.status(path, { highestModseq: true });
  return status && status.highestModseq !== undefined ? String(status.highestModseq) : null;
}

/**
 * The virtual mailbox of `criteria` in `base`'s order: the same rows as the
 * folder, fewer of them. Throws VALIDATION_FAILED for a term that cannot be
 * sent (search-query.ts).
 */
export async function searchIndexFor(
  client: ImapFlow,
  mailbox: MailboxObject,
  cache: Map<string, unknown>,
  criteria: Partial<SearchCriteria>,
  base: UidIndex,
  /** The list order `base` is in ("arrival:desc"), which tells its filtered views apart. */
  orderKey = 'arrival:asc',
): Promise<UidIndex> {
  const content = contentQuery(criteria);
  const state = stateQuery(criteria);
  const key = `${base.key}|${criteriaKey(criteria)}`;
  if (base.size === 0 || matchesNothing(criteria)) return new UidIndex(key, new Uint32Array(0), false);

  const store = cacheFor(cache, mailbox.path);
  const uidValidity = String(mailbox.uidValidity);
  const maxUid = highestUid(base);
  const ckey = criteriaKey({ ...criteria, unread: undefined, flagged: undefined, attachment: undefined });

  let contentSet: Grown | null = null;
  if (content) {
    contentSet = await grow(store.content.get(ckey), uidValidity, maxUid, (from) => searchUids(client, fromUid(content, from)));
    remember(store.content, ckey, contentSet);
  }
  let attachSet: Grown | null = null;
  if (criteria.attachment !== undefined) {
    attachSet = await grow(store.attachments, uidValidity, maxUid, (from) => attachmentUids(client, from));
    store.attachments = attachSet;
  }
  let stateSet: Stamped | null = null;
  if (state) {
    const skey = criteriaKey({ unread: criteria.unread, flagged: criteria.flagged });
    const modseq = await highestModseq(client, mailbox.path);
    const stamp = `${uidValidity}:${modseq}:${maxUid}`;
    const cached = store.state.get(skey);
    stateSet = modseq !== null && cached?.stamp === stamp ? cached : { stamp, uids: await searchUids(client, state) };
    if (modseq !== null) remember(store.state, skey, stateSet);
  }

  const parts = [contentSet, attachSet, stateSet];
  const vkey = `${orderKey}|${criteriaKey(criteria)}`;
  const view = store.views.get(vkey);
  if (view && view.base === base && view.parts.every((p, i) => p === parts[i])) return view.index;

  const wantAttachment = criteria.attachment;
  const rows = base.slice(0, base.size).filter(
    (uid) =>
      (!contentSet || has(contentSet.uids, uid)) &&
      (!stateSet || has(stateSet.uids, uid)) &&
      (!attachSet || has(attachSet.uids, uid) === wantAttachment),
  );
  const index = new UidIndex(key, Uint32Array.from(rows), false);
  remember(store.views, vkey, { base, parts, index });
  return index;
}

/** The UIDs matching `criteria` in the selected mailbox, ascending: exactly the rows the search list shows. */
export async function matchingUids(client: ImapFlow, mailbox: MailboxObject, cache: Map<string, unknown>, criteria: Partial<SearchCriteria>): Promise<Uint32Array> {
  const base = await uidIndexFor(client, mailbox, cache, 'arrival', 'asc');
  return (await searchIndexFor(client, mailbox, cache, criteria, base, 'arrival:asc')).uids;
}

/** The list's index for a page: the mailbox's order, or its search when criteria are set. */
export async function listIndexFor(
  client: ImapFlow,
  mailbox: MailboxObject,
  cache: Map<string, unknown>,
  sort: SortKey,
  order: SortOrder,
  criteria: Partial<SearchCriteria> | null,
): Promise<UidIndex> {
  const base = await uidIndexFor(client, mailbox, cache, sort, order);
  return criteria ? searchIndexFor(client, mailbox, cache, criteria, base, `${sort}:${order}`) : base;
}
