import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { openAppBrowser, type AppBrowser } from '../browser.js';
import { createUser, waitForMessage, type TestUser } from '../mailserver/mailstack.js';
import { ComposePage, SendToast } from '../pages/ComposePage.js';
import { LoginPage } from '../pages/LoginPage.js';
import { MailPage } from '../pages/MailPage.js';
import { until } from '../pages/wait.js';
import { flagsOf, openProbe } from '../support/imap-probe.js';
import { freePort, startWebmail, type TestWebmail } from '../support/webmail.js';
import { findBySubject, openWorld, specialUsePath, type SpecWorld } from './harness.js';

// Compose and send end to end (issue 3): a real Chromium types into the real
// compose window, the real server submits to the private Postfix with AUTH,
// and every effect is checked from outside: IMAP probes, doveadm, a second
// browser logged in as the recipient.

const stack = inject('mailstack');
const UNDO_SECONDS = 3;
const files = mkdtempSync(path.join(tmpdir(), 'compose-e2e-'));
const tag = () => randomBytes(3).toString('hex');

/** Alice's world (server with a short undo delay, her browser, her probe); Bob gets a browser and a probe of his own. */
let w: SpecWorld;
let alice: TestUser;
let bob: TestUser;
let bobProbe: ImapFlow;
let bobUi: AppBrowser;
let mail: MailPage;

/** What the first test sent, for the reply test. */
const sent = { subject: '', bytes: Buffer.alloc(0) };

beforeAll(async () => {
  w = await openWorld(stack, { env: { WEBMAIL_UNDO_SEND_SECONDS: String(UNDO_SECONDS) } });
  alice = w.user;
  bob = await createUser(stack);
  bobProbe = await openProbe(stack.env, bob);
  bobUi = await openAppBrowser(w.app.url);
  await new LoginPage(w.ui.page).open();
  await new LoginPage(w.ui.page).signIn(alice.address, alice.password);
  mail = new MailPage(w.ui.page);
});

afterAll(async () => {
  await bobUi?.close();
  await bobProbe?.logout().catch(() => undefined);
  await w?.close();
});

/** A message-ID as the probe reads it from the envelope, with its angle brackets. */
async function messageIdOf(probe: ImapFlow, mailbox: string, uid: number): Promise<string> {
  const lock = await probe.getMailboxLock(mailbox);
  try {
    await probe.noop();
    const msg = await probe.fetchOne(String(uid), { envelope: true }, { uid: true });
    if (!msg || !msg.envelope?.messageId) throw new Error(`no Message-ID on ${mailbox}/${uid}`);
    return msg.envelope.messageId;
  } finally {
    lock.release();
  }
}

async function headersOf(probe: ImapFlow, mailbox: string, uid: number, names: string[]): Promise<string> {
  const lock = await probe.getMailboxLock(mailbox);
  try {
    await probe.noop();
    const msg = await probe.fetchOne(String(uid), { headers: names }, { uid: true });
    if (!msg || !msg.headers) throw new Error(`no headers on ${mailbox}/${uid}`);
    // Unfold continuation lines so a long References reads as one line.
    return msg.headers.toString('utf8').replace(/\r?\n[ \t]+/g, ' ');
  } finally {
    lock.release();
  }
}

async function sourceOf(probe: ImapFlow, mailbox: string, uid: number): Promise<string> {
  const lock = await probe.getMailboxLock(mailbox);
  try {
    await probe.noop();
    const msg = await probe.fetchOne(String(uid), { source: true }, { uid: true });
    if (!msg || !msg.source) throw new Error(`no source for ${mailbox}/${uid}`);
    return msg.source.toString('utf8');
  } finally {
    lock.release();
  }
}

/**
 * Proves a negative with a deadline: after `ms`, nothing with this subject is in Bob's INBOX.
 * Read once through the probe rather than by polling doveadm, which spawns a process per look.
 */
async function expectNothingReachesBob(subject: string, ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  const lock = await bobProbe.getMailboxLock('INBOX');
  try {
    await bobProbe.noop();
    expect((await bobProbe.search({ subject }, { uid: true })) || []).toEqual([]);
  } finally {
    lock.release();
  }
}

