import https from 'node:https';
import { describe, expect, it } from 'vitest';
import type { ImapFlow } from 'imapflow';
import { API, CSRF_HEADER } from '../../shared/api.js';
import { bulkEventSchema, type BulkActionRequest, type BulkEvent } from '../../shared/bulk.js';
import { messagePageSchema } from '../../shared/mail.js';
import type { ApiResponse } from '../../e2e/support/api-client.js';
import { appendAll, uidsOf } from '../../e2e/support/imap-probe.js';
import { plainMessage } from '../../e2e/support/messages.js';
import { seedBulk, useUser, useWebmail } from '../../e2e/support/fixtures.js';
import { BULK_CHUNK_UIDS } from '../imap/bulk.js';

// Bulk actions (issue 5 part 4) through POST API.bulk on a user's own
// 100,000-message folder, every outcome checked from a second IMAP connection.

const FOLDER = 'Bulk';
const COUNT = 100_000;
const LONG = 300_000; // a 100,000-message change on a loaded 2-core machine

const webmail = useWebmail();
const me = useUser(webmail, { probe: true, seed: seedBulk(FOLDER, COUNT), timeout: 300_000 });

/** Every line of a streamed answer, checked against the contract. */
function events(res: ApiResponse): BulkEvent[] {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
  return res.body
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => bulkEventSchema.parse(JSON.parse(line)));
}

const bulk = async (body: BulkActionRequest) => events(await me.api.post(API.bulk, body));

/** Progress lines rise and end at the total; exactly one result, last. */
function expectWellFormed(evs: BulkEvent[], total: number) {
  const progress = evs.filter((e) => e.type === 'progress');
  expect(progress.length).toBeGreaterThan(0);
  for (let i = 1; i < progress.length; i++) expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);
  for (const p of progress) expect(p.total).toBe(total);
  expect(progress.at(-1)!.done).toBe(total);
  expect(evs.filter((e) => e.type === 'result' || e.type === 'error')).toHaveLength(1);
  const last = evs.at(-1)!;
  if (last.type !== 'result') throw new Error(`expected a result, got ${JSON.stringify(last)}`);
  return last.result;
}

/** UIDs matching a search in `mailbox`, seen from the probe after a sync point. */
async function probeSearch(mailbox: string, query: Parameters<ImapFlow['search']>[0]): Promise<number[]> {
  const lock = await me.probe.getMailboxLock(mailbox);
  try {
    await me.probe.noop();
    return (await me.probe.search(query, { uid: true })) || [];
  } finally {
    lock.release();
  }
}

/** Sets up a state from outside the webmail, as another mail client would. */
async function probeStore(mailbox: string, op: 'add' | 'remove', flag: string): Promise<void> {
  const lock = await me.probe.getMailboxLock(mailbox);
  try {
    if (op === 'add') await me.probe.messageFlagsAdd('1:*', [flag], { uid: true, silent: true });
    else await me.probe.messageFlagsRemove('1:*', [flag], { uid: true, silent: true });
  } finally {
    lock.release();
  }
}

