import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';
import { API } from '../../shared/api.js';
import { COMPOSE_API, composeLimitsSchema, draftSchema, outboxEntrySchema, outboxListSchema } from '../../shared/compose.js';
import { DEFAULT_SETTINGS, SETTINGS_API, settingsSchema, type Settings, type SettingsPatch } from '../../shared/settings.js';
import { waitForMessage } from '../../e2e/mailserver/mailstack.js';
import { ApiClient } from '../../e2e/support/api-client.js';
import { appendAll, openProbe } from '../../e2e/support/imap-probe.js';
import { plainMessage } from '../../e2e/support/messages.js';
import { draftOf, settled } from '../../e2e/support/compose.js';
import { useUser, useWebmail } from '../../e2e/support/fixtures.js';

// Settings per user (issue 7 parts 3 and 6), through the real server and its
// SQLite file, with logins checked by the real Dovecot and sends delivered by
// the real Postfix.

const stack = inject('mailstack');
/** The admin's WEBMAIL_UNDO_SEND_SECONDS: the default of everyone who never chose. */
const ADMIN_UNDO = 7;
const dataDir = mkdtempSync(path.join(tmpdir(), 'webmail-settings-'));

async function settingsOf(api: ApiClient): Promise<Settings> {
  const res = await api.get(SETTINGS_API.settings);
  expect(res.status).toBe(200);
  // The answer is a whole, valid document, parsed as the client parses it.
  return settingsSchema.strict().parse(res.json);
}

async function patch(api: ApiClient, body: unknown) {
  return api.request<{ error?: { code: string; field?: string } } & Partial<Settings>>('PATCH', SETTINGS_API.settings, body);
}

const webmail = useWebmail({ WEBMAIL_DATA_DIR: dataDir, WEBMAIL_UNDO_SEND_SECONDS: String(ADMIN_UNDO) });
const alice = useUser(webmail, { signIn: false });
const bob = useUser(webmail, { probe: true, signIn: false });

const DEFAULTS: Settings = { ...DEFAULT_SETTINGS, undoSendSeconds: ADMIN_UNDO };
const ALICE: SettingsPatch = { theme: 'dark', language: 'fr', pageSize: 100, timeZone: 'Europe/Paris', dateFormat: 'iso', keyboardShortcuts: false, quoteStyle: 'bottom' };