describe('compose and send in the browser', () => {
  it('sends a message with an attachment: "Message sent", a copy in Sent, and Bob downloads the file byte for byte', async () => {
    const subject = `Quarterly figures ${tag()}`;
    const bytes = randomBytes(300_000);
    const file = path.join(files, 'figures.bin');
    writeFileSync(file, bytes);

    const compose = await ComposePage.openNew(w.ui.page);
    // The limit is said before anything is attached.
    await compose.region.getByText(/^Attachments up to /).waitFor();
    await compose.addRecipients('To', bob.address);
    expect(await compose.isChipInvalid(bob.address)).toBe(false);
    await compose.setSubject(subject);
    await compose.typeBody('Hello Bob, the figures are attached.');
    await compose.attach(file);
    await compose.progress('figures.bin').waitFor();
    await compose.waitForUploads();

    const toast = await compose.sendAndLeave();
    // The server holds it for the undo delay first.
    expect(await toast.text()).toMatch(/^Sending in \d s…$/);
    await toast.undoButton.waitFor();
    await toast.waitForSent();
    expect(w.ui.dialogs).toEqual([]);
    // Dismissed: the toast sits where the next compose window has its Send button.
    await toast.dismiss();

    // Alice's Sent folder in the UI shows it.
    await mail.folders.open('Sent');
    await mail.list.row(subject).waitFor();
    await mail.openMessage(subject);
    await mail.reader.attachments.getByRole('link', { name: 'figures.bin' }).waitFor();

    // Bob's INBOX has it (delivered through Postfix and LMTP) …
    const [uid] = await waitForMessage(stack, bob.address, subject);
    expect(uid).toBeGreaterThan(0);
    // … and, logged in as Bob, the attachment downloads byte for byte.
    const bobLogin = new LoginPage(bobUi.page);
    await bobLogin.open();
    await bobLogin.signIn(bob.address, bob.password);
    const bobMail = new MailPage(bobUi.page);
    await bobMail.openMessage(subject);
    await until(() => bobMail.reader.bodyText(), (t) => t.includes('Hello Bob, the figures are attached.'), "the body in Bob's reader");
    const download = await bobMail.reader.download('figures.bin');
    expect(Buffer.compare(readFileSync(await download.path()), bytes)).toBe(0);
    // Only after sending is the draft gone from Drafts.
    expect(await findBySubject(w.probe, await specialUsePath(w.probe, '\\Drafts'), subject)).toEqual([]);
    sent.subject = subject;
    sent.bytes = bytes;
  });

  it('undo: the message comes back to the compose window as it was typed, and nothing reaches Bob', async () => {
    const subject = `Second thoughts ${tag()}`;
    const body = 'On reflection, let us not say this.';
    const compose = await ComposePage.openNew(w.ui.page);
    await compose.addRecipients('To', bob.address);
    await compose.setSubject(subject);
    await compose.typeBody(body);
    // The server answered at `answered`; it holds the message UNDO_SECONDS from then.
    const [answer] = await Promise.all([
      w.ui.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/send' && r.request().method() === 'POST'),
      compose.send(),
    ]);
    const answered = Date.now();
    expect(answer.status()).toBe(202);
    await compose.region.waitFor({ state: 'detached' });
    const toast = new SendToast(w.ui.page);
    await toast.undo();
    expect(Date.now() - answered).toBeLessThan(UNDO_SECONDS * 1000);

    // The compose window reopens with what was typed (the server handed the draft back).
    const back = await new ComposePage(w.ui.page, 'New message').ready();
    expect(await back.subject.inputValue()).toBe(subject);
    expect(await back.bodyText()).toContain(body);
    await back.region.getByRole('button', { name: `Remove ${bob.address}`, exact: true }).waitFor();

    // Past the delay and a margin, still nothing at Bob's, nor in Alice's Sent.
    await expectNothingReachesBob(subject, UNDO_SECONDS * 1000 + 5_000);
    expect(await findBySubject(w.probe, await specialUsePath(w.probe, '\\Sent'), subject)).toEqual([]);
    await back.closeButton.click();
    await back.region.waitFor({ state: 'detached' });
  });

  it('reply: Bob replies in his browser; it threads under the original in Alice\'s INBOX and the original gets \\Answered', async () => {
    expect(sent.subject, 'the first test sent the message this one replies to').not.toBe('');
    const bobMail = new MailPage(bobUi.page);
    const [origUid] = await waitForMessage(stack, bob.address, sent.subject);
    const origId = await messageIdOf(bobProbe, 'INBOX', origUid!);

    await bobMail.openMessage(sent.subject);
    const reply = await ComposePage.openFromReader(bobUi.page, 'Reply');
    // Prefilled: back to Alice, "Re:" subject, the original quoted.
    await reply.region.getByRole('button', { name: `Remove ${alice.address}`, exact: true }).waitFor();
    expect(await reply.subject.inputValue()).toBe(`Re: ${sent.subject}`);
    expect(await reply.bodyText()).toContain('Hello Bob, the figures are attached.');
    await reply.typeBodyAtStart('Thanks Alice, got them. ');
    const toast = await reply.sendAndLeave();
    await toast.waitForSent();

    const [replyUid] = await waitForMessage(stack, alice.address, `Re: ${sent.subject}`);
    const headers = await headersOf(w.probe, 'INBOX', replyUid!, ['in-reply-to', 'references']);
    expect(headers).toMatch(new RegExp(`^In-Reply-To: ${escape(origId)}\\s*$`, 'im'));
    expect(headers).toMatch(new RegExp(`^References: .*${escape(origId)}`, 'im'));
    expect(await sourceOf(w.probe, 'INBOX', replyUid!)).toContain('Thanks Alice, got them.');
    await until(() => flagsOf(bobProbe, 'INBOX', origUid!), (f) => f?.includes('\\Answered') === true, "\\Answered on Bob's original");

    // Alice sees the reply in her Inbox (a reload: new mail is not pushed yet).
    await mail.folders.open('Inbox');
    await w.ui.page.reload();
    await mail.list.row(`Re: ${sent.subject}`).waitFor();
    await mail.openMessage(`Re: ${sent.subject}`);
    await until(() => mail.reader.bodyText(), (t) => t.includes('Thanks Alice, got them.'), 'the reply in Alice\'s reader');
  });

  it('refuses to send to an invalid address, says which one, and sends nothing', async () => {
    const subject = `Typo ${tag()}`;
    const compose = await ComposePage.openNew(w.ui.page);
    await compose.addRecipients('To', bob.address, 'bob@@example');
    expect(await compose.isChipInvalid('bob@@example')).toBe(true);
    expect(await compose.isChipInvalid(bob.address)).toBe(false);
    await compose.setSubject(subject);
    await compose.typeBody('This should not leave.');
    const mark = w.ui.recorder.mark();
    await compose.send();
    await compose.alert.waitFor();
    expect(await compose.alert.textContent()).toBe('Fix the address marked in red before sending: bob@@example.');
    expect(w.ui.recorder.matching((u) => new URL(u).pathname === '/api/send', mark)).toEqual([]);
    // The window stays, with everything typed.
    expect(await compose.subject.inputValue()).toBe(subject);

    // Without any recipient at all, another sentence.
    await compose.region.getByRole('button', { name: 'Remove bob@@example', exact: true }).click();
    await compose.region.getByRole('button', { name: `Remove ${bob.address}`, exact: true }).click();
    await compose.send();
    await until(() => compose.alert.textContent(), (t) => t === 'Add at least one recipient.', 'the no-recipient alert');
    expect(w.ui.recorder.matching((u) => new URL(u).pathname === '/api/send', mark)).toEqual([]);
    await expectNothingReachesBob(subject, 2_000);
    await compose.discardButton.click();
    await compose.region.waitFor({ state: 'detached' });
  });

  it('warns about an .exe attachment and suggests zipping it', async () => {
    const exe = path.join(files, 'setup.exe');
    writeFileSync(exe, Buffer.concat([Buffer.from('MZ'), randomBytes(2_000)]));
    const compose = await ComposePage.openNew(w.ui.page);
    await compose.attach(exe);
    await compose.attachment('setup.exe').getByText('Mail servers often refuse .exe files; zip it first').waitFor();
    await compose.discardButton.click();
    await compose.region.waitFor({ state: 'detached' });
  });
});

