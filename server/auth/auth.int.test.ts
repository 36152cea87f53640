import { describe, expect, inject, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { API, CSRF_HEADER } from '../../shared/api.js';
import { createUser } from '../../e2e/mailserver/mailstack.js';
import { ApiClient } from '../../e2e/support/api-client.js';
import { freePort, startWebmail } from '../../e2e/support/webmail.js';
import { useUser, useWebmail } from '../../e2e/support/fixtures.js';

const stack = inject('mailstack');

const webmail = useWebmail({ WEBMAIL_LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
const user = useUser(webmail, { signIn: false });


describe('login against the real Dovecot', () => {
  it('a right password opens a session with a __Host- cookie that is HttpOnly, Secure and SameSite', async () => {
    const c = webmail.client();
    const res = await c.login(user.address, user.password);
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-webmail-session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Domain=/i);
    const who = await c.get<{ user: { address: string } }>(API.session);
    expect(who.status).toBe(200);
    expect(who.json.user.address).toBe(user.address);
    c.close();
  });

  it('a wrong password answers 401 AUTH_FAILED with a sentence, and no cookie', async () => {
    const other = await createUser(stack);
    const res = await webmail.client().login(other.address, 'not-the-password');
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ error: { code: 'AUTH_FAILED' } });
    expect((res.json as { error: { message: string } }).error.message.length).toBeGreaterThan(10);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('an unknown account gets exactly the same answer as a wrong password (no enumeration)', async () => {
    const res = await webmail.client().login(`nobody-${Date.now()}@example.test`, 'whatever');
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ error: { code: 'AUTH_FAILED', message: 'The address or password is not correct.' } });
  });

  it('throttles an account after repeated failures, even for the right password, with Retry-After', async () => {
    const victim = await createUser(stack);
    for (let i = 0; i < 3; i++) expect((await webmail.client().login(victim.address, `wrong-${i}`)).status).toBe(401);
    const res = await webmail.client().login(victim.address, victim.password);
    expect(res.status).toBe(429);
    expect(res.json).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('throttles an IP that guesses across many accounts, with the same generic answer', async () => {
    const strict = await startWebmail(stack.env, { WEBMAIL_LOGIN_MAX_FAILURES_PER_IP: '3' });
    try {
      const c = new ApiClient(strict.url, strict.caPem);
      for (let i = 0; i < 3; i++) expect((await c.login(`guess-${i}-${Date.now()}@example.test`, 'x')).status).toBe(401);
      // A fourth account, even a real one with its right password, is refused from this IP for now.
      const res = await c.login(user.address, user.password);
      expect(res.status).toBe(429);
      expect(res.json).toMatchObject({ error: { code: 'RATE_LIMITED', message: 'Too many failed sign-in attempts; wait and try again.' } });
      c.close();
    } finally {
      await strict.stop();
    }
  });

  it('validates the login body at the boundary', async () => {
    const res = await webmail.client().post(API.session, { address: 'not-an-address', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'address' } });
    const form = await webmail.client().request('POST', API.session, 'address=a%40b&password=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(400);
  });

  it('a new session id at every login: a planted cookie never becomes a session (no fixation)', async () => {
    const c = webmail.client();
    await c.login(user.address, user.password);
    const first = c.sessionCookie;
    await c.login(user.address, user.password);
    expect(c.sessionCookie).not.toBe(first);
    // the first id is dead
    const stale = webmail.client();
    const res = await stale.request('GET', API.session, undefined, { cookie: first! });
    expect(res.status).toBe(401);
  });

  it('logout ends the session and its IMAP connection', async () => {
    const c = webmail.client();
    await c.login(user.address, user.password);
    const before = webmail.app.server.sessions.size;
    const out = await c.request('DELETE', API.session);
    expect(out.status).toBe(204);
    expect(webmail.app.server.sessions.size).toBe(before - 1);
    expect((await c.get(API.mailboxes)).json).toMatchObject({ error: { code: 'NOT_AUTHENTICATED' } });
  });
});

describe('request protection', () => {
  it('every API call without a session is 401 NOT_AUTHENTICATED', async () => {
    const res = await webmail.client().get(API.mailboxes);
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ error: { code: 'NOT_AUTHENTICATED' } });
  });

  it('state-changing requests without the CSRF token are refused', async () => {
    const c = webmail.client();
    await c.login(user.address, user.password);
    const res = await c.request('POST', API.actions, { mailbox: 'INBOX', uids: [1], action: 'flag' }, { [CSRF_HEADER]: 'forged' });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { code: 'CSRF_FAILED' } });
    const none = await c.request('DELETE', API.session, undefined, { [CSRF_HEADER]: '' });
    expect(none.status).toBe(403);
  });

  it('requests from another site are refused even with a valid token', async () => {
    const c = webmail.client();
    await c.login(user.address, user.password);
    const res = await c.request('POST', API.actions, { mailbox: 'INBOX', uids: [1], action: 'flag' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { code: 'FORBIDDEN_ORIGIN' } });
    const login = await webmail.client().request('POST', API.session, { address: user.address, password: user.password }, { 'sec-fetch-site': 'cross-site' });
    expect(login.status).toBe(403);
  });

  it('sends a strict CSP and the hardening headers on every answer', async () => {
    const res = await webmail.client().get('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('an unknown API path is 404 with a code', async () => {
    const c = webmail.client();
    await c.login(user.address, user.password);
    const res = await c.get('/api/nope');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('plain HTTP', () => {
  it('redirects every path to the configured https:// host, ignoring the Host header', async () => {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http.get(`${webmail.app.httpUrl}/some/path?x=1`, { headers: { host: 'evil.example' } }, resolve).on('error', reject),
    );
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe(`${webmail.app.url}/some/path?x=1`);
    res.resume();
  });
});

describe('when the IMAP server cannot be used', () => {
  /** Logs in through a separate webmail started with `env`, and stops it. */
  async function loginThrough(env: Record<string, string>) {
    const other = await startWebmail(env);
    try {
      return await new ApiClient(other.url, other.caPem).login(user.address, user.password);
    } finally {
      await other.stop();
    }
  }

  it('IMAP server down → 503 IMAP_UNAVAILABLE', async () => {
    const res = await loginThrough({ ...stack.env, WEBMAIL_IMAP_PORT: String(await freePort()) });
    expect(res.status).toBe(503);
    expect(res.json).toMatchObject({ error: { code: 'IMAP_UNAVAILABLE' } });
  });

  it('certificates are verified: without the CA file the self-signed IMAP server is refused', async () => {
    const { WEBMAIL_IMAP_CA_FILE: _ca, ...withoutCa } = stack.env;
    const res = await loginThrough(withoutCa);
    expect(res.status).toBe(503);
    expect(res.json).toMatchObject({ error: { code: 'IMAP_UNAVAILABLE' } });
  });

  it('a STARTTLS-stripping man in the middle gets no password: the login fails closed', async () => {
    // A hostile network's answer: a server that simply does not offer STARTTLS.
    const received: string[] = [];
    const mitm = net.createServer((socket) => {
      socket.write('* OK IMAP4rev1 ready\r\n');
      socket.on('data', (chunk) => {
        for (const line of chunk.toString('utf8').split('\r\n').filter(Boolean)) {
          received.push(line);
          const [tag, command] = line.split(' ');
          if (command?.toUpperCase() === 'CAPABILITY') socket.write(`* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n${tag} OK done\r\n`);
          else socket.write(`${tag} BAD no\r\n`);
        }
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => mitm.listen(0, '127.0.0.1', resolve));
    try {
      const port = (mitm.address() as net.AddressInfo).port;
      const res = await loginThrough({ ...stack.env, WEBMAIL_IMAP_PORT: String(port), WEBMAIL_IMAP_SECURITY: 'starttls' });
      expect(res.status).toBe(503);
      expect(res.json).toMatchObject({ error: { code: 'IMAP_UNAVAILABLE' } });
      expect(received.some((l) => /CAPABILITY/i.test(l))).toBe(true); // it did talk to us…
      expect(received.join('\n')).not.toContain(user.password); // …but never sent the password
      expect(received.some((l) => /\b(LOGIN|AUTHENTICATE)\b/i.test(l))).toBe(false);
    } finally {
      mitm.close();
    }
  });

  it('STARTTLS on the plain port works when configured', async () => {
    const res = await loginThrough({ ...stack.env, WEBMAIL_IMAP_PORT: String(stack.imapStarttlsPort), WEBMAIL_IMAP_SECURITY: 'starttls' });
    expect(res.status).toBe(200);
  });
});
