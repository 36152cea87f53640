import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { API, CSRF_HEADER } from '../../shared/api.js';
import { createUser, readDovecotLog } from '../../e2e/mailserver/mailstack.js';
import { ApiClient } from '../../e2e/support/api-client.js';
import { startWebmail, type TestWebmail } from '../../e2e/support/webmail.js';
import { sessionKey, sessionLogId } from '../store/sessions.js';

// DESIGN.md §9: Dovecot sees each browser's address (IMAP ID x-originating-ip,
// from login_trusted_networks = 127.0.0.1 in the test stack), not the
// webmail's. Browsers are other loopback addresses; the webmail connects from 127.0.0.1.
const stack = inject('mailstack');
const A = '127.0.0.6';
const B = '127.0.0.7';
let app: TestWebmail;

beforeAll(async () => {
  app = await startWebmail(stack.env);
});
afterAll(() => app.stop());

const browser = (localAddress: string) => new ApiClient(app.url, app.caPem, { localAddress });

/** The log id Dovecot should show as session=<…> for this client's session. */
function logIdOf(c: ApiClient): string {
  const id = c.sessionCookie!.split('=')[1]!;
  return sessionLogId(sessionKey(id));
}

/** Dovecot's log lines, written since `from`, that name `address`. */
async function linesFor(address: string, from: number, match: RegExp, timeoutMs = 5000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = readDovecotLog(stack).slice(from).split('\n').filter((l) => l.includes(`<${address}>`) && match.test(l));
    if (lines.length || Date.now() > deadline) return lines;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the real client IP at Dovecot', () => {
  it("a webmail login shows in Dovecot's log with the browser's address and the session's log id", async () => {
    const user = await createUser(stack);
    const from = readDovecotLog(stack).length;
    const c = browser(A);
    expect((await c.login(user.address, user.password)).status).toBe(200);
    const [line] = await linesFor(user.address, from, /imap-login: Info: Login:/);
    expect(line).toBeDefined();
    expect(line).toContain(`rip=${A}`);
    expect(line).not.toContain('rip=127.0.0.1,');
    // Dovecot's own session id would be 16 base64 characters; ours is the cookie-independent hex log id.
    expect(line).toContain(`session=<${logIdOf(c)}>`);
    expect(line).not.toContain(c.sessionCookie!.split('=')[1]!);
    c.close();
  });

  it('failed sign-ins from A are held against A, and a right password from B goes through at once', async () => {
    const victim = await createUser(stack);
    const other = await createUser(stack);
    const from = readDovecotLog(stack).length;
    const a = browser(A);
    for (let i = 0; i < 2; i++) expect((await a.login(victim.address, `wrong-${i}`)).status).toBe(401);
    const failures = await linesFor(victim.address, from, /auth failed/);
    expect(failures.length).toBe(2);
    for (const l of failures) {
      expect(l).toContain(`rip=${A}`);
      expect(l).not.toContain('rip=127.0.0.1,');
    }
    const b = browser(B);
    const started = performance.now();
    expect((await b.login(other.address, other.password)).status).toBe(200);
    const ms = performance.now() - started;
    // The test stack turns the penalty off (auth_failure_delay = 0, no anvil-auth-penalty
    // socket), so this time is no measure of it; what is measured is the attribution above.
    console.info(`sign-in from ${B} after 2 failures from ${A}: ${ms.toFixed(0)} ms`);
    expect((await linesFor(other.address, from, /imap-login: Info: Login:/))[0]).toContain(`rip=${B}`);
    a.close();
    b.close();
  });

  it("the per user+IP connection limit counts the browser's address, not the webmail's", async () => {
    // Dovecot 2.3 checks mail_max_userip_connections in the login process with its own
    // settings (a userdb override is not seen there), so this uses the stack's limit.
    const LIMIT = 50; // protocol imap { mail_max_userip_connections } in templates/dovecot.conf
    const user = await createUser(stack);
    const a = browser(A);
    // Each session holds its command connection.
    const fromA: ApiClient[] = [];
    for (let i = 0; i < LIMIT; i++) {
      const c = browser(A);
      expect((await c.login(user.address, user.password)).status).toBe(200);
      fromA.push(c);
    }
    // One more from A is over the limit...
    expect((await a.login(user.address, user.password)).status).not.toBe(200);
    // ...while the same user from B is not: before, every browser was 127.0.0.1 to Dovecot.
    const b = browser(B);
    expect((await b.login(user.address, user.password)).status).toBe(200);
    expect((await b.get(API.mailboxes)).status).toBe(200);
    for (const c of [...fromA, b]) {
      await c.request('DELETE', API.session).catch(() => undefined);
      c.close();
    }
    a.close();
  });

  it('a connection opened later carries the address of the request that needed it', async () => {
    const user = await createUser(stack);
    const c = browser(A);
    expect((await c.login(user.address, user.password)).status).toBe(200);
    const live = app.server.sessions.peek(c.sessionCookie!.split('=')[1]!)!;
    const from = readDovecotLog(stack).length;
    const headers = { cookie: c.sessionCookie!, [CSRF_HEADER]: c.csrfToken! };
    // The same session, now used from B (a roaming browser): drop its command connection
    // as a server restart would; the reconnect this request needs names B.
    const b = browser(B);
    await live.mail.run(async (client) => void client.close(), { retry: false }).catch(() => undefined);
    const res = await b.request('GET', API.mailboxes, undefined, headers);
    expect(res.status).toBe(200);
    const [line] = await linesFor(user.address, from, /imap-login: Info: Login:/);
    expect(line).toContain(`rip=${B}`);
    expect(line).toContain(`session=<${logIdOf(c)}>`);
    b.close();
    c.close();
  });
});
