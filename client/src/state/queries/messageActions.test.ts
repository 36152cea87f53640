import { afterEach, describe, expect, it, vi } from 'vitest';
import { MutationObserver, QueryClient } from '@tanstack/react-query';
import type { Mailbox, MessagePage, MessageSummary } from '../../../../shared/mail.js';
import { mailboxKeys } from './mailboxes.js';
import { messageActionMutationOptions } from './messageActions.js';
import { messageKeys } from './messages.js';
import { sessionKeys } from './session.js';
import { memoryBackend, OfflineStore, recordIds } from '../../offline/store.js';

function row(uid: number, flags: string[]): MessageSummary {
  return { uid, from: null, to: [], subject: `s${uid}`, date: '2024-01-01T00:00:00Z', size: 1, flags, hasAttachments: false, spam: false, preview: null };
}

function setup() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const page: MessagePage = { path: 'INBOX', uidValidity: '1', total: 3, offset: 0, items: [row(3, []), row(2, ['\\Seen']), row(1, [])] };
  qc.setQueryData(messageKeys.page('INBOX', 0), page);
  const inbox: Mailbox = { path: 'INBOX', name: 'INBOX', delimiter: '/', parentPath: null, specialUse: 'inbox', subscribed: true, selectable: true, total: 3, unread: 2 };
  qc.setQueryData(mailboxKeys.all(), [inbox]);
  return { qc, observer: new MutationObserver(qc, messageActionMutationOptions(qc)) };
}

/** A fetch that answers once the test says so, to look at the cache in between. */
function deferredFetch() {
  let settle!: (r: Response) => void;
  const fetchMock = vi.fn(() => new Promise<Response>((resolve) => (settle = resolve)));
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, answer: (status: number, body: unknown) => settle(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) };
}

const pageOf = (qc: QueryClient) => qc.getQueryData<MessagePage>(messageKeys.page('INBOX', 0))!;
const inboxOf = (qc: QueryClient) => qc.getQueryData<Mailbox[]>(mailboxKeys.all())![0]!;

afterEach(() => vi.unstubAllGlobals());

describe('message actions', () => {
  it('marks read at once and keeps it when the server agrees', async () => {
    const { qc, observer } = setup();
    const { fetchMock, answer } = deferredFetch();
    const done = observer.mutate({ mailbox: 'INBOX', uids: [3], action: 'markRead' });
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(pageOf(qc).items[0]!.flags).toContain('\\Seen');
    expect(inboxOf(qc).unread).toBe(1);
    answer(200, { action: 'markRead', affected: 1, destination: null });
    await done;
    expect(pageOf(qc).items[0]!.flags).toContain('\\Seen');
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(JSON.parse(init.body as string)).toEqual({ mailbox: 'INBOX', uids: [3], action: 'markRead' });
  });

  it('rolls a flag back when the server refuses', async () => {
    const { qc, observer } = setup();
    const { fetchMock, answer } = deferredFetch();
    const done = observer.mutate({ mailbox: 'INBOX', uids: [2], action: 'flag' }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(pageOf(qc).items[1]!.flags).toContain('\\Flagged');
    answer(502, { error: { code: 'IMAP_ERROR', message: 'NO' } });
    expect(await done).toMatchObject({ code: 'IMAP_ERROR' });
    expect(pageOf(qc).items[1]!.flags).toEqual(['\\Seen']);
  });

  it('removes deleted rows at once and adjusts the counts', async () => {
    const { qc, observer } = setup();
    const { fetchMock, answer } = deferredFetch();
    const done = observer.mutate({ mailbox: 'INBOX', uids: [1], action: 'delete' });
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(pageOf(qc).items.map((m) => m.uid)).toEqual([3, 2]);
    expect(pageOf(qc).total).toBe(2);
    expect(inboxOf(qc)).toMatchObject({ total: 2, unread: 1 });
    answer(200, { action: 'delete', affected: 1, destination: 'Trash' });
    await done;
  });
});

describe('message actions while offline', () => {
  const account = 'ann@example.test';
  function offlineSetup() {
    const { qc } = setup();
    qc.setQueryData(sessionKeys.current(), { user: { address: account }, csrfToken: 't', idleTimeoutSeconds: 60 });
    const store = new OfflineStore(memoryBackend());
    return { qc, store, observer: new MutationObserver(qc, messageActionMutationOptions(qc, store)) };
  }

  it('queues a flag the network could not carry, keeps it on screen and in the saved copy', async () => {
    const { qc, store, observer } = offlineSetup();
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    await observer.mutate({ mailbox: 'INBOX', uids: [1], action: 'flag' });
    expect(pageOf(qc).items[2]!.flags).toContain('\\Flagged');
    expect((await store.queued(account)).map((q) => q.request)).toEqual([{ mailbox: 'INBOX', uids: [1], action: 'flag' }]);
    const saved = await store.read<MessagePage>(account, recordIds.page(account, 'INBOX', 0), 'page', 'INBOX');
    expect(saved!.items[2]!.flags).toContain('\\Flagged');
    // Not marked stale: a refetch while offline would only bring the old flags back.
    expect(qc.getQueryState(messageKeys.page('INBOX', 0))!.isInvalidated).toBe(false);
  });

  it('queues a later action behind waiting ones instead of sending it ahead of them', async () => {
    const { store, observer } = offlineSetup();
    await store.enqueue(account, { mailbox: 'INBOX', uids: [1], action: 'flag' });
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    await observer.mutate({ mailbox: 'INBOX', uids: [1], action: 'delete' });
    expect(fetchMock).not.toHaveBeenCalled();
    expect((await store.queued(account)).map((q) => q.request.action)).toEqual(['flag', 'delete']);
  });

  it('still rolls back what the server refuses while online', async () => {
    const { qc, store, observer } = offlineSetup();
    const { fetchMock, answer } = deferredFetch();
    const done = observer.mutate({ mailbox: 'INBOX', uids: [2], action: 'flag' }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    answer(404, { error: { code: 'MESSAGE_NOT_FOUND', message: 'gone' } });
    expect(await done).toMatchObject({ code: 'MESSAGE_NOT_FOUND' });
    expect(pageOf(qc).items[1]!.flags).toEqual(['\\Seen']);
    expect(await store.queued(account)).toEqual([]);
  });
});