describe('settings', () => {
  it('answers the defaults, with the admin’s undo delay, to someone who never chose', async () => {
    const api = await webmail.signIn(alice);
    expect(await settingsOf(api)).toEqual(DEFAULTS);
  });

  it('needs a session and the CSRF token', async () => {
    const anonymous = webmail.client();
    expect((await anonymous.get(SETTINGS_API.settings)).status).toBe(401);
    const api = await webmail.signIn(alice);
    const forged = await api.request('PATCH', SETTINGS_API.settings, { theme: 'dark' }, { 'x-csrf-token': 'not-the-token' });
    expect(forged.status).toBe(403);
    expect((await settingsOf(api)).theme).toBe(DEFAULTS.theme);
  });

  it('saves a change, answers the whole document, and keeps it across sign-out and sign-in', async () => {
    const api = await webmail.signIn(alice);
    const res = await patch(api, ALICE);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ...DEFAULTS, ...ALICE });
    // A later PATCH of one field leaves the others as they were.
    expect((await patch(api, { preferHtml: false })).json).toEqual({ ...DEFAULTS, ...ALICE, preferHtml: false });

    expect((await api.request('DELETE', API.session)).status).toBe(204);
    expect((await api.get(SETTINGS_API.settings)).status).toBe(401);
    await api.login(alice.address, alice.password);
    expect(await settingsOf(api)).toEqual({ ...DEFAULTS, ...ALICE, preferHtml: false });
  });

  it('finds the same settings whatever case the address was typed in', async () => {
    const shouting = await webmail.signIn({ address: alice.address.toUpperCase(), password: alice.password });
    expect((await settingsOf(shouting)).theme).toBe('dark');
  });

  it('keeps each user’s settings apart: Bob sees defaults and changes only his own', async () => {
    const a = await webmail.signIn(alice);
    const b = await webmail.signIn(bob);
    const before = await settingsOf(a);
    expect(await settingsOf(b)).toEqual(DEFAULTS);

    expect((await patch(b, { theme: 'light', language: 'en', pageSize: 20 })).status).toBe(200);
    expect(await settingsOf(b)).toEqual({ ...DEFAULTS, theme: 'light', language: 'en', pageSize: 20 });
    expect(await settingsOf(a)).toEqual(before);

    // There is no way to name another user: an owner in the body is an unknown key.
    const sneaky = await patch(b, { owner: alice.address, theme: 'system' });
    expect(sneaky.status).toBe(400);
    expect(sneaky.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'owner' });
    expect(await settingsOf(a)).toEqual(before);
    expect((await settingsOf(b)).theme).toBe('light');
  });

  it.each<[string, unknown, string | undefined]>([
    ['an unknown key', { fontSize: 14 }, 'fontSize'],
    ['a page size below the minimum', { pageSize: 5 }, 'pageSize'],
    ['a page size above the maximum', { pageSize: 201 }, 'pageSize'],
    ['a page size that is text', { pageSize: '50' }, 'pageSize'],
    ['a fractional page size', { pageSize: 50.5 }, 'pageSize'],
    ['an unknown theme', { theme: 'blue' }, 'theme'],
    ['an unknown language', { language: 'de' }, 'language'],
    ['a null', { keyboardShortcuts: null }, 'keyboardShortcuts'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ['an overlong time zone', { timeZone: `Europe/${'x'.repeat(80)}` }, 'timeZone'],
    ['an undo delay over two minutes', { undoSendSeconds: 121 }, 'undoSendSeconds'],
    ['a negative undo delay', { undoSendSeconds: -1 }, 'undoSendSeconds'],
    ['an autosave interval under 2 s', { autosaveSeconds: 1 }, 'autosaveSeconds'],
    ['a date format nobody offers', { dateFormat: 'ymd' }, 'dateFormat'],
    ['an array instead of an object', [{ theme: 'dark' }], undefined],
    ['a good field beside a bad one', { theme: 'light', pageSize: 0 }, 'pageSize'],
  ])('refuses %s with 400 VALIDATION_FAILED and changes nothing', async (_what, body, field) => {
    const api = await webmail.signIn(alice);
    const before = await settingsOf(api);
    const res = await patch(api, body);
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe('VALIDATION_FAILED');
    expect(res.json.error?.field).toBe(field);
    expect(await settingsOf(api)).toEqual(before);
  });

  it('refuses a body that is not JSON', async () => {
    const api = await webmail.signIn(alice);
    const before = await settingsOf(api);
    const res = await api.request<{ error: { code: string } }>('PATCH', SETTINGS_API.settings, '{"theme": "dark"', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    expect(await settingsOf(api)).toEqual(before);
  });

  it('quotes replies in the user’s style', async () => {
    const api = await webmail.signIn(alice);
    const aliceProbe = await openProbe(stack.env, alice);
    try {
      const [uid] = await appendAll(aliceProbe, 'INBOX', [plainMessage('Are we on for Tuesday?', { from: `Bob <${bob.address}>`, to: alice.address, subject: 'Tuesday' })]);
      const prefill = async () => draftSchema.parse((await api.get(`${COMPOSE_API.prefill}?mode=reply&mailbox=INBOX&uid=${uid}`)).json);
      await patch(api, { quoteStyle: 'bottom' });
      const bottom = await prefill();
      expect(bottom.text).toMatch(/^On .+ wrote:\n> Are we on for Tuesday\?\n\n$/);
      await patch(api, { quoteStyle: 'top' });
      expect((await prefill()).text).toMatch(/^\n\nOn .+ wrote:\n> Are we on for Tuesday\?\n$/);
    } finally {
      await aliceProbe.logout();
    }
  });
});

