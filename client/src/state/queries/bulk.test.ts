import { afterEach, describe, expect, it, vi } from 'vitest';
import { MutationObserver, QueryClient } from '@tanstack/react-query';
import type { MessagePage } from '../../../../shared/mail.js';
import { BulkActionError, bulkMutationOptions, type BulkProgress } from './bulk.js';
import { mailboxKeys } from './mailboxes.js';
import { messageKeys } from './messages.js';

/** A streamed answer whose lines the test releases one by one, to look at the client in between. */
function streamedFetch() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const fetchMock = vi.fn(async () => new Response(body, { status: 200, headers: { 'content-type': 'application/x-ndjson' } }));
  vi.stubGlobal('fetch', fetchMock);
  const encoder = new TextEncoder();
  return {
    fetchMock,
    line: (event: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`)),
    end: () => controller.close(),
  };
}

function setup() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const page: MessagePage = { path: 'Bulk', uidValidity: '1', total: 3, offset: 0, items: [] };
  qc.setQueryData(messageKeys.page('Bulk', 0), page);
  qc.setQueryData(mailboxKeys.all(), []);
  const invalidate = vi.spyOn(qc, 'invalidateQueries');
  const progress: BulkProgress[] = [];
  const observer = new MutationObserver(qc, bulkMutationOptions(qc));
  const start = () =>
    observer.mutate({
      body: { mailbox: 'Bulk', action: 'markRead', selection: { kind: 'all' } },
      signal: new AbortController().signal,
      onProgress: (p) => progress.push(p),
    });
  return { qc, invalidate, progress, start };
}

afterEach(() => vi.unstubAllGlobals());

describe('bulk action', () => {
  it('reports each progress line and refreshes the list once, at the end', async () => {
    const { invalidate, progress, start } = setup();
    const stream = streamedFetch();
    const done = start();
    stream.line({ type: 'progress', done: 0, total: 10000 });
    stream.line({ type: 'progress', done: 5000, total: 10000 });
    await vi.waitFor(() => expect(progress).toHaveLength(2));
    stream.line({ type: 'progress', done: 10000, total: 10000 });
    await vi.waitFor(() => expect(progress).toHaveLength(3));
    // Chunks came and went; nothing was refetched for them.
    expect(invalidate).not.toHaveBeenCalled();
    stream.line({ type: 'result', result: { action: 'markRead', affected: 10000, destination: null } });
    stream.end();
    expect(await done).toEqual({ action: 'markRead', affected: 10000, destination: null });
    expect(progress.map((p) => p.done)).toEqual([0, 5000, 10000]);
    expect(invalidate.mock.calls.map(([filters]) => filters?.queryKey)).toEqual([mailboxKeys.all(), messageKeys.all()]);
    const [, init] = stream.fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(JSON.parse(init.body as string)).toEqual({ mailbox: 'Bulk', action: 'markRead', selection: { kind: 'all' } });
  });

  it('an error line fails the action with its code and how many were done, and still refreshes once', async () => {
    const { invalidate, start } = setup();
    const stream = streamedFetch();
    const done = start();
    stream.line({ type: 'progress', done: 0, total: 10000 });
    stream.line({ type: 'progress', done: 5000, total: 10000 });
    stream.line({ type: 'error', code: 'IMAP_UNAVAILABLE', message: 'The mail server is not answering.', done: 5000 });
    stream.end();
    const err = await done.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BulkActionError);
    expect(err).toMatchObject({ code: 'IMAP_UNAVAILABLE', done: 5000 });
    expect(invalidate).toHaveBeenCalledTimes(2);
  });

  it('an answer that ends without a result is a bad response, not a success', async () => {
    const { start } = setup();
    const stream = streamedFetch();
    const done = start();
    stream.line({ type: 'progress', done: 0, total: 3 });
    stream.end();
    await expect(done).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('a refusal before the stream starts is the usual coded error', async () => {
    const { start } = setup();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ error: { code: 'MAILBOX_NOT_FOUND', message: 'No mailbox.' } }), { status: 404, headers: { 'content-type': 'application/json' } })),
    );
    await expect(start()).rejects.toMatchObject({ code: 'MAILBOX_NOT_FOUND', status: 404 });
  });
});