describe('bulk actions on a 100,000-message folder, checked from a second IMAP connection', () => {
  it(
    'select-all mark-read marks all 100,000, with progress rising chunk by chunk to the total',
    async () => {
      await probeStore(FOLDER, 'remove', '\\Seen');
      expect(await probeSearch(FOLDER, { seen: false })).toHaveLength(COUNT);
      const evs = await bulk({ mailbox: FOLDER, action: 'markRead', selection: { kind: 'all' } });
      expect(expectWellFormed(evs, COUNT)).toEqual({ action: 'markRead', affected: COUNT, destination: null });
      // One line when the selection is resolved, then one per chunk.
      expect(evs.filter((e) => e.type === 'progress')).toHaveLength(1 + Math.ceil(COUNT / BULK_CHUNK_UIDS));
      expect(await probeSearch(FOLDER, { seen: false })).toEqual([]);
    },
    LONG,
  );

  it(
    'select-all with exceptions leaves exactly those unread',
    async () => {
      await probeStore(FOLDER, 'remove', '\\Seen');
      const except = [1, 2, 3, 500, 50_000, 99_999, 100_000];
      const evs = await bulk({ mailbox: FOLDER, action: 'markRead', selection: { kind: 'all', except: '1:3,500,50000,99999:100000' } });
      expect(expectWellFormed(evs, COUNT - except.length).affected).toBe(COUNT - except.length);
      expect(await probeSearch(FOLDER, { seen: false })).toEqual(except);
    },
    LONG,
  );

  it(
    'select-all narrowed by search criteria acts only on the matches',
    async () => {
      await probeStore(FOLDER, 'remove', '\\Flagged');
      const matches = await probeSearch(FOLDER, { subject: '#4242' });
      expect(matches.length).toBeGreaterThan(1); // #4242 and #42420..#42429
      const evs = await bulk({ mailbox: FOLDER, action: 'flag', selection: { kind: 'all', search: { subject: '#4242' } } });
      expect(expectWellFormed(evs, matches.length).affected).toBe(matches.length);
      expect(await probeSearch(FOLDER, { flagged: true })).toEqual(matches);
    },
    LONG,
  );

  it(
    'search criteria and exceptions combine: all unread matches but one',
    async () => {
      await probeStore(FOLDER, 'add', '\\Seen');
      const lock = await me.probe.getMailboxLock(FOLDER);
      try {
        await me.probe.messageFlagsRemove('10:19', ['\\Seen'], { uid: true });
      } finally {
        lock.release();
      }
      const evs = await bulk({ mailbox: FOLDER, action: 'flag', selection: { kind: 'all', search: { unread: true }, except: '12' } });
      expect(expectWellFormed(evs, 9).affected).toBe(9);
      expect(await probeSearch(FOLDER, { flagged: true, seen: false })).toEqual([10, 11, 13, 14, 15, 16, 17, 18, 19]);
    },
    LONG,
  );

  it(
    'a UID set naming messages that no longer exist acts on those that do and counts only them',
    async () => {
      await probeStore(FOLDER, 'add', '\\Seen');
      const some = await bulk({ mailbox: FOLDER, action: 'markUnread', selection: { kind: 'uids', uids: '7,8,100001:100500,4000000000' } });
      expect(expectWellFormed(some, 2)).toEqual({ action: 'markUnread', affected: 2, destination: null });
      expect(await probeSearch(FOLDER, { seen: false })).toEqual([7, 8]);
      const none = await bulk({ mailbox: FOLDER, action: 'delete', selection: { kind: 'uids', uids: '100001:100500' } });
      expect(none.some((e) => e.type === 'error')).toBe(false);
      expect(expectWellFormed(none, 0).affected).toBe(0);
      expect(await uidsOf(me.probe, FOLDER)).toHaveLength(COUNT);
    },
    LONG,
  );

  it(
    'stops when the browser goes away: the rest of the selection is left alone',
    async () => {
      await probeStore(FOLDER, 'add', '\\Seen');
      await new Promise<void>((resolve, reject) => {
        const payload = JSON.stringify({ mailbox: FOLDER, action: 'markUnread', selection: { kind: 'all' } });
        const req = https.request(new URL(API.bulk, webmail.app.url), {
          method: 'POST',
          agent: new https.Agent({ ca: webmail.app.caPem }),
          headers: { 'content-type': 'application/json', cookie: me.api.sessionCookie!, [CSRF_HEADER]: me.api.csrfToken! },
        });
        req.on('response', (res) => {
          // The first line (the selection resolved) is there: hang up.
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
        req.end(payload);
      });
      // Whatever chunk was running finishes; a request queued behind it on the session's connection
      // answers after it, and by then the run has seen the hang-up.
      expect((await me.api.get(`${API.messages}?mailbox=${FOLDER}&limit=1`)).status).toBe(200);
      const unread = await probeSearch(FOLDER, { seen: false });
      expect(unread.length).toBeLessThan(COUNT);
    },
    LONG,
  );
});

describe('bulk actions on small selections: move, delete, spam', () => {
  const fresh = (n: number, mailbox = 'INBOX') =>
    appendAll(me.probe, mailbox, Array.from({ length: n }, (_, i) => plainMessage(`b${i}`, { subject: `bulk-small ${i} ${Math.random()}` })));

  it('moves a UID-set selection: the destination has them, the source lacks them', async () => {
    const uids = await fresh(6);
    const chosen = [uids[0]!, uids[1]!, uids[2]!, uids[4]!];
    const archiveBefore = await uidsOf(me.probe, 'Archive');
    const evs = await bulk({ mailbox: 'INBOX', action: 'move', target: 'Archive', selection: { kind: 'uids', uids: `${chosen[0]}:${chosen[2]},${chosen[3]}` } });
    expect(expectWellFormed(evs, 4)).toEqual({ action: 'move', affected: 4, destination: 'Archive' });
    const inbox = await uidsOf(me.probe, 'INBOX');
    for (const u of chosen) expect(inbox).not.toContain(u);
    expect(inbox).toContain(uids[3]);
    expect(inbox).toContain(uids[5]);
    expect((await uidsOf(me.probe, 'Archive')).length).toBe(archiveBefore.length + 4);
  });

  it('delete moves to Trash (found by SPECIAL-USE); delete in Trash expunges', async () => {
    const uids = await fresh(3);
    const trashBefore = await uidsOf(me.probe, 'Trash');
    const evs = await bulk({ mailbox: 'INBOX', action: 'delete', selection: { kind: 'uids', uids: `${uids[0]}:${uids[2]}` } });
    expect(expectWellFormed(evs, 3)).toEqual({ action: 'delete', affected: 3, destination: 'Trash' });
    const trash = await uidsOf(me.probe, 'Trash');
    expect(trash.length).toBe(trashBefore.length + 3);
    const added = trash.filter((u) => !trashBefore.includes(u));
    const gone = await bulk({ mailbox: 'Trash', action: 'delete', selection: { kind: 'all', except: trashBefore.join(',') || undefined } });
    expect(expectWellFormed(gone, 3)).toEqual({ action: 'delete', affected: 3, destination: null });
    const after = await uidsOf(me.probe, 'Trash');
    for (const u of added) expect(after).not.toContain(u);
    expect(after).toEqual(trashBefore);
  });

  it('mark as spam moves to Junk with $Junk', async () => {
    const [a] = await fresh(1);
    const junkBefore = await uidsOf(me.probe, 'Junk');
    const evs = await bulk({ mailbox: 'INBOX', action: 'markSpam', selection: { kind: 'uids', uids: String(a) } });
    expect(expectWellFormed(evs, 1)).toEqual({ action: 'markSpam', affected: 1, destination: 'Junk' });
    const added = (await uidsOf(me.probe, 'Junk')).filter((u) => !junkBefore.includes(u));
    expect(added).toHaveLength(1);
    expect(await probeSearch('Junk', { keyword: '$Junk', uid: String(added[0]) })).toEqual(added);
  });
});

describe('bad bulk requests get a clear error and change nothing', () => {
  it('a missing target or source folder is MAILBOX_NOT_FOUND, before anything is streamed', async () => {
    const [a] = await appendAll(me.probe, 'INBOX', [plainMessage('keep', { subject: 'bulk-keep' })]);
    const noTarget = await me.api.post(API.bulk, { mailbox: 'INBOX', action: 'move', target: 'Nowhere', selection: { kind: 'uids', uids: String(a) } });
    expect(noTarget.status).toBe(404);
    expect(noTarget.json).toMatchObject({ error: { code: 'MAILBOX_NOT_FOUND' } });
    const noSource = await me.api.post(API.bulk, { mailbox: 'Nowhere', action: 'flag', selection: { kind: 'all' } });
    expect(noSource.status).toBe(404);
    expect(noSource.json).toMatchObject({ error: { code: 'MAILBOX_NOT_FOUND' } });
    const same = await me.api.post(API.bulk, { mailbox: 'INBOX', action: 'move', target: 'INBOX', selection: { kind: 'all' } });
    expect(same.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'target' } });
    expect(await uidsOf(me.probe, 'INBOX')).toContain(a);
  });

  it('a malformed selection or action is refused with 400 VALIDATION_FAILED', async () => {
    const bad: Array<[unknown, string]> = [
      [{ mailbox: 'INBOX', action: 'flag' }, 'selection'],
      [{ mailbox: 'INBOX', action: 'flag', selection: { kind: 'some' } }, 'selection.kind'],
      [{ mailbox: 'INBOX', action: 'flag', selection: { kind: 'uids', uids: '1:*' } }, 'selection.uids'],
      [{ mailbox: 'INBOX', action: 'flag', selection: { kind: 'uids', uids: '' } }, 'selection.uids'],
      [{ mailbox: 'INBOX', action: 'flag', selection: { kind: 'uids', uids: '0:5' } }, 'selection.uids'],
      [{ mailbox: 'INBOX', action: 'flag', selection: { kind: 'uids', uids: '9999999999' } }, 'selection.uids'],
      [{ mailbox: 'INBOX', action: 'flag', selection: { kind: 'uids', uids: ['1'] } }, 'selection.uids'],
      [{ mailbox: 'INBOX', action: 'flag', selection: { kind: 'all', except: 'a,b' } }, 'selection.except'],
      [{ mailbox: 'INBOX', action: 'flag', selection: { kind: 'all', search: { since: 'yesterday' } } }, 'selection.search.since'],
      [{ mailbox: 'INBOX', action: 'explode', selection: { kind: 'all' } }, 'action'],
      [{ mailbox: 'INBOX', action: 'move', selection: { kind: 'all' } }, 'target'],
    ];
    for (const [body, field] of bad) {
      const res = await me.api.post(API.bulk, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json, JSON.stringify(body)).toMatchObject({ error: { code: 'VALIDATION_FAILED', field } });
    }
  });

  it('refuses a bulk action without the CSRF token', async () => {
    const res = await me.api.request('POST', API.bulk, { mailbox: 'INBOX', action: 'flag', selection: { kind: 'all' } }, { [CSRF_HEADER]: 'wrong' });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { code: 'CSRF_FAILED' } });
  });

  it('the session still works afterwards', async () => {
    const res = await me.api.get(`${API.messages}?mailbox=${FOLDER}&limit=5`);
    expect(res.status).toBe(200);
    expect(messagePageSchema.parse(res.json).total).toBe(COUNT);
  });
});
