import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REMOTE_API, remoteImagePath } from '../../shared/remote.js';
import { useUser, useWebmail } from '../../e2e/support/fixtures.js';

// The proxy through the real app, with its production address policy: every
// internal destination is refused with a code, and nothing reaches a
// loopback server standing in for an internal service.

let internal: http.Server;
let internalPort: number;
const internalHits: string[] = [];

const webmail = useWebmail();
const alice = useUser(webmail);
const bob = useUser(webmail);

beforeAll(async () => {
  internal = http.createServer((req, res) => {
    internalHits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/gif' }).end(Buffer.from('GIF89a'));
  });
  await new Promise<void>((r) => internal.listen(0, '127.0.0.1', r));
  internalPort = (internal.address() as AddressInfo).port;
});
afterAll(async () => {
  internal?.closeAllConnections();
  await new Promise((r) => internal?.close(r));
});

describe('GET /api/remote-image', () => {
  it('needs a session', async () => {
    const anon = webmail.client();
    const res = await anon.get(remoteImagePath('https://images.example.com/p.gif'));
    expect(res.status).toBe(401);
    anon.close();
  });

  it.each([
    'http://127.0.0.1/pixel.gif',
    'http://127.0.0.1:80/pixel.gif',
    'http://127.1/',
    'http://2130706433/',
    'http://0x7f.0.0.1/',
    'http://0177.0.0.1/',
    'http://0/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    'http://10.0.0.1/',
    'http://172.16.5.4/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://localhost/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'https://images.tracker.example/pixel.gif',
  ])('refuses %s with 403 REMOTE_REFUSED', async (url) => {
    const res = await alice.api.get<{ error: { code: string } }>(remoteImagePath(url));
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('REMOTE_REFUSED');
  });

  it('refuses the loopback stand-in for an internal service (its port too), and it never sees a request', async () => {
    for (const url of [`http://127.0.0.1:${internalPort}/x.gif`, `http://localhost:${internalPort}/x.gif`, `${webmail.app.url}/api/session`]) {
      const res = await alice.api.get<{ error: { code: string } }>(remoteImagePath(url));
      expect(res.status, url).toBe(403);
      expect(res.json.error.code).toBe('REMOTE_REFUSED');
    }
    expect(internalHits).toEqual([]);
  });

  it('answers 400 for what is not an http(s) URL', async () => {
    for (const q of ['?url=javascript%3Aalert(1)', '?url=file%3A%2F%2F%2Fetc%2Fpasswd', '', `?url=${encodeURIComponent(`https://a.example.com/${'x'.repeat(5000)}`)}`]) {
      const res = await alice.api.get<{ error: { code: string } }>(`${REMOTE_API.image}${q}`);
      expect(res.status, q).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses a request made from another site (an <img> elsewhere riding the cookie)', async () => {
    const res = await alice.api.request<{ error: { code: string } }>('GET', remoteImagePath('https://images.example.com/p.gif'), undefined, { 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('FORBIDDEN_ORIGIN');
  });
});

describe('/api/remote-senders', () => {
  it('starts empty, adds in lower case, and refuses a change without the CSRF token', async () => {
    expect((await alice.api.get(REMOTE_API.senders)).json).toEqual({ senders: [] });
    const put = await alice.api.request('PUT', REMOTE_API.senders, { address: 'News@Shop.Example' });
    expect(put.status).toBe(200);
    expect(put.json).toEqual({ senders: ['news@shop.example'] });
    const forged = await alice.api.request<{ error: { code: string } }>('PUT', REMOTE_API.senders, { address: 'x@evil.example' }, { 'x-csrf-token': 'wrong' });
    expect(forged.status).toBe(403);
    expect(forged.json.error.code).toBe('CSRF_FAILED');
    const bad = await alice.api.request<{ error: { code: string } }>('PUT', REMOTE_API.senders, { address: 'not an address' });
    expect(bad.status).toBe(400);
  });

  it("one user neither sees nor changes the other's list", async () => {
    await alice.api.request('PUT', REMOTE_API.senders, { address: 'friend@example.org' });
    expect((await bob.api.get(REMOTE_API.senders)).json).toEqual({ senders: [] });
    // Bob removing the same address touches only his own (empty) list.
    expect((await bob.api.request('DELETE', `${REMOTE_API.senders}?address=${encodeURIComponent('friend@example.org')}`)).json).toEqual({ senders: [] });
    await bob.api.request('PUT', REMOTE_API.senders, { address: 'bank@example.net' });
    expect((await alice.api.get(REMOTE_API.senders)).json).toEqual({ senders: ['friend@example.org', 'news@shop.example'] });
    expect((await bob.api.get(REMOTE_API.senders)).json).toEqual({ senders: ['bank@example.net'] });
    expect((await alice.api.request('DELETE', `${REMOTE_API.senders}?address=${encodeURIComponent('FRIEND@example.org')}`)).json).toEqual({ senders: ['news@shop.example'] });
    expect((await bob.api.get(REMOTE_API.senders)).json).toEqual({ senders: ['bank@example.net'] });
  });
});