describe('nothing typed is lost when the link dies mid-compose', () => {
  // A server of its own on a fixed port and data directory, so it can be
  // stopped and started again at the same origin (the browser's local copy is
  // kept per origin), and a browser of its own (cookies ignore the port).
  let app: TestWebmail;
  let ui: AppBrowser;
  let user: TestUser;
  let env: Record<string, string>;

  beforeAll(async () => {
    const port = await freePort();
    env = {
      WEBMAIL_HTTPS_PORT: String(port),
      WEBMAIL_PUBLIC_HOST: `127.0.0.1:${port}`,
    };
    app = await startWebmail(stack.env, env);
    user = await createUser(stack);
    ui = await openAppBrowser(app.url);
  });

  afterAll(async () => {
    await ui?.close();
    await app?.stop();
  });

  it('keeps the draft on the device while offline and while the server is down, offers it back, and saves all of it', async () => {
    const subject = `Hotel wifi ${tag()}`;
    const parts = ['Typed while online. ', 'Typed with the network gone. ', 'Typed with the server stopped.'];
    const login = new LoginPage(ui.page);
    await login.open();
    await login.signIn(user.address, user.password);

    const compose = await ComposePage.openNew(ui.page);
    await compose.addRecipients('To', bob.address);
    await compose.setSubject(subject);
    await compose.typeBody(parts[0]!);
    await compose.waitForSaveStatus('Saved');

    // The link drops: the next autosave fails and says so; the words stay on the device.
    await ui.context.setOffline(true);
    await compose.typeBody(parts[1]!);
    await compose.waitForSaveStatus('Offline — saved on this device');

    // The link returns but the webmail server is gone: still kept locally.
    await app.stop();
    await ui.context.setOffline(false);
    await compose.typeBody(parts[2]!);
    await compose.waitForSaveStatus('Offline — saved on this device');
    expect(await compose.bodyText()).toBe(parts.join(''));

    // The server comes back (same origin, new process: the session is gone) and the page is reloaded.
    app = await startWebmail(stack.env, env);
    await ui.page.goto('/#/');
    await login.form.waitFor();
    await login.signIn(user.address, user.password);
    const offer = ui.page.getByRole('region', { name: 'Unsent drafts' });
    await offer.waitFor();
    expect(await offer.textContent()).toContain(subject);
    await offer.getByRole('button', { name: 'Restore unsent draft' }).click();

    const restored = await new ComposePage(ui.page, 'New message').ready();
    expect(await restored.subject.inputValue()).toBe(subject);
    expect(await restored.bodyText()).toBe(parts.join(''));
    await restored.region.getByRole('button', { name: `Remove ${bob.address}`, exact: true }).waitFor();

    // Closing saves it to the Drafts mailbox: one copy, with every word.
    await restored.closeButton.click();
    await restored.region.waitFor({ state: 'detached' });
    // The probe connects only now: an IMAP connection idle through this long test can be cut by
    // a mail stack restart from another test run sharing the stack.
    const probe = await openProbe(stack.env, user);
    onTestFinished(() => probe.logout().catch(() => undefined));
    const drafts = await specialUsePath(probe, '\\Drafts');
    const uids = await until(() => findBySubject(probe, drafts, subject), (u) => u.length > 0, 'the draft in Drafts');
    const saved = await simpleParser(await sourceOf(probe, drafts, uids[uids.length - 1]!));
    expect(saved.subject).toBe(subject);
    expect(saved.text?.replace(/\s+/g, ' ').trim()).toBe(parts.join(''));
    // Each save replaced the one before: the copy saved before the link dropped is gone.
    await until(() => findBySubject(probe, drafts, subject), (u) => u.length === 1, 'exactly one copy in Drafts');
    expect(ui.dialogs).toEqual([]);
  });
});

