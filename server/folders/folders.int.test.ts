import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { API } from '../../shared/api.js';
import type { ApiError } from '../../shared/errors.js';
import { FOLDERS_API, type Quota } from '../../shared/folders.js';
import type { MailboxList, MessagePage } from '../../shared/mail.js';
import { appendAll } from '../../e2e/support/imap-probe.js';
import { plainMessage } from '../../e2e/support/messages.js';
import { connected, nextEvent, pushClient, type TestSocket } from '../../e2e/support/push-client.js';
import { quoted, rawImap } from '../../e2e/support/raw-imap.js';
import { useUser, useWebmail } from '../../e2e/support/fixtures.js';

// Folder management against the real Dovecot; every change is checked from an
// independent IMAP connection, and the non-ASCII case from the raw wire.
const stack = inject('mailstack');

const webmail = useWebmail();
const me = useUser(webmail, { probe: true });

/** What the probe's LIST shows: path → subscribed (LIST-EXTENDED RETURN (SUBSCRIBED), RFC 5258). */
async function probeList(): Promise<Map<string, boolean>> {
  const entries = await me.probe.list();
  return new Map(entries.filter((e) => !e.flags.has('\\NonExistent')).map((e) => [e.path, e.subscribed === true]));
}

/** The names a raw LSUB or LIST answer lists, as sent (quoted or atom), quotes removed. */
function wireNames(answer: string): string[] {
  return [...answer.matchAll(/^\* (?:LIST|LSUB) \([^)]*\) (?:"[^"]*"|NIL) (?:"((?:[^"\\]|\\.)*)"|(\S+))\r$/gm)].map((m) => m[1] ?? m[2]!);
}

const lsub = async () => wireNames((await rawImap(stack.env, me, ['LSUB "" "*"']))[0]!);

async function specialPath(flag: string): Promise<string> {
  const found = (await me.probe.list()).find((e) => e.specialUse === flag);
  if (!found) throw new Error(`no ${flag} folder`);
  return found.path;
}

/** STATUS MESSAGES from the probe (RFC 3501 §6.3.10). */
async function messageCount(path: string): Promise<number> {
  const status = await me.probe.status(path, { messages: true });
  if (!status || status.messages === undefined) throw new Error(`no STATUS for ${path}`);
  return status.messages;
}

const errorCode = (res: { json: unknown }) => (res.json as ApiError).error.code;

describe('create, rename, move, delete, subscribe', () => {
  it('creates a top-level folder and one inside it, both subscribed', async () => {
    const top = await me.api.post(FOLDERS_API.create, { parent: null, name: 'Projects' });
    expect(top.status).toBe(200);
    expect(top.json).toEqual({ path: 'Projects' });
    const child = await me.api.post(FOLDERS_API.create, { parent: 'Projects', name: '  Alpha ' });
    expect(child.json).toEqual({ path: 'Projects/Alpha' });
    const list = await probeList();
    expect(list.get('Projects')).toBe(true);
    expect(list.get('Projects/Alpha')).toBe(true);
  });

  it('renames in place; the subfolder and its subscription go along', async () => {
    await me.api.post(FOLDERS_API.create, { parent: 'Projects/Alpha', name: 'Notes' });
    const res = await me.api.post(FOLDERS_API.rename, { path: 'Projects/Alpha', newName: 'Beta' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ path: 'Projects/Beta' });
    const list = await probeList();
    expect(list.has('Projects/Alpha')).toBe(false);
    expect(list.get('Projects/Beta')).toBe(true);
    expect(list.get('Projects/Beta/Notes')).toBe(true);
    // The subscriptions moved with them, none left behind under the old name.
    const subscribed = await lsub();
    expect(subscribed).toEqual(expect.arrayContaining(['Projects/Beta', 'Projects/Beta/Notes']));
    expect(subscribed.filter((p) => p.startsWith('Projects/Alpha'))).toEqual([]);
  });

  it('moves to the top level and back under another parent, keeping its messages', async () => {
    const [uid] = await appendAll(me.probe, 'Projects/Beta', [plainMessage('kept', { subject: 'Moved along' })]);
    expect(uid).toBeGreaterThan(0);
    expect((await me.api.post(FOLDERS_API.move, { path: 'Projects/Beta', newParent: null })).json).toEqual({ path: 'Beta' });
    expect((await probeList()).has('Beta/Notes')).toBe(true);
    expect(await messageCount('Beta')).toBe(1);
    expect((await me.api.post(FOLDERS_API.move, { path: 'Beta', newParent: 'Projects' })).json).toEqual({ path: 'Projects/Beta' });
    const list = await probeList();
    expect(list.has('Beta')).toBe(false);
    expect(list.has('Projects/Beta/Notes')).toBe(true);
  });

  it('refuses to move a folder inside itself', async () => {
    const res = await me.api.post(FOLDERS_API.move, { path: 'Projects', newParent: 'Projects/Beta/Notes' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'newParent' } });
    expect((await probeList()).has('Projects/Beta/Notes')).toBe(true);
  });

  it('unsubscribes and subscribes, as LSUB shows', async () => {
    expect(await lsub()).toContain('Projects/Beta');
    const off = await me.api.post(FOLDERS_API.subscribe, { path: 'Projects/Beta', subscribed: false });
    expect(off.json).toEqual({ path: 'Projects/Beta', subscribed: false });
    expect(await lsub()).not.toContain('Projects/Beta');
    expect((await probeList()).get('Projects/Beta')).toBe(false);
    const mailboxes = (await me.api.get<MailboxList>(API.mailboxes)).json.mailboxes;
    expect(mailboxes.find((m) => m.path === 'Projects/Beta')?.subscribed).toBe(false);
    await me.api.post(FOLDERS_API.subscribe, { path: 'Projects/Beta', subscribed: true });
    expect(await lsub()).toContain('Projects/Beta');
  });

  it('deletes a folder with its subfolders and their messages, deepest first', async () => {
    const res = await me.api.post(FOLDERS_API.delete, { path: 'Projects' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ deleted: ['Projects/Beta/Notes', 'Projects/Beta', 'Projects'] });
    const list = await probeList();
    expect([...list.keys()].filter((p) => p.startsWith('Projects'))).toEqual([]);
    expect((await lsub()).filter((p) => p.startsWith('Projects'))).toEqual([]);
  });

  it('an unknown folder is MAILBOX_NOT_FOUND', async () => {
    expect(errorCode(await me.api.post(FOLDERS_API.delete, { path: 'Nowhere' }))).toBe('MAILBOX_NOT_FOUND');
    expect(errorCode(await me.api.post(FOLDERS_API.create, { parent: 'Nowhere', name: 'X' }))).toBe('MAILBOX_NOT_FOUND');
  });
});

