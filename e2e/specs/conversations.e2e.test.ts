import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConversationPage } from '../pages/ConversationPage.js';
import { LoginPage } from '../pages/LoginPage.js';
import { MailPage } from '../pages/MailPage.js';
import { until } from '../pages/wait.js';
import { appendAll, flagsOf } from '../support/imap-probe.js';
import { plainMessage } from '../support/messages.js';
import { openWorld, specialUsePath, type SpecWorld } from './harness.js';

// Conversations end to end (issue 5 part 1): the switch in the list toolbar,
// a thread row with its count, the thread opened in the list, and the reader's
// stack holding the received messages and the user's own reply from Sent.

const stack = inject('mailstack');
let w: SpecWorld;
let mail: MailPage;
let conv: ConversationPage;
let sentPath: string;
const SUBJECT = 'Weekend hike';
const day = (n: number) => new Date(Date.UTC(2024, 4, n, 9));
const uid = { root: 0, answer: 0, mine: 0, last: 0, other: 0 };

beforeAll(async () => {
  w = await openWorld(stack);
  sentPath = await specialUsePath(w.probe, '\\Sent');
  const me = w.user.address;
  const inbox = await appendAll(w.probe, 'INBOX', [
    plainMessage('Shall we walk up the ridge on Saturday?', { from: 'Ana Lima <ana@elsewhere.example>', to: me, subject: SUBJECT, messageId: '<hike-1@e2e.example>', date: day(1) }),
    plainMessage('Count me in, I will bring the map.', {
      from: 'Ben Ortiz <ben@elsewhere.example>',
      to: me,
      subject: `Re: ${SUBJECT}`,
      messageId: '<hike-2@e2e.example>',
      date: day(2),
      headers: { 'In-Reply-To': '<hike-1@e2e.example>', References: '<hike-1@e2e.example>' },
    }),
    plainMessage('The invoice is attached.', { from: 'Shop <shop@elsewhere.example>', to: me, subject: 'Your invoice', messageId: '<inv@e2e.example>', date: day(3) }),
    // Answers the user's reply, which only Sent holds.
    plainMessage('Great, see you at eight then.', {
      from: 'Ana Lima <ana@elsewhere.example>',
      to: me,
      subject: `Re: ${SUBJECT}`,
      messageId: '<hike-4@e2e.example>',
      date: day(5),
      headers: { 'In-Reply-To': '<hike-3@e2e.example>', References: '<hike-1@e2e.example> <hike-2@e2e.example> <hike-3@e2e.example>' },
    }),
  ]);
  [uid.root, uid.answer, uid.other, uid.last] = inbox as [number, number, number, number];
  const sent = await appendAll(
    w.probe,
    sentPath,
    [
      plainMessage('I can drive, leaving at eight.', {
        from: me,
        to: 'Ana Lima <ana@elsewhere.example>, Ben Ortiz <ben@elsewhere.example>',
        subject: `Re: ${SUBJECT}`,
        messageId: '<hike-3@e2e.example>',
        date: day(4),
        headers: { 'In-Reply-To': '<hike-2@e2e.example>', References: '<hike-1@e2e.example> <hike-2@e2e.example>' },
      }),
    ],
    ['\\Seen'],
  );
  uid.mine = sent[0]!;
  const login = new LoginPage(w.ui.page);
  await login.open();
  await login.signIn(w.user.address, w.user.password);
  mail = new MailPage(w.ui.page);
  conv = new ConversationPage(w.ui.page);
  await mail.list.waitForRows(4);
});

afterAll(async () => {
  await w?.close();
});

describe('conversation view', () => {
  it('groups the list into threads: one row for the hike with its count, one for the invoice', async () => {
    await conv.turnOn();
    await until(() => conv.threadRows.count(), (n) => n === 2, 'two thread rows');
    expect(await conv.threadCount(SUBJECT)).toBe(3);
    expect(await conv.threadCount('Your invoice')).toBe(1);
    expect(await conv.isUnread(SUBJECT)).toBe(true);
    // The row shows the latest message and who took part.
    const row = conv.threadRow(SUBJECT);
    expect(await row.getAttribute('data-uid')).toBe(String(uid.last));
    expect(await row.locator('.thread-participants').innerText()).toBe('Ana, Ben');
    // Newest activity first: the hike had the last word.
    expect(await conv.threadRows.evaluateAll((els) => els.map((el) => el.getAttribute('data-thread-id')))).toEqual([String(uid.root), String(uid.other)]);
  });

  it('opens the thread in the list with its count, and closes it again', async () => {
    await conv.countButton(SUBJECT).click();
    await until(() => conv.members(), (m) => m.length === 3, 'three member rows');
    expect(await conv.members()).toEqual([
      { uid: uid.root, from: 'Ana Lima' },
      { uid: uid.answer, from: 'Ben Ortiz' },
      { uid: uid.last, from: 'Ana Lima' },
    ]);
    expect(await conv.countButton(SUBJECT).getAttribute('aria-expanded')).toBe('true');
    await conv.countButton(SUBJECT).click();
    await until(() => conv.memberRows.count(), (n) => n === 0, 'the member rows to go');
    expect(await conv.countButton(SUBJECT).getAttribute('aria-expanded')).toBe('false');
  });

  it('opens the conversation: received messages and the reply from Sent in one stack, oldest first', async () => {
    await conv.open(SUBJECT);
    await until(() => conv.messages(), (m) => m.length === 4, 'four messages in the stack');
    expect(await conv.subject.innerText()).toBe(SUBJECT);
    const messages = await conv.messages();
    expect(messages.map((m) => [m.path, m.uid, m.sent])).toEqual([
      ['INBOX', uid.root, false],
      ['INBOX', uid.answer, false],
      [sentPath, uid.mine, true],
      ['INBOX', uid.last, false],
    ]);
    // Older messages are header lines; the newest is open.
    expect(messages.map((m) => m.expanded)).toEqual([false, false, false, true]);
    expect(await conv.bodyText(uid.last, 'INBOX')).toContain('Great, see you at eight then.');
  });

  it('a header line opens the user\'s own reply in place', async () => {
    await conv.toggleMessage(uid.mine, sentPath);
    await until(() => conv.messages(), (m) => m[2]!.expanded, 'the reply from Sent to open');
    expect(await conv.bodyText(uid.mine, sentPath)).toContain('I can drive, leaving at eight.');
    await conv.toggleMessage(uid.mine, sentPath);
    await until(() => conv.messages(), (m) => !m[2]!.expanded, 'the reply to close');
  });

  it('reading the conversation marks its messages read, on the server and in the list', async () => {
    await until(() => flagsOf(w.probe, 'INBOX', uid.root), (f) => f?.includes('\\Seen') ?? false, 'the first message to be read on the server');
    expect(await flagsOf(w.probe, 'INBOX', uid.last)).toContain('\\Seen');
    await until(() => conv.isUnread(SUBJECT), (u) => !u, 'the thread row to show as read');
  });

  it('stays on after a reload', async () => {
    await w.ui.page.reload();
    await conv.threadRows.first().waitFor();
    expect(await conv.toggle.getAttribute('aria-pressed')).toBe('true');
    await conv.toggle.click();
    await mail.list.waitForRows(4);
    expect(await conv.threadRows.count()).toBe(0);
  });
});