describe('an attachment over the limit is refused before it is uploaded', () => {
  let app: TestWebmail;
  let ui: AppBrowser;
  let user: TestUser;

  beforeAll(async () => {
    app = await startWebmail(stack.env, { WEBMAIL_MAX_MESSAGE_MB: '1' });
    user = await createUser(stack);
    ui = await openAppBrowser(app.url);
    await new LoginPage(ui.page).open();
    await new LoginPage(ui.page).signIn(user.address, user.password);
  });

  afterAll(async () => {
    await ui?.close();
    await app?.stop();
  });

  it('says the limit up front, refuses a 900 KB file with a sentence, and sends no byte of it', async () => {
    const big = path.join(files, 'scan.pdf');
    writeFileSync(big, randomBytes(900_000));
    const compose = await ComposePage.openNew(ui.page);
    const limit = compose.region.getByText(/^Attachments up to /);
    await limit.waitFor();
    // 1 MB of message is about 670 KB of files once base64 is counted.
    expect(await limit.textContent()).toBe('Attachments up to 673 KB');
    const mark = ui.recorder.mark();
    await compose.attach(big);
    const item = compose.attachment('scan.pdf');
    await item.getByRole('alert').waitFor();
    expect(await item.getByRole('alert').textContent()).toBe('scan.pdf: This is larger than the mail server accepts.');
    expect(await compose.progress('scan.pdf').count()).toBe(0);
    expect(ui.recorder.matching((u) => new URL(u).pathname.startsWith('/api/uploads'), mark)).toEqual([]);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
