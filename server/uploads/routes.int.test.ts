import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { useRouteServer } from '../../e2e/support/unit/route-server.js';
import { useTempDir } from '../../e2e/support/unit/temp-db.js';
import { COMPOSE_API, uploadStatusSchema, type UploadStatus } from '../../shared/compose.js';
import { apiErrorSchema } from '../../shared/errors.js';
import { uploadRoutes } from './routes.js';
import { UploadStore } from './store.js';

/**
 * The upload routes over real HTTP on loopback, with real dropped connections.
 * app.ts does not mount them yet (the compose side wires them in), so a small
 * app mounts them behind the same JSON parser and error shape, with the
 * session taken from a test header in place of the cookie.
 */

const CHUNK = 256 * 1024;
const temp = useTempDir('uploads-int-', { scope: 'file' });
let store: UploadStore;

beforeAll(() => {
  store = new UploadStore({ dir: temp.path, maxBytes: 25 * 1024 * 1024, chunkBytes: CHUNK });
});

const server = useRouteServer(() => uploadRoutes(store));
const { request } = server;

const put = (user: string, id: string, offset: number, bytes: Buffer) =>
  request(user, 'PUT', COMPOSE_API.upload(id), bytes, { 'content-type': 'application/octet-stream', 'upload-offset': String(offset) });

/** Sends the first `sent` bytes of a chunk that announces more, then cuts the connection, as a dropped Wi-Fi link does. */
function putAndDrop(user: string, id: string, offset: number, chunk: Buffer, sent: number): Promise<void> {
  return new Promise((resolve) => {
    const req = http.request(new URL(COMPOSE_API.upload(id), server.base), {
      method: 'PUT',
      agent: false,
      headers: { 'x-test-user': user, 'content-type': 'application/octet-stream', 'content-length': String(chunk.length), 'upload-offset': String(offset) },
    });
    req.on('error', () => resolve());
    req.write(chunk.subarray(0, sent), () => setTimeout(() => req.destroy(), 100));
  });
}

