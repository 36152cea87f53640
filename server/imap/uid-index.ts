import type { ImapFlow, MailboxObject } from 'imapflow';
import { expandUidSet } from '../../shared/uid-set.js';
import type { SortKey, SortOrder } from '../../shared/api.js';
import { searchUidSet } from './search.js';
import { sortedUids } from './sort.js';

/**
 * The UIDs of one mailbox in one list order: the list is addressed by index
 * into this order, so jumping to row 50,000 costs one FETCH of 50 UIDs rather
 * than a scan (DESIGN.md §3). Cached per session, mailbox and order, keyed by
 * UIDVALIDITY, UIDNEXT and EXISTS: an append moves UIDNEXT and an expunge
 * lowers EXISTS, so any change of membership changes the key.
 */
export class UidIndex {
  constructor(
    readonly key: string,
    /** The UIDs; read from the end when `fromEnd` (UID order read newest first). */
    readonly uids: Uint32Array,
    private readonly fromEnd = true,
  ) {}

  get size(): number {
    return this.uids.length;
  }

  /** UIDs of rows [offset, offset+limit) in list order. */
  slice(offset: number, limit: number): number[] {
    const out: number[] = [];
    const n = this.uids.length;
    for (let i = offset; i < Math.min(n, offset + limit); i++) out.push(this.uids[this.fromEnd ? n - 1 - i : i]!);
    return out;
  }
}

export function indexKey(mailbox: MailboxObject): string {
  return `${mailbox.uidValidity}:${mailbox.uidNext}:${mailbox.exists}`;
}

/** All UIDs of the selected mailbox, ascending. */
export async function loadUids(client: ImapFlow): Promise<Uint32Array> {
  return expandUidSet(await searchUidSet(client, { all: true }));
}

/**
 * The cached indexes of one mailbox, one per list order. The session drops
 * the whole set on EXISTS/EXPUNGE (session.ts); the key catches the rest.
 */
class UidIndexes extends Map<string, UidIndex> {}

/**
 * The cached index for the selected mailbox in the given order, rebuilt when
 * its key changed. Arrival is UID order, read from either end of one ascending
 * list; the other keys are sorted by the server (sort.ts).
 */
export async function uidIndexFor(
  client: ImapFlow,
  mailbox: MailboxObject,
  cache: Map<string, unknown>,
  sort: SortKey = 'arrival',
  order: SortOrder = 'desc',
): Promise<UidIndex> {
  const cacheKey = `uids:${mailbox.path}`;
  const key = indexKey(mailbox);
  let indexes = cache.get(cacheKey);
  if (!(indexes instanceof UidIndexes)) cache.set(cacheKey, (indexes = new UidIndexes()));
  const set = indexes as UidIndexes;
  const cached = set.get(`${sort}:${order}`);
  if (cached && cached.key === key) return cached;
  for (const [k, v] of set) if (v.key !== key) set.delete(k);
  let index: UidIndex;
  if (sort === 'arrival') {
    const other = set.get(`arrival:${order === 'desc' ? 'asc' : 'desc'}`);
    index = new UidIndex(key, other ? other.uids : await loadUids(client), order === 'desc');
  } else {
    index = new UidIndex(key, mailbox.exists === 0 ? new Uint32Array(0) : await sortedUids(client, sort, order), false);
  }
  set.set(`${sort}:${order}`, index);
  return index;
}