describe('non-ASCII names travel as modified UTF-7 (RFC 3501 §5.1.3)', () => {
  it('creates "Reçus/Été 2026" and "Факты", shown in UTF-8 by the API and &-encoded on the wire', async () => {
    expect((await me.api.post(FOLDERS_API.create, { parent: null, name: 'Reçus' })).json).toEqual({ path: 'Reçus' });
    expect((await me.api.post(FOLDERS_API.create, { parent: 'Reçus', name: 'Été 2026' })).json).toEqual({ path: 'Reçus/Été 2026' });
    expect((await me.api.post(FOLDERS_API.create, { parent: null, name: 'Факты' })).json).toEqual({ path: 'Факты' });

    // The raw LIST, no library decoding it: ç = U+00E7 → "&AOc-", É → "&AMk-", é → "&AOk-".
    const [list] = await rawImap(stack.env, me, ['LIST "" "*"']);
    expect(wireNames(list!)).toEqual(expect.arrayContaining(['Re&AOc-us', 'Re&AOc-us/&AMk-t&AOk- 2026', '&BCQEMAQ6BEIESw-']));
    expect(list).not.toMatch(/\P{ASCII}/u);

    const mailboxes = (await me.api.get<MailboxList>(API.mailboxes)).json.mailboxes;
    expect(mailboxes.find((m) => m.path === 'Reçus/Été 2026')).toMatchObject({ name: 'Été 2026', parentPath: 'Reçus', subscribed: true, selectable: true });
    expect(mailboxes.find((m) => m.path === 'Факты')).toMatchObject({ name: 'Факты' });
  });

  it('a message in "Факты" lists through the API, and the folder renames to another non-ASCII name', async () => {
    await appendAll(me.probe, 'Факты', [plainMessage('да', { subject: 'Privet' })]);
    const page = await me.api.get<MessagePage>(`${API.messages}?mailbox=${encodeURIComponent('Факты')}`);
    expect(page.json.items.map((m) => m.subject)).toEqual(['Privet']);
    expect((await me.api.post(FOLDERS_API.rename, { path: 'Факты', newName: 'Ещё' })).json).toEqual({ path: 'Ещё' });
    const [status] = await rawImap(stack.env, me, [`STATUS ${quoted('&BBUESQRR-')} (MESSAGES)`]);
    expect(status).toMatch(/\* STATUS "?&BBUESQRR-"? \(MESSAGES 1\)/);
  });

  it('decomposed input is stored composed (NFC), so it is the same folder, not a look-alike', async () => {
    const res = await me.api.post(FOLDERS_API.create, { parent: null, name: 'Reçus'.normalize('NFD') });
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe('FOLDER_EXISTS');
  });
});

