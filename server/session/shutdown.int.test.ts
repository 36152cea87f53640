import https from 'node:https';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CSRF_HEADER } from '../../shared/api.js';
import { COMPOSE_API, uploadStatusSchema } from '../../shared/compose.js';
import { createUser } from '../../e2e/mailserver/mailstack.js';
import { ApiClient } from '../../e2e/support/api-client.js';
import { startWebmail, type TestWebmail } from '../../e2e/support/webmail.js';

/**
 * Issue 12 part 2: a stop (SIGTERM) refuses new connections at once but lets
 * a request under way finish, within WEBMAIL_SHUTDOWN_SECONDS.
 */
const stack = inject('mailstack');
let app: TestWebmail;

beforeAll(async () => {
  app = await startWebmail(stack.env, { WEBMAIL_SHUTDOWN_SECONDS: '60' });
});
afterAll(() => app.stop().catch(() => undefined));

/** A PUT whose body arrives in two halves, `pauseMs` apart, as over a slow link. */
function slowPut(api: ApiClient, ca: string, path: string, body: Buffer, pauseMs: number, midway: () => void): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(path, api.baseUrl), {
      method: 'PUT',
      ca,
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(body.length),
        'upload-offset': '0',
        cookie: api.sessionCookie ?? '',
        [CSRF_HEADER]: api.csrfToken ?? '',
        accept: 'application/json',
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
    });
    let rest: NodeJS.Timeout | undefined;
    req.on('error', (err) => {
      clearTimeout(rest);
      reject(err);
    });
    const half = body.length >> 1;
    req.write(body.subarray(0, half), () => {
      midway();
      rest = setTimeout(() => req.end(body.subarray(half)), pauseMs);
    });
  });
}

describe('graceful stop', () => {
  it('an upload under way when the stop begins is finished; a new connection is refused', async () => {
    const user = await createUser(stack);
    const api = new ApiClient(app.url, app.caPem);
    expect((await api.login(user.address, user.password)).status).toBe(200);
    const content = Buffer.alloc(256 * 1024, 7);
    const created = await api.post(COMPOSE_API.uploads, { filename: 'big.bin', contentType: 'application/octet-stream', size: content.length });
    expect(created.status).toBe(201);
    const { uploadId } = uploadStatusSchema.parse(created.json);

    let stopped: Promise<void> | null = null;
    const began = Date.now();
    const put = await slowPut(api, app.caPem, COMPOSE_API.upload(uploadId), content, 1500, () => {
      stopped = app.stop();
    });
    expect(put.status).toBe(200);
    expect(uploadStatusSchema.parse(put.json)).toMatchObject({ received: content.length });
    await stopped;
    // It waited for the upload, not for the whole minute of grace.
    expect(Date.now() - began).toBeLessThan(30_000);
    const fresh = new ApiClient(app.url, app.caPem);
    await expect(fresh.get('/api/session')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    fresh.close();
    api.close();
  });

  it('a request still hanging when the grace period ends is cut, and the stop completes', async () => {
    const short = await startWebmail(stack.env, { WEBMAIL_SHUTDOWN_SECONDS: '1' });
    const user = await createUser(stack);
    const api = new ApiClient(short.url, short.caPem);
    expect((await api.login(user.address, user.password)).status).toBe(200);
    const created = await api.post(COMPOSE_API.uploads, { filename: 'stuck.bin', contentType: 'application/octet-stream', size: 1024 });
    const { uploadId } = uploadStatusSchema.parse(created.json);
    let stopped: Promise<void> | null = null;
    // Half the body, then nothing: the client went silent.
    const put = slowPut(api, short.caPem, COMPOSE_API.upload(uploadId), Buffer.alloc(1024), 3_600_000, () => {
      stopped = short.stop();
    });
    await expect(put).rejects.toThrow();
    await stopped;
    api.close();
  });
});
