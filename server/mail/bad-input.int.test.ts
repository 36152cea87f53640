import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API, CSRF_HEADER } from '../../shared/api.js';
import { useUser, useWebmail } from '../../e2e/support/fixtures.js';

// Hostile requests at the HTTP boundary (issue 6, "Bad input"): each gets a clear status, nothing more.

const logFile = path.join(mkdtempSync(path.join(tmpdir(), 'webmail-log-')), 'webmail.log');
const webmail = useWebmail({}, { logFile });
const user = useUser(webmail, { signIn: false });

describe('hostile requests', () => {
  it('an oversized header block is refused with 431 before any route runs', async () => {
    const c = webmail.client();
    const res = await c.request('GET', API.session, undefined, { 'x-padding': 'a'.repeat(20_000) });
    expect(res.status).toBe(431);
    c.close();
  });

  it('an oversized JSON body is 413 MESSAGE_TOO_LARGE, and the session is unharmed', async () => {
    const c = webmail.client();
    await c.login(user.address, user.password);
    const res = await c.request('POST', API.actions, `{"mailbox":"INBOX","uids":[${'1,'.repeat(5_000_000)}1],"action":"flag"}`);
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ error: { code: 'MESSAGE_TOO_LARGE' } });
    expect((await c.get(API.mailboxes)).status).toBe(200);
    c.close();
  });

  it('malformed JSON is 400 VALIDATION_FAILED', async () => {
    const c = webmail.client();
    await c.login(user.address, user.password);
    const res = await c.request('POST', API.actions, '{"mailbox": ', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    c.close();
  });

  it('malformed and forged session cookies are simply not a session', async () => {
    const c = webmail.client();
    for (const cookie of [
      '__Host-webmail-session=',
      '__Host-webmail-session=<script>alert(1)</script>',
      `__Host-webmail-session=${'A'.repeat(43)}`,
      '__Host-webmail-session=%00%0d%0a',
      'garbage;;;==;',
    ]) {
      const res = await c.request('GET', API.mailboxes, undefined, { cookie });
      expect(res.status, cookie).toBe(401);
      expect(res.json).toMatchObject({ error: { code: 'NOT_AUTHENTICATED' } });
    }
    c.close();
  });

  it('a POST without the CSRF token is 403 even with a valid session cookie, and the refusal is logged', async () => {
    const c = webmail.client();
    await c.login(user.address, user.password);
    const res = await c.request('POST', API.actions, { mailbox: 'INBOX', uids: [1], action: 'flag' }, { [CSRF_HEADER]: '' });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { code: 'CSRF_FAILED' } });
    c.close();
    expect(readFileSync(logFile, 'utf8')).toMatch(/"event":"request\.refused","code":"CSRF_FAILED","ip":"127\.0\.0\.1","method":"POST","url":"\/api\/messages\/actions"/);
  });

  it('a spoofed Host header changes nothing: no redirect, no different answer', async () => {
    const c = webmail.client();
    const normal = await c.get('/');
    const spoofed = await c.request('GET', '/', undefined, { host: 'attacker.example', 'x-forwarded-host': 'attacker.example' });
    expect(spoofed.status).toBe(200);
    expect(spoofed.headers.location).toBeUndefined();
    expect(spoofed.body.equals(normal.body)).toBe(true);
    c.close();
  });
});
