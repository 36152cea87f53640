import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LoginPage } from '../pages/LoginPage.js';
import { MailPage } from '../pages/MailPage.js';
import { until } from '../pages/wait.js';
import { appendAll, flagsOf, uidsOf } from '../support/imap-probe.js';
import { htmlMessage, messageWithAttachment, plainMessage } from '../support/messages.js';
import { findBySubject, openWorld, specialUsePath, type SpecWorld } from './harness.js';

// The "Read mail" slice end to end: a real Chromium against the real server
// and the private Dovecot, every effect checked from a second IMAP connection.

const stack = inject('mailstack');
let w: SpecWorld;
let mail: MailPage;

const TRACKER_HOST = 'images.tracker.example';
const TRACKER_PIXEL = `https://${TRACKER_HOST}/pixel.gif?id=42`;
const NEWS = 'news@shop.example';
/** The address the frame asks for an image at once remote images are allowed: the webmail's proxy. */
const proxied = (url: string) => `${w.app.url}/api/remote-image?url=${encodeURIComponent(url)}`;
const toTracker = (u: string) => new URL(u).hostname === TRACKER_HOST;
const attachmentBytes = randomBytes(48_000);
const S = {
  toc: 'Newsletter with a table of contents',
  kb1: 'Keyboard first',
  kb2: 'Keyboard second',
  kb3: 'Keyboard third',
  html: 'Spring newsletter with a tracking pixel',
  attachment: 'Signed contract attached',
  deleteByButton: 'Delete me with the button',
  deleteByKey: 'Delete me with the Delete key',
  toJunk: 'Mark me as spam please',
  tagged: '[SPAM] Cheap watches',
  newsA: 'Shop news, first issue',
  newsB: 'Shop news, second issue',
};
const uid: Record<keyof typeof S, number> = {} as never;

beforeAll(async () => {
  w = await openWorld(stack);
  // Appended oldest first: the list shows newest (highest UID) first.
  const raws: Array<[keyof typeof S, string]> = [
    ['newsA', htmlMessage(`<p>First issue.</p><img src="https://${TRACKER_HOST}/news-a.png" alt="">`, { subject: S.newsA, from: `Shop News <${NEWS}>` })],
    ['newsB', htmlMessage(`<p>Second issue.</p><div style="background: url(https://${TRACKER_HOST}/news-b.png)">b</div>`, { subject: S.newsB, from: `Shop News <${NEWS}>` })],
    ['tagged', plainMessage('Buy now', { subject: S.tagged, headers: { 'X-Spam-Flag': 'YES', 'X-Spam-Status': 'Yes, score=9.1 required=5.0' } })],
    ['toJunk', plainMessage('You have won a prize.', { subject: S.toJunk })],
    ['deleteByKey', plainMessage('Bye by key.', { subject: S.deleteByKey })],
    ['deleteByButton', plainMessage('Bye by button.', { subject: S.deleteByButton })],
    ['attachment', messageWithAttachment('The contract is attached.', { name: 'contract.pdf', type: 'application/pdf', content: attachmentBytes }, { subject: S.attachment })],
    ['html', htmlMessage(`<h1>Spring</h1><p>Our garden is in bloom.</p><img src="https://${TRACKER_HOST}/pixel.gif?id=42" alt="">`, { subject: S.html })],
    ['toc', htmlMessage('<p><a href="#end">Jump to the end</a></p><div style="height:3000px">long</div><p id="end">The end.</p>', { subject: S.toc })],
    ['kb1', plainMessage('First body.', { subject: S.kb1 })],
    ['kb2', plainMessage('Second body.', { subject: S.kb2 })],
    ['kb3', plainMessage('Third body.', { subject: S.kb3 })],
  ];
  const uids = await appendAll(w.probe, 'INBOX', raws.map(([, raw]) => raw));
  raws.forEach(([key], i) => (uid[key] = uids[i]!));

  await new LoginPage(w.ui.page).open();
  await new LoginPage(w.ui.page).signIn(w.user.address, w.user.password);
  mail = new MailPage(w.ui.page);
});

afterAll(async () => {
  await w?.close();
});

