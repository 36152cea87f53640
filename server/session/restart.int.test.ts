import { randomBytes } from 'node:crypto';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { API } from '../../shared/api.js';
import { createUser } from '../../e2e/mailserver/mailstack.js';
import { ApiClient } from '../../e2e/support/api-client.js';
import { appendAll, flagsOf, openProbe } from '../../e2e/support/imap-probe.js';
import { plainMessage } from '../../e2e/support/messages.js';
import { startWebmail, type TestWebmail } from '../../e2e/support/webmail.js';

/**
 * Issue 12 part 1: a restart signs nobody out. The same cookie and CSRF
 * token carry on against a new process on the same data directory; its IMAP
 * connection is reopened from the stored, sealed password.
 */
const stack = inject('mailstack');
const secret = () => randomBytes(32).toString('hex');
let app: TestWebmail;
let user: { address: string; password: string };
let probe: ImapFlow;
let firstSecret: string;

beforeAll(async () => {
  firstSecret = secret();
  app = await startWebmail(stack.env, { WEBMAIL_SESSION_SECRET: firstSecret });
  user = await createUser(stack);
  probe = await openProbe(stack.env, user);
});

afterAll(async () => {
  await probe?.logout();
  await app?.stop();
});

async function signedIn(): Promise<ApiClient> {
  const api = new ApiClient(app.url, app.caPem);
  expect((await api.login(user.address, user.password)).status).toBe(200);
  return api;
}

/** Changes the stored sessions with SQL, as an attacker with the file (or a disk fault) would. */
function editStore(sql: string): void {
  const db = new BetterSqlite3(path.join(app.dataDir, 'webmail.sqlite'));
  try {
    db.prepare(sql).run();
  } finally {
    db.close();
  }
}

describe('sessions across a restart', () => {
  it('the same cookie lists mail and acts (CSRF token too) after a restart, with no new sign-in', async () => {
    const api = await signedIn();
    const [uid] = await appendAll(probe, 'INBOX', [plainMessage('before the restart')]);
    expect((await api.get(API.mailboxes)).status).toBe(200);

    await app.restart();
    expect(app.server.sessions.size).toBe(0); // nothing reconnects until a request needs it

    const who = await api.get<{ user: { address: string } }>(API.session);
    expect(who.status).toBe(200);
    expect(who.json.user.address).toBe(user.address);
    const list = await api.get<{ items: Array<{ uid: number }> }>(`${API.messages}?mailbox=INBOX`);
    expect(list.status).toBe(200);
    expect(list.json.items.map((m) => m.uid)).toContain(uid);
    const acted = await api.post(API.actions, { mailbox: 'INBOX', uids: [uid], action: 'flag' });
    expect(acted.status).toBe(200);
    expect(await flagsOf(probe, 'INBOX', uid!)).toContain('\\Flagged');
    api.close();
  });

  it('sign-out after a restart erases the stored session; the old cookie is refused', async () => {
    const api = await signedIn();
    const cookie = api.sessionCookie!;
    await app.restart();
    expect(app.server.sessions.stored).toBeGreaterThan(0);
    const before = app.server.sessions.stored;
    expect((await api.request('DELETE', API.session)).status).toBe(204);
    expect(app.server.sessions.stored).toBe(before - 1);
    const stale = new ApiClient(app.url, app.caPem);
    expect((await stale.request('GET', API.session, undefined, { cookie })).status).toBe(401);
    stale.close();
    api.close();
  });

  it('a stored session whose sealed password was altered is signed out cleanly: 401, never 500', async () => {
    const api = await signedIn();
    const before = app.server.sessions.stored;
    await app.stop();
    // Flip the GCM tag's bytes: the value no longer opens under any key.
    editStore(`UPDATE sessions SET sealed_password = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' || substr(sealed_password, 45)`);
    await app.restart();
    const res = await api.get<{ error: { code: string } }>(API.mailboxes);
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('NOT_AUTHENTICATED');
    expect(app.server.sessions.stored).toBe(before - 1);
    api.close();
  });

  it('a second process on the same data directory refuses to start, naming it', async () => {
    await expect(startWebmail(stack.env, { WEBMAIL_DATA_DIR: app.dataDir })).rejects.toThrow(`is using the data directory ${app.dataDir}`);
    // The running one is untouched.
    const api = await signedIn();
    expect((await api.get(API.mailboxes)).status).toBe(200);
    api.close();
  });

  it('after a secret rotation the previous secret opens stored sessions; without it they end', async () => {
    const api = await signedIn();
    const rotated = secret();
    await app.restart({ WEBMAIL_SESSION_SECRET: rotated, WEBMAIL_SESSION_PREVIOUS_SECRET: firstSecret });
    expect((await api.get(API.mailboxes)).status).toBe(200);
    // Resealed under the rotated secret: the previous one is no longer needed for this session.
    await app.restart({ WEBMAIL_SESSION_SECRET: rotated });
    expect((await api.get(API.mailboxes)).status).toBe(200);

    const other = await signedIn();
    await app.restart({ WEBMAIL_SESSION_SECRET: secret() });
    expect((await other.get(API.mailboxes)).status).toBe(401);
    api.close();
    other.close();
  });
});
