import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Draft, SavedDraft } from '../../../shared/compose.js';
import { DraftSync, memoryLocalDrafts, syncPendingDrafts, unsyncedDrafts, type SaveStatus } from './draftStore.js';

const draft = (over: Partial<Draft> = {}): Draft => ({
  draftId: 'd'.repeat(24), from: { name: '', address: 'me@x.org' }, to: [], cc: [], bcc: [], subject: '', format: 'html',
  html: '<p></p>', text: '', inReplyTo: null, references: [], attachments: [], source: { mode: 'new', message: null },
  attachMessage: null, savedAs: null, ...over,
});

const offline = () => Object.assign(new Error('offline'), { code: 'NETWORK_ERROR' });

/** A server whose answers the test decides: online or not, and when each save returns. */
function fakeServer() {
  let uid = 100;
  const saves: Draft[] = [];
  const state = { online: true };
  const save = vi.fn(async (d: Draft): Promise<SavedDraft> => {
    saves.push(d);
    if (!state.online) throw offline();
    return { savedAs: { mailbox: 'Drafts', uid: ++uid } };
  });
  return { save, saves, state };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('DraftSync', () => {
  it('writes locally after 500 ms and to the server 3 s after the last change, replacing the previous copy', async () => {
    const local = memoryLocalDrafts();
    const server = fakeServer();
    const statuses: SaveStatus[] = [];
    const sync = new DraftSync(draft(), { local, save: server.save, account: 'me@x.org', onStatus: (s) => statuses.push(s) });
    sync.change(draft({ subject: 'H' }));
    await vi.advanceTimersByTimeAsync(400);
    sync.change(draft({ subject: 'Hello' }));
    await vi.advanceTimersByTimeAsync(600);
    expect((await local.get('d'.repeat(24)))?.draft.subject).toBe('Hello');
    expect(server.save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2500);
    expect(server.saves.map((d) => [d.subject, d.savedAs])).toEqual([['Hello', null]]);
    expect(statuses).toEqual(['saving', 'saved']);
    expect((await local.get('d'.repeat(24)))?.synced).toBe(true);

    sync.change(draft({ subject: 'Hello again' }));
    await vi.advanceTimersByTimeAsync(3000);
    // The second save names the first copy so the server replaces it.
    expect(server.saves[1]).toMatchObject({ subject: 'Hello again', savedAs: { mailbox: 'Drafts', uid: 101 } });
    expect(sync.current()?.savedAs).toEqual({ mailbox: 'Drafts', uid: 102 });
  });

  it('keeps the draft on the device while offline and saves it when the link returns', async () => {
    const local = memoryLocalDrafts();
    const server = fakeServer();
    server.state.online = false;
    const statuses: SaveStatus[] = [];
    const sync = new DraftSync(draft(), { local, save: server.save, account: 'me@x.org', onStatus: (s) => statuses.push(s), retryDelayMs: 60_000 });
    sync.change(draft({ subject: 'Written on the train' }));
    await vi.advanceTimersByTimeAsync(3000);
    expect(statuses).toEqual(['saving', 'offline']);
    expect(await unsyncedDrafts(local, 'me@x.org')).toHaveLength(1);
    expect(await unsyncedDrafts(local, 'someone@else.org')).toHaveLength(0);

    server.state.online = true;
    sync.retry();
    await vi.advanceTimersByTimeAsync(0);
    expect(statuses.at(-1)).toBe('saved');
    expect(await unsyncedDrafts(local, 'me@x.org')).toHaveLength(0);
  });

  it('retries on its own with back-off after a failed save', async () => {
    const server = fakeServer();
    server.state.online = false;
    const sync = new DraftSync(draft(), { local: memoryLocalDrafts(), save: server.save, account: 'a', retryDelayMs: 1000 });
    sync.change(draft({ subject: 'x' }));
    await vi.advanceTimersByTimeAsync(3000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.save).toHaveBeenCalledTimes(2);
    server.state.online = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(server.save).toHaveBeenCalledTimes(3);
    expect(sync.status).toBe('saved');
  });

  it('never runs two saves at once, and settle() waits for the one in flight', async () => {
    let release!: () => void;
    let calls = 0;
    const save = vi.fn(async (_d: Draft): Promise<SavedDraft> => {
      calls++;
      if (calls === 1) await new Promise<void>((r) => (release = r));
      return { savedAs: { mailbox: 'Drafts', uid: calls } };
    });
    const sync = new DraftSync(draft(), { local: memoryLocalDrafts(), save, account: 'a' });
    sync.change(draft({ subject: 'one' }));
    await vi.advanceTimersByTimeAsync(3000);
    sync.change(draft({ subject: 'two' }));
    const flushed = sync.flush();
    await vi.advanceTimersByTimeAsync(10);
    expect(save).toHaveBeenCalledTimes(1);
    release();
    await flushed;
    expect(save).toHaveBeenCalledTimes(2);
    expect(save.mock.calls[1]![0]).toMatchObject({ subject: 'two', savedAs: { uid: 1 } });
    expect(await sync.settle()).toMatchObject({ subject: 'two', savedAs: { uid: 2 } });
  });

  it('does not save an untouched new draft, but does save one restored from this device', async () => {
    const server = fakeServer();
    const untouched = new DraftSync(draft(), { local: memoryLocalDrafts(), save: server.save, account: 'a' });
    await untouched.flush({ keepalive: true });
    expect(server.save).not.toHaveBeenCalled();
    const restored = new DraftSync(draft({ subject: 'restored' }), { local: memoryLocalDrafts(), save: server.save, account: 'a' }, true);
    await restored.flush({ keepalive: true });
    expect(server.saves.map((d) => d.subject)).toEqual(['restored']);
  });

  it('forgets the local copy when sent or discarded, and stops saving', async () => {
    const local = memoryLocalDrafts();
    const server = fakeServer();
    const sync = new DraftSync(draft(), { local, save: server.save, account: 'a' });
    sync.change(draft({ subject: 'bye' }));
    await vi.advanceTimersByTimeAsync(600);
    await sync.close({ forget: true });
    await vi.advanceTimersByTimeAsync(5000);
    expect(await local.get('d'.repeat(24))).toBeUndefined();
    expect(server.save).not.toHaveBeenCalled();
  });
});

describe('syncPendingDrafts', () => {
  it('saves unsynced drafts except the open ones, and stops at the first network failure', async () => {
    vi.useRealTimers();
    const local = memoryLocalDrafts();
    const rec = (id: string, synced: boolean) => ({ draftId: id.repeat(24), account: 'a', draft: draft({ draftId: id.repeat(24), subject: id }), updatedAt: 1, synced });
    await local.put(rec('a', false));
    await local.put(rec('b', true));
    await local.put(rec('c', false));
    const server = fakeServer();
    expect(await syncPendingDrafts(local, 'a', server.save, new Set(['c'.repeat(24)]))).toBe(1);
    expect(server.saves.map((d) => d.subject)).toEqual(['a']);
    expect(await local.get('a'.repeat(24))).toMatchObject({ synced: true, draft: { savedAs: { uid: 101 } } });

    server.state.online = false;
    expect(await syncPendingDrafts(local, 'a', server.save, new Set())).toBe(0);
    expect((await unsyncedDrafts(local, 'a')).map((r) => r.draft.subject)).toEqual(['c']);
  });
});
