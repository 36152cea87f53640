import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../../e2e/support/api-client.js';
import { freePort, startWebmail } from '../../e2e/support/webmail.js';
import { useWebmail } from '../../e2e/support/fixtures.js';

const stack = inject('mailstack');

const webmail = useWebmail({ WEBMAIL_HOST_ALIASES: 'webmail.example.test' });
let client: ApiClient;

beforeAll(() => {
  client = webmail.client();
});

describe('host aliases', () => {
  it('an alias is redirected to the same path on the public host', async () => {
    const res = await client.request('GET', '/inbox?x=1', undefined, { host: 'webmail.example.test' });
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(`${webmail.app.url}/inbox?x=1`);
  });

  it('any other Host header is not redirected anywhere (no open redirect)', async () => {
    const res = await client.request('GET', '/', undefined, { host: 'evil.example' });
    expect(res.status).toBe(200);
    expect(res.headers.location).toBeUndefined();
  });
});

describe('health probes', () => {
  it('/healthz and /readyz answer 200 while the IMAP server is reachable', async () => {
    expect((await client.get('/healthz')).json).toEqual({ status: 'ok' });
    const ready = await client.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({ status: 'ready' });
  });

  it('/readyz answers 503 when the IMAP server cannot be reached', async () => {
    const down = await startWebmail({ ...stack.env, WEBMAIL_IMAP_PORT: String(await freePort()) });
    try {
      const c = new ApiClient(down.url, down.caPem);
      expect((await c.get('/healthz')).status).toBe(200);
      const res = await c.get('/readyz');
      expect(res.status).toBe(503);
      expect(res.json).toEqual({ status: 'imap-unreachable' });
      c.close();
    } finally {
      await down.stop();
    }
  });
});