describe('bad names get a clear code and change nothing', () => {
  const unchanged = async (fn: () => Promise<void>) => {
    const before = [...(await probeList()).keys()].sort();
    await fn();
    expect([...(await probeList()).keys()].sort()).toEqual(before);
  };

  it('a name with the hierarchy delimiter is FOLDER_INVALID_NAME (nesting is chosen with the parent)', async () => {
    await unchanged(async () => {
      const res = await me.api.post(FOLDERS_API.create, { parent: null, name: 'a/b' });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'FOLDER_INVALID_NAME', field: 'name' } });
      expect(errorCode(await me.api.post(FOLDERS_API.rename, { path: 'Reçus', newName: 'x/y' }))).toBe('FOLDER_INVALID_NAME');
    });
  });

  it('empty, blank, "INBOX" at the top level, wildcards: FOLDER_INVALID_NAME', async () => {
    await unchanged(async () => {
      for (const name of ['', '   ', 'inbox', 'a%', 'b*']) {
        expect(errorCode(await me.api.post(FOLDERS_API.create, { parent: null, name })), name).toBe('FOLDER_INVALID_NAME');
      }
    });
  });

  it('a name this server cannot store (Dovecot maildir++: ".") is refused by the server and mapped to FOLDER_INVALID_NAME', async () => {
    await unchanged(async () => {
      expect(errorCode(await me.api.post(FOLDERS_API.create, { parent: null, name: 'v1.2' }))).toBe('FOLDER_INVALID_NAME');
    });
  });

  it('an existing name is FOLDER_EXISTS, for create, rename and move', async () => {
    await me.api.post(FOLDERS_API.create, { parent: null, name: 'Taken' });
    await me.api.post(FOLDERS_API.create, { parent: 'Reçus', name: 'Taken' });
    await unchanged(async () => {
      const res = await me.api.post(FOLDERS_API.create, { parent: null, name: 'Taken' });
      expect(res.status).toBe(409);
      expect(errorCode(res)).toBe('FOLDER_EXISTS');
      expect(errorCode(await me.api.post(FOLDERS_API.rename, { path: 'Ещё', newName: 'Taken' }))).toBe('FOLDER_EXISTS');
      expect(errorCode(await me.api.post(FOLDERS_API.move, { path: 'Reçus/Taken', newParent: null }))).toBe('FOLDER_EXISTS');
    });
  });

  it('a request without the fields is VALIDATION_FAILED', async () => {
    expect(errorCode(await me.api.post(FOLDERS_API.create, { name: 'x' }))).toBe('VALIDATION_FAILED');
    expect(errorCode(await me.api.post(FOLDERS_API.rename, { path: 'Taken' }))).toBe('VALIDATION_FAILED');
    expect(errorCode(await me.api.post(FOLDERS_API.subscribe, { path: 'Taken', subscribed: 'yes' }))).toBe('VALIDATION_FAILED');
  });
});

