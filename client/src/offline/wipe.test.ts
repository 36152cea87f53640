import { describe, expect, it } from 'vitest';
import { createWiper, type WipeJob, type WipeJournal } from './wipe.js';
import { memoryBackend, OfflineStore, recordIds } from './store.js';

const A = 'ann@example.test';
const B = 'bob@example.test';

function memoryJournal(start: WipeJob[] = []): WipeJournal & { jobs: () => WipeJob[] } {
  let jobs = start;
  return { read: () => jobs, write: (next) => void (jobs = next), jobs: () => jobs };
}

/** A store with A's mail saved and one change queued, and a backend whose wipe fails while `broken` says so. */
async function savedStore(journal: WipeJournal) {
  const backend = memoryBackend();
  let broken = 0;
  let calls = 0;
  const flaky = {
    ...backend,
    wipe: async (account: string, options: { keepQueue: boolean }) => {
      calls += 1;
      if (broken > 0) {
        broken -= 1;
        throw new DOMException('The database connection is closing.', 'InvalidStateError');
      }
      return backend.wipe(account, options);
    },
  };
  const wiper = createWiper({ erase: (job) => store.wipe(job.account, { keepQueue: job.keepQueue }), journal, pauses: [1, 1], sleep: async () => undefined });
  const store = new OfflineStore(flaky, undefined, undefined, wiper.pending);
  await store.rememberAccount(A);
  await store.saveMessage(A, 'INBOX', 1, { uid: 1, subject: 'Private' });
  await store.enqueue(A, { mailbox: 'INBOX', uids: [1], action: 'flag' });
  return { store, wiper, backend, breakFor: (n: number) => void (broken = n), calls: () => calls };
}

const readMessage = (store: OfflineStore) => store.read(A, recordIds.message(A, 'INBOX', 1), 'message', 'INBOX');

describe('wiping the saved mail at sign-out', () => {
  it('erases the account and leaves nothing pending when the storage agrees', async () => {
    const journal = memoryJournal();
    const { store, wiper, backend } = await savedStore(journal);
    expect(await wiper.wipe({ account: A, keepQueue: false })).toBe(true);
    expect(backend.size()).toBe(0);
    expect(await store.lastAccount()).toBeUndefined();
    expect(journal.jobs()).toEqual([]);
    expect(wiper.get()).toEqual({ failed: [], running: false });
  });

  it('tries again by itself when a wipe fails once, and then succeeds without bothering the person', async () => {
    const { wiper, backend, breakFor, calls } = await savedStore(memoryJournal());
    breakFor(1);
    expect(await wiper.wipe({ account: A, keepQueue: false })).toBe(true);
    expect(calls()).toBe(2);
    expect(backend.size()).toBe(0);
    expect(wiper.get().failed).toEqual([]);
  });

  it('reports a wipe that keeps failing, keeps it pending, serves none of that mail meanwhile, and finishes on "Try again"', async () => {
    const journal = memoryJournal();
    const { store, wiper, backend, breakFor, calls } = await savedStore(journal);
    breakFor(3);
    const seen: boolean[] = [];
    wiper.subscribe(() => seen.push(wiper.get().running));

    expect(await wiper.wipe({ account: A, keepQueue: false })).toBe(false);
    expect(calls()).toBe(3); // the first try and one per pause
    expect(wiper.get()).toEqual({ failed: [{ account: A, keepQueue: false }], running: false });
    expect(seen).toContain(true);
    // The data is still on the device, but nothing hands it out.
    expect(backend.size()).toBe(1);
    expect(await readMessage(store)).toBeUndefined();
    expect(await store.lastAccount()).toBeUndefined();
    expect(await store.queued(A)).toEqual([]);
    expect(journal.jobs()).toEqual([{ account: A, keepQueue: false }]);

    expect(await wiper.finishPending()).toBe(true);
    expect(backend.size()).toBe(0);
    expect(wiper.get().failed).toEqual([]);
    expect(journal.jobs()).toEqual([]);
  });

  it('finishes on the next load a wipe the last page left pending, before anything is read', async () => {
    // The page that signed out closed before its wipe finished: the journal remembers it.
    const journal = memoryJournal([{ account: A, keepQueue: false }]);
    const { store, wiper, backend } = await savedStore(journal);
    expect(await readMessage(store)).toBeUndefined();
    expect(await wiper.finishPending()).toBe(true);
    expect(backend.size()).toBe(0);
    expect(journal.jobs()).toEqual([]);
  });

  it('keeps the queue for a lost session, unless a full sign-out of the same account asks for it too', async () => {
    const journal = memoryJournal();
    const { store, wiper, breakFor } = await savedStore(journal);
    breakFor(6);
    await wiper.wipe({ account: A, keepQueue: true });
    expect(journal.jobs()).toEqual([{ account: A, keepQueue: true }]);
    await wiper.wipe({ account: A, keepQueue: false });
    expect(journal.jobs()).toEqual([{ account: A, keepQueue: false }]);
    expect(await store.queued(A)).toEqual([]);
    await wiper.finishPending();
    expect(await store.queued(A)).toEqual([]);
  });

  it('leaves other accounts on the device readable while one wipe is pending', async () => {
    const journal = memoryJournal([{ account: A, keepQueue: false }]);
    const { store } = await savedStore(journal);
    await store.saveMessage(B, 'INBOX', 7, { uid: 7 });
    expect(await store.read(B, recordIds.message(B, 'INBOX', 7), 'message', 'INBOX')).toEqual({ uid: 7 });
  });

  it('no longer swallows a storage failure in OfflineStore.wipe: the caller must hear of it', async () => {
    const { store, breakFor } = await savedStore(memoryJournal());
    breakFor(1);
    await expect(store.wipe(A)).rejects.toThrow('closing');
  });
});
