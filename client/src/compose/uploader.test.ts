import { afterEach, describe, expect, it, vi } from 'vitest';
import { uploadTransport } from '../state/queries/uploads.js';
import { uploadFile, type UploadFile } from './uploader.js';

/**
 * A fake uploads endpoint behind a fake fetch, so the test runs the real
 * transport (JSON create/status, raw PUT with Upload-Offset) and can drop the
 * link at chosen moments.
 */
type Fault = 'drop-before' | 'drop-after' | 'none';
function fakeServer(opts: { putFaults?: Fault[]; statusFaults?: number } = {}) {
  const uploads = new Map<string, { size: number; bytes: number[]; filename: string; contentType: string }>();
  const putFaults = [...(opts.putFaults ?? [])];
  let statusFaults = opts.statusFaults ?? 0;
  const log: string[] = [];
  const status = (id: string) => {
    const u = uploads.get(id)!;
    return { uploadId: id, filename: u.filename, contentType: u.contentType, size: u.size, received: u.bytes.length, complete: u.bytes.length === u.size };
  };
  const json = (body: unknown, code = 200) => new Response(JSON.stringify(body), { status: code, headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    const method = init.method ?? 'GET';
    const id = /\/api\/uploads\/([^/]+)$/.exec(url)?.[1];
    if (init.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    if (method === 'POST') {
      const meta = JSON.parse(init.body as string) as { filename: string; contentType: string; size: number };
      const newId = `up${'x'.repeat(20)}${uploads.size}`;
      uploads.set(newId, { ...meta, bytes: [] });
      log.push('create');
      return json(status(newId));
    }
    if (method === 'GET') {
      log.push('status');
      if (statusFaults-- > 0) throw new TypeError('Failed to fetch');
      return json(status(id!));
    }
    if (method === 'PUT') {
      const headers = init.headers as Record<string, string>;
      const offset = Number(headers['upload-offset']);
      const fault = putFaults.shift() ?? 'none';
      log.push(`put@${offset}${fault === 'none' ? '' : `:${fault}`}`);
      if (headers['content-type'] !== 'application/octet-stream') throw new Error('not a raw chunk');
      if (fault === 'drop-before') throw new TypeError('Failed to fetch');
      const u = uploads.get(id!)!;
      if (offset !== u.bytes.length) return json({ error: { code: 'UPLOAD_OFFSET_MISMATCH', message: 'offset' } }, 409);
      u.bytes.push(...new Uint8Array(await (init.body as Blob).arrayBuffer()));
      if (fault === 'drop-after') throw new TypeError('Failed to fetch');
      return json(status(id!));
    }
    throw new Error(`unexpected ${method} ${url}`);
  });
  vi.stubGlobal('fetch', fetch);
  return { uploads, log, fetch };
}

function file(size: number): UploadFile & { bytes: Uint8Array } {
  const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 7) % 256);
  const blob = new Blob([bytes]);
  return { name: 'report.pdf', type: 'application/pdf', size, slice: (a, b) => blob.slice(a, b), bytes };
}

const noSleep = () => Promise.resolve();

afterEach(() => vi.unstubAllGlobals());

describe('uploader', () => {
  it('sends the file in chunks and reports progress', async () => {
    const server = fakeServer();
    const f = file(2500);
    const progress: number[] = [];
    const result = await uploadFile(f, { transport: uploadTransport, chunkBytes: 1000, onProgress: (r) => progress.push(r), sleep: noSleep });
    expect(result.complete).toBe(true);
    expect(server.log).toEqual(['create', 'put@0', 'put@1000', 'put@2000']);
    expect(progress).toEqual([0, 1000, 2000, 2500]);
    expect(Uint8Array.from(server.uploads.get(result.uploadId)!.bytes)).toEqual(f.bytes);
  });

  it('resumes after the link drops twice, without starting over', async () => {
    const server = fakeServer({ putFaults: ['none', 'drop-before', 'none', 'drop-after'] });
    const f = file(4000);
    const result = await uploadFile(f, { transport: uploadTransport, chunkBytes: 1000, sleep: noSleep });
    expect(result.complete).toBe(true);
    expect(server.log).toEqual(['create', 'put@0', 'put@1000:drop-before', 'status', 'put@1000', 'put@2000:drop-after', 'status', 'put@3000']);
    expect(Uint8Array.from(server.uploads.get(result.uploadId)!.bytes)).toEqual(f.bytes);
  });

  it('recovers from a 409 offset mismatch by asking the server where it is', async () => {
    // The chunk lands but its answer is lost, and the status request fails too:
    // the retry goes to a stale offset, the server answers 409, and the status call puts it right.
    const server = fakeServer({ putFaults: ['drop-after'], statusFaults: 1 });
    const f = file(2000);
    const sleeps: number[] = [];
    const result = await uploadFile(f, {
      transport: uploadTransport, chunkBytes: 1000, retryDelayMs: 100,
      sleep: (ms) => { sleeps.push(ms); return Promise.resolve(); },
    });
    expect(result.complete).toBe(true);
    expect(server.log).toEqual(['create', 'put@0:drop-after', 'status', 'put@0', 'status', 'put@1000']);
    expect(sleeps).toEqual([100, 200]);
    expect(Uint8Array.from(server.uploads.get(result.uploadId)!.bytes)).toEqual(f.bytes);
  });

  it('gives up after too many failures in a row and passes other errors straight through', async () => {
    fakeServer({ putFaults: ['drop-before', 'drop-before', 'drop-before'] });
    await expect(uploadFile(file(10), { transport: uploadTransport, chunkBytes: 5, maxRetries: 2, sleep: noSleep })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });

    const refuse = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'MESSAGE_TOO_LARGE', message: 'big' } }), { status: 413 }));
    vi.stubGlobal('fetch', refuse);
    await expect(uploadFile(file(10), { transport: uploadTransport, chunkBytes: 5, sleep: noSleep })).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
    expect(refuse).toHaveBeenCalledTimes(1);
  });

  it('stops on abort, also while waiting to retry', async () => {
    const server = fakeServer({ putFaults: ['drop-before'] });
    const controller = new AbortController();
    let created = '';
    const run = uploadFile(file(3000), {
      transport: uploadTransport, chunkBytes: 1000, signal: controller.signal, retryDelayMs: 60_000,
      onCreated: (id) => (created = id),
    });
    await vi.waitFor(() => expect(server.log).toContain('put@0:drop-before'));
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(created).not.toBe('');
    expect(server.log).not.toContain('status');
  });
});
