import { describe, expect, it } from 'vitest';
import { memoryBackend, OfflineStore, recordIds } from './store.js';

function setup(bounds = { mailboxes: 2, pagesPerMailbox: 2, messages: 3 }) {
  let t = 0;
  const backend = memoryBackend();
  const store = new OfflineStore(backend, bounds, () => ++t);
  return { backend, store };
}

const A = 'ann@example.test';
const B = 'bob@example.test';
const readMessage = (store: OfflineStore, account: string, mailbox: string, uid: number) =>
  store.read<{ uid: number }>(account, recordIds.message(account, mailbox, uid), 'message', mailbox);
const readPage = (store: OfflineStore, account: string, mailbox: string, page: number) =>
  store.read(account, recordIds.page(account, mailbox, page), 'page', mailbox);

describe('offline store bounds', () => {
  it('keeps the most recently used messages and drops the least recently used', async () => {
    const { store } = setup();
    for (const uid of [1, 2, 3]) await store.saveMessage(A, 'INBOX', uid, { uid });
    // Reading message 1 makes it recent, so message 2 is now the oldest.
    expect(await readMessage(store, A, 'INBOX', 1)).toEqual({ uid: 1 });
    await store.saveMessage(A, 'INBOX', 4, { uid: 4 });
    expect(await readMessage(store, A, 'INBOX', 2)).toBeUndefined();
    for (const uid of [1, 3, 4]) expect(await readMessage(store, A, 'INBOX', uid)).toEqual({ uid });
  });

  it('keeps only the first pages of the folders viewed last', async () => {
    const { store } = setup();
    await store.savePage(A, 'INBOX', 0, 'inbox-0');
    await store.savePage(A, 'INBOX', 1, 'inbox-1');
    await store.savePage(A, 'INBOX', 2, 'inbox-2'); // past pagesPerMailbox: never kept
    expect(await readPage(store, A, 'INBOX', 2)).toBeUndefined();
    await store.savePage(A, 'Work', 0, 'work-0');
    await store.savePage(A, 'Lists', 0, 'lists-0'); // a third folder: INBOX was viewed longest ago
    expect(await readPage(store, A, 'INBOX', 0)).toBeUndefined();
    expect(await readPage(store, A, 'INBOX', 1)).toBeUndefined();
    expect(await readPage(store, A, 'Work', 0)).toBe('work-0');
    expect(await readPage(store, A, 'Lists', 0)).toBe('lists-0');
  });

  it('counts each account on its own, and never answers one account with another one\'s copy', async () => {
    const { store } = setup();
    for (const uid of [1, 2, 3]) await store.saveMessage(A, 'INBOX', uid, { uid });
    await store.saveMessage(B, 'INBOX', 9, { uid: 9 });
    for (const uid of [1, 2, 3]) expect(await readMessage(store, A, 'INBOX', uid)).toEqual({ uid });
    expect(await readMessage(store, B, 'INBOX', 1)).toBeUndefined();
  });

  it('leaves out a message too large to keep', async () => {
    const { store } = setup();
    await store.saveMessage(A, 'INBOX', 1, { body: 'x'.repeat(2_100_000) });
    expect(await readMessage(store, A, 'INBOX', 1)).toBeUndefined();
  });
});

describe('offline store at sign-out', () => {
  it('wipes every copy and the queue of the account signing out, and nobody else\'s', async () => {
    const { store, backend } = setup();
    await store.rememberAccount(A);
    await store.saveMailboxes(A, ['INBOX']);
    await store.savePage(A, 'INBOX', 0, 'p');
    await store.saveMessage(A, 'INBOX', 1, { uid: 1 });
    await store.enqueue(A, { mailbox: 'INBOX', uids: [1], action: 'flag' });
    await store.saveMessage(B, 'INBOX', 7, { uid: 7 });
    await store.enqueue(B, { mailbox: 'INBOX', uids: [7], action: 'flag' });

    await store.wipe(A);

    expect(await store.read(A, recordIds.mailboxes(A), 'mailboxes', null)).toBeUndefined();
    expect(await readPage(store, A, 'INBOX', 0)).toBeUndefined();
    expect(await readMessage(store, A, 'INBOX', 1)).toBeUndefined();
    expect(await store.queued(A)).toEqual([]);
    expect(await store.lastAccount()).toBeUndefined();
    expect(await readMessage(store, B, 'INBOX', 7)).toEqual({ uid: 7 });
    expect(await store.queued(B)).toHaveLength(1);
    expect(backend.size()).toBe(1);
  });

  it('keeps the queue when only the session was lost, so the changes still go out after signing in again', async () => {
    const { store } = setup();
    await store.saveMessage(A, 'INBOX', 1, { uid: 1 });
    await store.enqueue(A, { mailbox: 'INBOX', uids: [1], action: 'flag' });
    await store.wipe(A, { keepQueue: true });
    expect(await readMessage(store, A, 'INBOX', 1)).toBeUndefined();
    expect((await store.queued(A)).map((q) => q.request.action)).toEqual(['flag']);
  });
});
