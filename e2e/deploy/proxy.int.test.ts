import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { API } from '../../shared/api.js';
import { mailboxListSchema } from '../../shared/mail.js';
import { createUser, deliver } from '../mailserver/mailstack.js';
import { plainMessage } from '../support/messages.js';
import { connected, nextEvent, pushClient } from '../support/push-client.js';
import { ApiClient } from '../support/api-client.js';
import { startWebmail, type TestWebmail } from '../support/webmail.js';
import { ALIAS_NAME, PUBLIC_NAME, prepareSite, startApache, startNginx, type ProxySite, type RunningProxy } from './proxies.js';

const stack = inject('mailstack');
const run = promisify(execFile);
const FILTER = path.resolve(import.meta.dirname, '..', '..', 'deploy', 'fail2ban', 'filter.d', 'webmail.conf');

function plainGet(port: number, host: string, pathname: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: pathname, headers: { host } }, (res) => {
      res.resume();
      resolve(res);
    }).on('error', reject);
  });
}

describe.each([
  ['nginx', startNginx],
  ['apache', startApache],
] as const)('the deploy/ example for %s, in front of the app', (kind, startProxy) => {
  let site: ProxySite;
  let app: TestWebmail;
  let proxy: RunningProxy;
  let user: { address: string; password: string };

  beforeAll(async () => {
    site = await prepareSite(kind);
    // As deploy/webmail.env.example: behind a local proxy, public host is the proxy's name.
    app = await startWebmail(
      stack.env,
      { WEBMAIL_PUBLIC_HOST: site.publicHost, WEBMAIL_TRUST_PROXY: 'loopback', WEBMAIL_HTTP_PORT: 'off' },
      { logFile: path.join(site.dir, 'webmail.log') },
    );
    const certFile = path.join(site.dir, 'app.crt');
    writeFileSync(certFile, app.caPem, { mode: 0o644 });
    proxy = await startProxy(site, { port: app.server.httpsPort, certFile });
    user = await createUser(stack);
  });

  afterAll(async () => {
    await proxy?.stop();
    await app?.stop();
  });

  const viaProxy = () => new ApiClient(`https://${site.publicHost}`, site.certPem, { resolveTo: '127.0.0.1' });

  it('redirects plain HTTP, for the canonical name and the alias, to https:// on the canonical host', async () => {
    for (const host of [PUBLIC_NAME, ALIAS_NAME]) {
      const res = await plainGet(site.httpPort, host, '/some/path?x=1');
      expect(res.statusCode, `${kind} ${host}`).toBe(301);
      expect(res.headers.location).toBe(`https://${site.publicHost}/some/path?x=1`);
    }
  });

  it('redirects the HTTPS alias to the canonical host', async () => {
    const alias = new ApiClient(`https://${ALIAS_NAME}:${site.httpsPort}`, site.certPem, { resolveTo: '127.0.0.1' });
    const res = await alias.get('/inbox');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(`https://${site.publicHost}/inbox`);
    alias.close();
  });

  it('serves the app over TLS with its security headers, and logs in through the proxy', async () => {
    const c = viaProxy();
    const page = await c.get('/');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toMatch(/script-src 'self'/);
    expect(page.headers['strict-transport-security']).toMatch(/max-age/);
    const login = await c.login(user.address, user.password);
    expect(login.status).toBe(200);
    expect(String(login.headers['set-cookie'])).toMatch(/^__Host-webmail-session=.*Secure/);
    const boxes = await c.get(API.mailboxes);
    expect(mailboxListSchema.parse(boxes.json).mailboxes.some((m) => m.path === 'INBOX')).toBe(true);
    // The same-origin check passes with the browser's Origin for the public host…
    const logout = await c.request('DELETE', API.session, undefined, { origin: `https://${site.publicHost}` });
    expect(logout.status).toBe(204);
    c.close();
  });

  it('passes the client address on: a failed login is logged for the client, not the proxy, and fail2ban can match it', async () => {
    // 127.0.0.2 plays a distinct client machine; the proxy itself talks from 127.0.0.1.
    const c = new ApiClient(`https://${site.publicHost}`, site.certPem, { resolveTo: '127.0.0.1', localAddress: '127.0.0.2' });
    const res = await c.login(user.address, 'wrong-password');
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ error: { code: 'AUTH_FAILED' } });
    c.close();
    const log = readFileSync(path.join(site.dir, 'webmail.log'), 'utf8');
    expect(log).toContain(`webmail auth failure for ${user.address} from 127.0.0.2`);
    expect(log).not.toContain(`webmail auth failure for ${user.address} from 127.0.0.1`);
    const { stdout } = await run('fail2ban-regex', ['--print-all-matched', path.join(site.dir, 'webmail.log'), FILTER]);
    expect(stdout).toMatch(/Failregex: 1 total/);
    expect(stdout).toMatch(/127\.0\.0\.2/);
  });

  it('carries live push over its WebSocket upgrade: a delivery reaches the open socket', async () => {
    const c = viaProxy();
    await c.login(user.address, user.password);
    const socket = pushClient(`https://${site.publicHost}`, site.certPem, { cookie: c.sessionCookie, origin: `https://${site.publicHost}`, agent: c.agent });
    try {
      await connected(socket);
      // As the SPA does: watching a mailbox starts the session's IDLE, and its answer means it is ready.
      await new Promise<void>((resolve, reject) =>
        socket.emit('mailbox:watch', { path: 'INBOX' }, (res: { ok: boolean }) => (res.ok ? resolve() : reject(new Error('watch refused')))),
      );
      const subject = `Through ${kind} ${Date.now()}`;
      const arrived = nextEvent(socket, 'mailbox:exists', (e) => e.path === 'INBOX', 20_000);
      await deliver(stack, { from: 'carol@elsewhere.test', to: [user.address], raw: plainMessage('pushed', { subject, to: user.address }) });
      expect((await arrived).path).toBe('INBOX');
    } finally {
      socket.close();
      c.close();
    }
  });

  it('streams an upload chunk of 1 MiB through the proxy (body size limits fit attachments)', async () => {
    const c = viaProxy();
    await c.login(user.address, user.password);
    const size = 1024 * 1024;
    const created = await c.post<{ uploadId: string }>('/api/uploads', { filename: 'big.bin', contentType: 'application/octet-stream', size });
    expect(created.status).toBe(201);
    const put = await c.request('PUT', `/api/uploads/${created.json.uploadId}`, Buffer.alloc(size, 7), {
      'content-type': 'application/octet-stream',
      'upload-offset': '0',
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ received: size, complete: true });
    c.close();
  });
});
