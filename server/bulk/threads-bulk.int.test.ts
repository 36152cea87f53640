import { beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../shared/api.js';
import { threadPageSchema } from '../../shared/threads.js';
import { bulkMessageId, bulkParentIndex } from '../../e2e/mailserver/bulk.js';
import { BULK_ACCOUNT, seedBulk, useUser, useWebmail } from '../../e2e/support/fixtures.js';
import { loadThreads, ThreadIndex } from '../imap/thread-index.js';
import type { FlatThreads } from '../imap/thread-parse.js';

// The thread view of the seeded 100,000-message folder (e2e/mailserver/bulk.ts):
// every tenth message answers one of the previous fifty, so the threads the
// server builds can be checked against the References chains the seeder wrote.
// The shared "bulk" user is only read here (seeding is idempotent).

const FOLDER = 'Bulk';
const COUNT = 100_000;
/** Message index (0-based, as the seeder numbers them) of each UID. */
const indexOfUid = new Map<number, number>();
const uidOfIndex: number[] = [];

const me = useUser(useWebmail(), { account: BULK_ACCOUNT, probe: true, seed: seedBulk(FOLDER, COUNT), timeout: 300_000 });

beforeAll(async () => {
  await me.probe.mailboxOpen(FOLDER, { readOnly: true });
  // UIDs follow Dovecot's reading of the maildir, not the seeder's numbering: map them by Message-ID.
  const byId = new Map(Array.from({ length: COUNT }, (_, i) => [bulkMessageId(FOLDER, i), i]));
  for await (const msg of me.probe.fetch('1:*', { uid: true, headers: ['message-id'] }, { uid: true })) {
    const id = /<[^>]+>/.exec(msg.headers?.toString('utf8') ?? '')?.[0] ?? '';
    const i = byId.get(id);
    if (i === undefined) throw new Error(`UID ${msg.uid} carries an unknown Message-ID ${id}`);
    indexOfUid.set(msg.uid, i);
    uidOfIndex[i] = msg.uid;
  }
  expect(indexOfUid.size).toBe(COUNT);
}, 300_000);

/** Each member's parent within its thread, read back from the depths (depth-first order). */
function parentsOf(flat: FlatThreads): Map<number, number | null> {
  const parents = new Map<number, number | null>();
  flat.starts.forEach((start, t) => {
    const end = flat.starts[t + 1] ?? flat.uids.length;
    const path: number[] = [];
    for (let k = start; k < end; k++) {
      const depth = flat.depths[k]!;
      path.length = depth;
      parents.set(flat.uids[k]!, depth === 0 ? null : path[depth - 1]!);
      path.push(flat.uids[k]!);
    }
  });
  return parents;
}

/** The seeder's threads: union of every message with the one it answers, as sets of UIDs keyed by their root. */
function expectedThreads(): Map<number, number[]> {
  const root = (i: number): number => {
    let r = i;
    for (let p = bulkParentIndex(r); p !== null; p = bulkParentIndex(r)) r = p;
    return r;
  };
  const out = new Map<number, number[]>();
  for (let i = 0; i < COUNT; i++) {
    const r = uidOfIndex[root(i)]!;
    out.set(r, [...(out.get(r) ?? []), uidOfIndex[i]!]);
  }
  return out;
}

describe('threads of the 100,000-message folder', () => {
  for (const method of ['refs', 'references'] as const) {
    it(`${method}: every message's parent and thread are the ones the seeder wrote`, async () => {
      const flat = await loadThreads(me.probe, method);
      expect(flat.uids).toHaveLength(COUNT);
      const parents = parentsOf(flat);
      expect(parents.size).toBe(COUNT);
      const wrong: string[] = [];
      for (const [uid, parent] of parents) {
        const want = bulkParentIndex(indexOfUid.get(uid)!);
        const got = parent === null ? null : indexOfUid.get(parent)!;
        if (got !== want) wrong.push(`#${indexOfUid.get(uid)} under #${got}, not #${want}`);
      }
      expect(wrong.slice(0, 5)).toEqual([]);
      // Membership: the same groups of messages, thread for thread.
      const expected = expectedThreads();
      expect(flat.starts).toHaveLength(expected.size);
      flat.starts.forEach((start, t) => {
        const members = flat.uids.slice(start, flat.starts[t + 1] ?? flat.uids.length);
        const root = members[0]!;
        expect(members.slice().sort((a, b) => a - b), `thread of UID ${root}`).toEqual(expected.get(root)!.sort((a, b) => a - b));
      });
    });
  }

  it('pages at the top, the middle and the end are the threads by newest activity, with their counts', async () => {
    const index = new ThreadIndex('', 'refs', await loadThreads(me.probe, 'refs'));
    for (const offset of [0, 45_000, index.size - 50]) {
      const res = await me.api.get(`${API.threads}?mailbox=${FOLDER}&offset=${offset}&limit=50`);
      expect(res.status).toBe(200);
      const page = threadPageSchema.parse(res.json);
      expect(page.total).toBe(index.size);
      expect(page.items.map((t) => t.uids)).toEqual(index.slice(offset, 50).map((t) => t.uids));
      const uids = page.items.flatMap((t) => t.uids);
      const seen = new Map<number, boolean>();
      for await (const m of me.probe.fetch(uids.join(','), { uid: true, flags: true }, { uid: true })) seen.set(m.uid, m.flags?.has('\\Seen') ?? false);
      for (const t of page.items) {
        expect(t.latest.uid).toBe(Math.max(...t.uids));
        expect(t.id).toBe(t.uids[0]);
        expect(t.unread).toBe(t.uids.filter((u) => !seen.get(u)).length);
        expect(t.participants.length).toBeGreaterThan(0);
        expect(t.participants.length).toBeLessThanOrEqual(Math.min(4, t.uids.length));
      }
      // Newest activity first, across the page.
      const latest = page.items.map((t) => t.latest.uid);
      expect(latest).toEqual([...latest].sort((a, b) => b - a));
    }
    // The seeder leaves the newest 3% unread: the top of the view shows them.
    const top = threadPageSchema.parse((await me.api.get(`${API.threads}?mailbox=${FOLDER}&limit=10`)).json);
    expect(top.items.every((t) => t.unread > 0)).toBe(true);
  });

  it('opens the conversation of a thread deep in the folder', async () => {
    const page = threadPageSchema.parse((await me.api.get(`${API.threads}?mailbox=${FOLDER}&offset=60000&limit=200`)).json);
    const thread = page.items.find((t) => t.uids.length >= 2)!;
    expect(thread).toBeDefined();
    const res = await me.api.get<{ messages: Array<{ uid: number; path: string; date: string }> }>(`${API.conversation}?mailbox=${FOLDER}&uid=${thread.uids[1]}`);
    expect(res.status).toBe(200);
    expect(res.json.messages.map((m) => m.uid).sort((a, b) => a - b)).toEqual([...thread.uids].sort((a, b) => a - b));
    const dates = res.json.messages.map((m) => Date.parse(m.date));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
  });
});