describe('the undo-send delay', () => {
  async function send(api: ApiClient, from: string, subject: string) {
    const t0 = Date.now();
    const res = await api.post(COMPOSE_API.send, { draft: draftOf(from, { subject, to: [{ name: 'Bob', address: bob.address }] }), sendAt: null });
    const t1 = Date.now();
    expect(res.status).toBe(202);
    return { entry: outboxEntrySchema.parse(res.json), t0, t1 };
  }

  function outboxState(id: string): string | undefined {
    const db = new BetterSqlite3(path.join(dataDir, 'webmail.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT state FROM outbox WHERE id = ?').get(id) as { state: string } | undefined)?.state;
    } finally {
      db.close();
    }
  }

  it('is the user’s: 0 sends at once, and Postfix delivers it', async () => {
    const api = await webmail.signIn(alice);
    await patch(api, { undoSendSeconds: 0 });
    expect(composeLimitsSchema.parse((await api.get(COMPOSE_API.limits)).json).undoSeconds).toBe(0);
    const subject = `Undo zero ${Date.now()}`;
    const { entry, t0, t1 } = await send(api, alice.address, subject);
    const at = Date.parse(entry.sendAt);
    expect(at).toBeGreaterThanOrEqual(t0);
    expect(at).toBeLessThanOrEqual(t1);
    expect(await settled(api, entry.id)).toBeNull();
    expect(outboxState(entry.id)).toBe('sent');
    expect(await waitForMessage(stack, bob.address, subject)).toHaveLength(1);
  });

  it('is the user’s: with 30 s the message waits, can be taken back, and never reaches Postfix', async () => {
    const api = await webmail.signIn(alice);
    await patch(api, { undoSendSeconds: 30 });
    const subject = `Undo thirty ${Date.now()}`;
    const { entry, t0, t1 } = await send(api, alice.address, subject);
    const at = Date.parse(entry.sendAt);
    expect(at).toBeGreaterThanOrEqual(t0 + 30_000);
    expect(at).toBeLessThanOrEqual(t1 + 30_000);
    expect(entry.state).toBe('waiting');
    expect(outboxListSchema.parse((await api.get(COMPOSE_API.outbox)).json).entries.map((e) => [e.id, e.state])).toContainEqual([entry.id, 'waiting']);

    const cancel = await api.request<{ draft: { subject: string } }>('DELETE', COMPOSE_API.outboxEntry(entry.id));
    expect(cancel.status).toBe(200);
    expect(cancel.json.draft.subject).toBe(subject);
    expect(outboxState(entry.id)).toBe('cancelled');
    const lock = await bob.probe.getMailboxLock('INBOX');
    try {
      expect(await bob.probe.search({ subject }, { uid: true })).toEqual([]);
    } finally {
      lock.release();
    }
  });

  it('is the admin’s for a user who never chose one', async () => {
    const api = await webmail.signIn(bob);
    await patch(api, { theme: 'dark' });
    const { entry, t0, t1 } = await send(api, bob.address, `Undo default ${Date.now()}`);
    const at = Date.parse(entry.sendAt);
    expect(at).toBeGreaterThanOrEqual(t0 + ADMIN_UNDO * 1000);
    expect(at).toBeLessThanOrEqual(t1 + ADMIN_UNDO * 1000);
    expect((await api.request('DELETE', COMPOSE_API.outboxEntry(entry.id))).status).toBe(200);
  });
});

describe('across a restart', () => {
  it('keeps every user’s settings in the data directory', async () => {
    const before = { alice: await settingsOf(await webmail.signIn(alice)), bob: await settingsOf(await webmail.signIn(bob)) };
    expect(before.alice.theme).toBe('dark');
    await webmail.restart();
    expect(await settingsOf(await webmail.signIn(alice))).toEqual(before.alice);
    expect(await settingsOf(await webmail.signIn(bob))).toEqual(before.bob);
  });
});