async function waitForReceived(user: string, id: string, atLeast: number): Promise<UploadStatus> {
  for (let i = 0; i < 100; i++) {
    const s = uploadStatusSchema.parse((await request(user, 'GET', COMPOSE_API.upload(id))).json);
    if (s.received >= atLeast) return s;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the server never stored the bytes that arrived');
}

describe('upload routes over HTTP', () => {
  it('a 20 MB upload over a link that drops twice completes without starting over', async () => {
    const data = randomBytes(20 * 1024 * 1024);
    const created = await request('ann@x.test', 'POST', COMPOSE_API.uploads, { filename: 'C:\\tmp\\..\\big\u0007.bin', contentType: 'application/zip', size: data.length });
    expect(created.status).toBe(201);
    let s = uploadStatusSchema.parse(created.json);
    expect(s).toMatchObject({ filename: 'big.bin', contentType: 'application/zip', received: 0, complete: false });

    const dropOnPut = new Set([4, 50]);
    let puts = 0;
    let drops = 0;
    let sentTotal = 0;
    while (!s.complete) {
      const chunk = data.subarray(s.received, Math.min(data.length, s.received + CHUNK));
      sentTotal += chunk.length;
      if (dropOnPut.has(++puts)) {
        drops++;
        await putAndDrop('ann@x.test', s.uploadId, s.received, chunk, 100_000);
        // The client asks where to go on; the server kept the 100,000 bytes that came through.
        s = await waitForReceived('ann@x.test', s.uploadId, s.received + 100_000);
        continue;
      }
      const res = await put('ann@x.test', s.uploadId, s.received, chunk);
      expect(res.status).toBe(200);
      expect(res.headers['upload-offset']).toBe(String(res.json.received));
      s = uploadStatusSchema.parse(res.json);
    }
    expect(drops).toBe(2);
    // Nothing was sent twice beyond the two cut-off chunks' remainders.
    expect(sentTotal).toBeLessThanOrEqual(data.length + 2 * CHUNK);
    const stored = await store.requireComplete('ann@x.test', s.uploadId);
    expect(readFileSync(stored.path).equals(data)).toBe(true);
  });

  it('refuses an announced size over the limit with 413 MESSAGE_TOO_LARGE', async () => {
    const res = await request('ann@x.test', 'POST', COMPOSE_API.uploads, { filename: 'a', contentType: 'x/y', size: 25 * 1024 * 1024 + 1 });
    expect(res.status).toBe(413);
    expect(apiErrorSchema.parse(res.json).error.code).toBe('MESSAGE_TOO_LARGE');
  });

  it('a wrong offset is 409 with the current status; extra bytes and oversized chunks are 413', async () => {
    const s = uploadStatusSchema.parse((await request('ann@x.test', 'POST', COMPOSE_API.uploads, { filename: 'a.txt', contentType: 'text/plain', size: 10 })).json);
    expect((await put('ann@x.test', s.uploadId, 0, Buffer.from('hello'))).json.received).toBe(5);

    const mismatch = await put('ann@x.test', s.uploadId, 0, Buffer.from('hello'));
    expect(mismatch.status).toBe(409);
    expect(apiErrorSchema.parse(mismatch.json).error.code).toBe('UPLOAD_OFFSET_MISMATCH');
    expect(uploadStatusSchema.parse(mismatch.json.upload).received).toBe(5);
    expect(mismatch.headers['upload-offset']).toBe('5');

    const beyond = await put('ann@x.test', s.uploadId, 5, Buffer.from('world, and more'));
    expect(beyond.status).toBe(413);
    expect(beyond.json.error.code).toBe('MESSAGE_TOO_LARGE');

    const big = await request('ann@x.test', 'POST', COMPOSE_API.uploads, { filename: 'b', contentType: 'x/y', size: 2 * CHUNK });
    const tooBig = await put('ann@x.test', big.json.uploadId, 0, randomBytes(CHUNK + 1));
    expect(tooBig.status).toBe(413);
    expect((await request('ann@x.test', 'GET', COMPOSE_API.upload(big.json.uploadId))).json.received).toBe(0);
  });

  it('validates the offset header and the body type', async () => {
    const s = (await request('ann@x.test', 'POST', COMPOSE_API.uploads, { filename: 'a', contentType: 'x/y', size: 3 })).json;
    const noOffset = await request('ann@x.test', 'PUT', COMPOSE_API.upload(s.uploadId), Buffer.from('abc'), { 'content-type': 'application/octet-stream' });
    expect(noOffset.status).toBe(400);
    const json = await request('ann@x.test', 'PUT', COMPOSE_API.upload(s.uploadId), { a: 1 }, { 'upload-offset': '0' });
    expect(json.status).toBe(400);
    expect((await request('ann@x.test', 'POST', COMPOSE_API.uploads, { filename: '', contentType: 'x/y', size: 3 })).status).toBe(400);
  });

  it("another user's upload is 404 UPLOAD_NOT_FOUND, never 403; DELETE is 204", async () => {
    const s = (await request('ann@x.test', 'POST', COMPOSE_API.uploads, { filename: 'a', contentType: 'x/y', size: 3 })).json;
    for (const res of [
      await request('bob@x.test', 'GET', COMPOSE_API.upload(s.uploadId)),
      await put('bob@x.test', s.uploadId, 0, Buffer.from('abc')),
      await request('bob@x.test', 'DELETE', COMPOSE_API.upload(s.uploadId)),
    ]) {
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe('UPLOAD_NOT_FOUND');
    }
    expect((await request('ann@x.test', 'DELETE', COMPOSE_API.upload(s.uploadId))).status).toBe(204);
    expect((await request('ann@x.test', 'GET', COMPOSE_API.upload(s.uploadId))).status).toBe(404);
  });
});