describe('protected folders', () => {
  it('INBOX and the special-use folders cannot be renamed, moved or deleted', async () => {
    const sent = await specialPath('\\Sent');
    const trash = await specialPath('\\Trash');
    const archive = await specialPath('\\Archive');
    const before = [...(await probeList()).keys()].sort();
    const attempts = [
      me.api.post(FOLDERS_API.rename, { path: sent, newName: 'Outbox' }),
      me.api.post(FOLDERS_API.delete, { path: trash }),
      me.api.post(FOLDERS_API.move, { path: archive, newParent: 'Reçus' }),
      me.api.post(FOLDERS_API.delete, { path: 'INBOX' }),
      me.api.post(FOLDERS_API.rename, { path: 'INBOX', newName: 'Old' }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(409);
      expect(errorCode(res)).toBe('FOLDER_PROTECTED');
    }
    expect([...(await probeList()).keys()].sort()).toEqual(before);
  });
});

describe('empty Trash and Junk', () => {
  it('expunges everything in Trash, by UID set; STATUS shows 0', async () => {
    const trash = await specialPath('\\Trash');
    await appendAll(me.probe, trash, [1, 2, 3].map((i) => plainMessage(`t${i}`)));
    const count = await messageCount(trash);
    expect(count).toBeGreaterThanOrEqual(3);
    const res = await me.api.post(FOLDERS_API.empty, { path: trash });
    expect(res.json).toEqual({ path: trash, expunged: count });
    expect(await messageCount(trash)).toBe(0);
    // Again, on an empty folder: nothing to do.
    expect((await me.api.post(FOLDERS_API.empty, { path: trash })).json).toEqual({ path: trash, expunged: 0 });
  });

  it('empties Junk too', async () => {
    const junk = await specialPath('\\Junk');
    await appendAll(me.probe, junk, [plainMessage('spam')]);
    expect((await me.api.post(FOLDERS_API.empty, { path: junk })).json).toMatchObject({ expunged: 1 });
    expect(await messageCount(junk)).toBe(0);
  });

  it('refuses INBOX and ordinary folders, losing nothing', async () => {
    await appendAll(me.probe, 'INBOX', [plainMessage('keep me')]);
    await appendAll(me.probe, 'Taken', [plainMessage('keep me too')]);
    const inbox = await messageCount('INBOX');
    for (const path of ['INBOX', 'Taken']) {
      const res = await me.api.post(FOLDERS_API.empty, { path });
      expect(res.status).toBe(409);
      expect(errorCode(res)).toBe('FOLDER_PROTECTED');
    }
    expect(await messageCount('INBOX')).toBe(inbox);
    expect(await messageCount('Taken')).toBe(1);
  });
});

describe('quota', () => {
  it('equals what GETQUOTAROOT INBOX tells the probe', async () => {
    const theirs = await me.probe.getQuota('INBOX');
    if (!theirs || !theirs.storage?.limit) throw new Error('the test Dovecot should report a storage quota');
    expect(theirs.storage.usage).toBeGreaterThan(0);
    const res = await me.api.get<{ quota: Quota }>(FOLDERS_API.quota);
    expect(res.status).toBe(200);
    expect(res.json.quota).toEqual({ usedBytes: theirs.storage.usage, limitBytes: theirs.storage.limit });
    // The wire says KiB (RFC 9208 §5.1): the limit configured for the test stack is 1 GiB.
    const [raw] = await rawImap(stack.env, me, ['GETQUOTAROOT INBOX']);
    expect(raw).toMatch(/\* QUOTA "User quota" \(STORAGE \d+ 1048576\)/);
    expect(res.json.quota!.limitBytes).toBe(1048576 * 1024);
  });
});

describe('push', () => {
  it("tells the account's other sessions that the folder list changed", async () => {
    const other = await webmail.signIn(me);
    const socket: TestSocket = pushClient(webmail.app.url, webmail.app.caPem, { cookie: other.sessionCookie });
    onTestFinished(() => void socket.close());
    await connected(socket);
    const changed = nextEvent(socket, 'mailboxes:changed');
    expect((await me.api.post(FOLDERS_API.create, { parent: null, name: 'Announced' })).status).toBe(200);
    await expect(changed).resolves.toEqual({});
  });
});
