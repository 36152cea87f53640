import { beforeAll, describe, expect, it } from 'vitest';
import { API, SORT_KEYS, type SortKey, type SortOrder } from '../../shared/api.js';
import { messagePageSchema, type MessagePage } from '../../shared/mail.js';
import { BULK_ACCOUNT, seedBulk, useUser, useWebmail } from '../../e2e/support/fixtures.js';
import { compareKeys, keyOf, type KeyedUid, type ServerSortKey } from '../imap/sort.js';

// Every list order on the 100,000-message folder (issue 5 part 5): sampled
// pages (first, middle, last) hold the rows RFC 5256 puts there, judged by
// keys fetched from IMAP by a second connection and compared with the rules
// of server/imap/sort.ts (base subject, addr-mailbox, casemap, UID for ties).
// The shared bulk user is only read here, as in e2e/specs/big-mailbox.

const FOLDER = 'Bulk';
const COUNT = 100_000;
const LIMIT = 50;
const OFFSETS = [0, COUNT / 2 - LIMIT / 2, COUNT - LIMIT];
const SERVER_KEYS: ServerSortKey[] = ['date', 'from', 'to', 'subject', 'size'];
/** Each message's key for every order, from one FETCH of the whole folder. */
const keys = new Map<number, Record<ServerSortKey, number | string>>();
/** The whole folder in each order, as RFC 5256 and compareKeys define it. */
const expectedOrder = new Map<string, number[]>();

const me = useUser(useWebmail(), { account: BULK_ACCOUNT, probe: true, seed: seedBulk(FOLDER, COUNT), timeout: 600_000 });

beforeAll(async () => {
  const lock = await me.probe.getMailboxLock(FOLDER, { readOnly: true });
  try {
    // Collected first, keyed after: no command runs inside the iteration.
    for await (const msg of me.probe.fetch('1:*', { uid: true, envelope: true, internalDate: true, size: true }, { uid: true })) {
      keys.set(msg.uid, Object.fromEntries(SERVER_KEYS.map((k) => [k, keyOf(msg, k)])) as Record<ServerSortKey, number | string>);
    }
  } finally {
    lock.release();
  }
  expect(keys.size).toBe(COUNT);
  for (const key of SERVER_KEYS) {
    for (const order of ['asc', 'desc'] as const) {
      const keyed: KeyedUid[] = [...keys].map(([uid, k]) => ({ uid, key: k[key] }));
      expectedOrder.set(`${key}:${order}`, keyed.sort((a, b) => compareKeys(a, b, order)).map((k) => k.uid));
    }
  }
  const uids = [...keys.keys()].sort((a, b) => a - b);
  expectedOrder.set('arrival:asc', uids);
  expectedOrder.set('arrival:desc', [...uids].reverse());
}, 600_000);

async function page(sort: SortKey, order: SortOrder, offset: number): Promise<MessagePage> {
  const res = await me.api.get(`${API.messages}?mailbox=${FOLDER}&offset=${offset}&limit=${LIMIT}&sort=${sort}&order=${order}`);
  expect(res.status).toBe(200);
  return messagePageSchema.parse(res.json);
}

const keyAt = (sort: SortKey, uid: number) => (sort === 'arrival' ? uid : keys.get(uid)![sort]);

describe('every order of a 100,000-message folder, sampled', () => {
  for (const sort of SORT_KEYS) {
    for (const order of ['asc', 'desc'] as const) {
      it(
        `${sort} ${order}: first, middle and last pages`,
        async () => {
          const expected = expectedOrder.get(`${sort}:${order}`)!;
          const seen: number[] = [];
          for (const offset of OFFSETS) {
            const p = await page(sort, order, offset);
            expect(p.total).toBe(COUNT);
            expect(p.items).toHaveLength(LIMIT);
            const uids = p.items.map((m) => m.uid);
            // The rows the rules put at this place in the whole folder: same keys, in the same order...
            expect(uids.map((u) => keyAt(sort, u)), `keys at offset ${offset}`).toEqual(expected.slice(offset, offset + LIMIT).map((u) => keyAt(sort, u)));
            seen.push(...uids);
          }
          // ...and across the samples, each row after the one before it, ties by ascending UID (RFC 5256 §3).
          const keyed = seen.map((uid) => ({ uid, key: keyAt(sort, uid) }));
          for (let i = 1; i < keyed.length; i++) {
            expect(compareKeys(keyed[i - 1]!, keyed[i]!, order), `rows ${i - 1} and ${i} of the samples`).toBeLessThan(0);
          }
        },
        120_000,
      );
    }
  }
});
