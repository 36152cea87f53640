import type { ImapFlow, MailboxObject } from 'imapflow';
import { expandUidSet } from '../../shared/uid-set.js';
import { searchUidSet } from './search.js';

/**
 * The UIDs of one mailbox, newest first: the list is addressed by index into
 * this order, so jumping to row 50,000 costs one FETCH of 50 UIDs rather than
 * a scan (DESIGN.md §3). Cached per session and mailbox, keyed by UIDVALIDITY,
 * UIDNEXT and EXISTS: an append moves UIDNEXT and an expunge lowers EXISTS, so
 * any change of membership changes the key.
 */
export class UidIndex {
  constructor(
    readonly key: string,
    /** Ascending, as IMAP returns them; read newest first through `slice`. */
    private readonly ascending: Uint32Array,
  ) {}

  get size(): number {
    return this.ascending.length;
  }

  /** UIDs of rows [offset, offset+limit) in newest-first order. */
  slice(offset: number, limit: number): number[] {
    const out: number[] = [];
    const n = this.ascending.length;
    for (let i = offset; i < Math.min(n, offset + limit); i++) out.push(this.ascending[n - 1 - i]!);
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

/** The cached index for the selected mailbox, rebuilt when its key changed. */
export async function uidIndexFor(client: ImapFlow, mailbox: MailboxObject, cache: Map<string, unknown>): Promise<UidIndex> {
  const cacheKey = `uids:${mailbox.path}`;
  const key = indexKey(mailbox);
  const cached = cache.get(cacheKey);
  if (cached instanceof UidIndex && cached.key === key) return cached;
  const index = new UidIndex(key, await loadUids(client));
  cache.set(cacheKey, index);
  return index;
}