describe('reading mail in the browser', () => {
  it('opens the Inbox after sign-in, with one row per message, newest first', async () => {
    await w.ui.page.getByText(w.user.address).waitFor();
    expect(await mail.folders.current()).toBe('Inbox');
    expect(await mail.folders.unread('Inbox')).toBe(12);
    await mail.list.waitForRows(12);
    expect(await mail.list.uids()).toEqual(Object.values(uid).sort((a, b) => b - a));
    // Row marks come from the server's summary, not from the subject text.
    await mail.list.row(S.attachment).getByRole('img', { name: 'Has attachments' }).waitFor();
    await mail.list.row(S.tagged).getByText('Spam', { exact: true }).waitFor();
    expect(await mail.list.row(S.kb1).getByRole('img', { name: 'Has attachments' }).count()).toBe(0);
    expect(await mail.list.isUnread(S.html)).toBe(true);
  });

  it('shows an HTML mail in the sandboxed frame without touching the remote image until asked', async () => {
    const mark = w.ui.recorder.mark();
    await mail.openMessage(S.html);
    await until(() => mail.reader.bodyText(), (t) => t.includes('Our garden is in bloom.'), 'the HTML body inside the frame');
    await mail.reader.remoteImagesBar.waitFor();
    // The frame loaded and laid out; give any image request a moment to be attempted.
    await w.ui.page.waitForTimeout(500);
    expect(w.ui.recorder.matching((u) => u.includes(TRACKER_HOST), mark)).toEqual([]);
    expect(w.ui.recorder.remote()).toEqual([]);
    expect(await mail.reader.frameElement.getAttribute('sandbox')).not.toContain('allow-scripts');

    // Opening it marked it read: in the list, and on the server.
    await until(() => mail.list.isUnread(S.html), (u) => !u, 'the row to show as read');
    await until(() => flagsOf(w.probe, 'INBOX', uid.html), (f) => f?.includes('\\Seen') === true, '\\Seen on the server');

    const before = w.ui.recorder.mark();
    await mail.reader.loadImagesButton.click();
    // The frame asks the webmail's proxy for the image, never the tracker itself.
    await until(() => w.ui.recorder.matching((u) => u === proxied(TRACKER_PIXEL), before).length, (n) => n > 0, 'the proxied image request after "Load images"');
    await mail.reader.remoteImagesBar.waitFor({ state: 'detached' });
    await w.ui.page.waitForTimeout(300);
    expect(w.ui.recorder.matching(toTracker)).toEqual([]);
    expect(w.ui.recorder.remote()).toEqual([]);
    // (The proxy itself refuses this host: .example never resolves to the public internet.)
    expect(await mail.fetchStatus(`/api/remote-image?url=${encodeURIComponent(TRACKER_PIXEL)}`)).toBe(403);
    // Still the same message, still the body.
    expect(await mail.reader.bodyText()).toContain('Our garden is in bloom.');
  });

  it('"Always load from" a sender shows that sender\'s images at once, in later messages too, until stopped', async () => {
    await mail.openMessage(S.newsA);
    await mail.reader.remoteImagesBar.waitFor();
    const before = w.ui.recorder.mark();
    await mail.reader.alwaysLoadButton(NEWS).click();
    await until(() => w.ui.recorder.matching((u) => u === proxied(`https://${TRACKER_HOST}/news-a.png`), before).length, (n) => n > 0, 'the proxied image of the first issue');
    await mail.reader.alwaysLoadNotice.waitFor();
    expect(await w.ui.page.evaluate(async () => (await fetch('/api/remote-senders')).json())).toEqual({ senders: [NEWS] });

    // Another message from the same sender: no bar, its CSS background comes through the proxy without a click.
    const second = w.ui.recorder.mark();
    await mail.openMessage(S.newsB);
    await until(() => w.ui.recorder.matching((u) => u === proxied(`https://${TRACKER_HOST}/news-b.png`), second).length, (n) => n > 0, 'the proxied image of the second issue');
    await mail.reader.alwaysLoadNotice.waitFor();
    expect(await mail.reader.remoteImagesBar.count()).toBe(0);

    await mail.reader.alwaysLoadNotice.getByRole('button', { name: 'Stop loading automatically' }).click();
    await mail.reader.remoteImagesBar.waitFor();
    expect(await w.ui.page.evaluate(async () => (await fetch('/api/remote-senders')).json())).toEqual({ senders: [] });
    expect(w.ui.recorder.matching(toTracker)).toEqual([]);
    expect(w.ui.recorder.remote()).toEqual([]);
  });

  // A srcdoc document resolves "#end" against the parent page: without the
  // sanitiser's about:srcdoc# rewrite the click would load the app into the
  // frame, which X-Frame-Options turns into an error page.
  it('follows a #fragment link inside the message frame', async () => {
    await mail.openMessage(S.toc);
    const frame = mail.reader.frame;
    await frame.getByRole('link', { name: 'Jump to the end' }).click();
    await w.ui.page.waitForTimeout(500);
    const urls = w.ui.page.frames().slice(1).map((f) => f.url());
    expect(urls).toEqual(['about:srcdoc#end']);
  });

  it('downloads an attachment byte for byte', async () => {
    await mail.openMessage(S.attachment);
    await mail.reader.attachments.getByRole('link', { name: 'contract.pdf' }).waitFor();
    const download = await mail.reader.download('contract.pdf');
    expect(download.suggestedFilename()).toBe('contract.pdf');
    const file = await download.path();
    expect(Buffer.compare(await readFile(file), attachmentBytes)).toBe(0);
  });

  it('deletes with the toolbar button and with the Delete key: the row goes, the message is in Trash', async () => {
    const trash = await specialUsePath(w.probe, '\\Trash');

    await mail.openMessage(S.deleteByButton);
    await mail.reader.action('Delete').click();
    await mail.list.waitForGone(S.deleteByButton);
    expect(await mail.routeUid()).toBeNull();

    await mail.openMessage(S.deleteByKey);
    await mail.press('Delete');
    await mail.list.waitForGone(S.deleteByKey);

    await until(() => uidsOf(w.probe, 'INBOX'), (u) => !u.includes(uid.deleteByButton) && !u.includes(uid.deleteByKey), 'both gone from INBOX on the server');
    expect(await findBySubject(w.probe, trash, S.deleteByButton)).toHaveLength(1);
    expect(await findBySubject(w.probe, trash, S.deleteByKey)).toHaveLength(1);
    // The other rows are untouched.
    expect(await mail.list.row(S.kb1).count()).toBe(1);
  });

  it('marks as spam: the row leaves the Inbox and the message shows in Junk with "Not spam"', async () => {
    const junk = await specialUsePath(w.probe, '\\Junk');
    await mail.openMessage(S.toJunk);
    await mail.reader.action('Mark as spam').click();
    await mail.list.waitForGone(S.toJunk);
    await until(() => findBySubject(w.probe, junk, S.toJunk), (u) => u.length === 1, 'the message in Junk on the server');
    expect(await uidsOf(w.probe, 'INBOX')).not.toContain(uid.toJunk);

    await mail.folders.open('Junk');
    await mail.openMessage(S.toJunk);
    await mail.reader.action('Not spam').waitFor();
    await mail.folders.open('Inbox');
    await mail.list.waitForRows(1);
  });

  it('shows the filter verdict on a tagged message: a Spam badge, a banner and "Not spam"', async () => {
    await mail.openMessage(S.tagged);
    await mail.reader.spamBanner.waitFor();
    expect(await mail.reader.spamBanner.textContent()).toContain('spam score 9.1');
    await mail.reader.action('Not spam').waitFor();
    expect(await mail.reader.action('Mark as spam').count()).toBe(0);
  });

  it('moves with j/k and opens with Enter', async () => {
    // A fresh page on the folder with nothing open: the cursor starts on the newest row.
    await mail.gotoFolder('INBOX');
    await w.ui.page.reload();
    await mail.list.waitForRows(5);
    const order = await mail.list.uids();
    expect(order.slice(0, 3)).toEqual([uid.kb3, uid.kb2, uid.kb1]);
    expect(await mail.list.cursorUid()).toBe(uid.kb3);

    await mail.press('j');
    await mail.press('j');
    await until(() => mail.list.cursorUid(), (u) => u === uid.kb1, 'cursor on the third row');
    await mail.press('k');
    await until(() => mail.list.cursorUid(), (u) => u === uid.kb2, 'cursor back on the second row');
    expect(await mail.routeUid()).toBeNull();

    await mail.press('Enter');
    await mail.reader.waitForMessage(S.kb2);
    expect(await mail.routeUid()).toBe(uid.kb2);
    expect(await mail.reader.region.getByText('Second body.').count()).toBe(1);

    // ArrowDown then Enter opens the next one; the reader follows.
    await mail.press('ArrowDown');
    await mail.press('Enter');
    await mail.reader.waitForMessage(S.kb1);
    expect(await mail.routeUid()).toBe(uid.kb1);
  });

  it('signs out: the login form returns and the old session cookie no longer opens the API', async () => {
    const cookies = await w.ui.context.cookies();
    const session = cookies.filter((c) => c.httpOnly);
    expect(session.length).toBeGreaterThan(0);
    expect(await mail.fetchStatus('/api/mailboxes')).toBe(200);

    await mail.signOut();
    const login = new LoginPage(w.ui.page);
    await login.form.waitFor();
    expect(await mail.signOutButton.count()).toBe(0);
    // No mail left on screen for the next person at this computer.
    expect(await w.ui.page.getByRole('listbox', { name: 'Messages' }).count()).toBe(0);
    expect(await mail.fetchStatus('/api/mailboxes')).toBe(401);

    // Replaying the old cookie (as a thief who copied it would) is refused too: the server forgot the session.
    await w.ui.context.addCookies(session.map((c) => ({ name: c.name, value: c.value, url: w.app.url, httpOnly: true, secure: true, sameSite: c.sameSite })));
    expect((await w.ui.context.cookies()).some((c) => c.name === session[0]!.name)).toBe(true);
    expect(await mail.fetchStatus('/api/mailboxes')).toBe(401);
    await w.ui.context.clearCookies();
  });

  it('never sent a request anywhere but the webmail, not even for the images the user allowed', () => {
    expect(w.ui.recorder.matching(toTracker)).toEqual([]);
    expect(w.ui.recorder.remote()).toEqual([]);
    expect(w.ui.dialogs).toEqual([]);
  });
});
