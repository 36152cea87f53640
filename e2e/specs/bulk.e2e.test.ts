import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { API } from '../../shared/api.js';
import { seedBulkMailbox } from '../mailserver/mailstack.js';
import { BulkBar } from '../pages/BulkBar.js';
import { LoginPage } from '../pages/LoginPage.js';
import { MailPage } from '../pages/MailPage.js';
import { until } from '../pages/wait.js';
import { appendAll, uidsOf } from '../support/imap-probe.js';
import { plainMessage } from '../support/messages.js';
import { findBySubject, openWorld, specialUsePath, type SpecWorld } from './harness.js';

// Bulk actions (issue 5 part 4) end to end: rows ticked with the mouse, the
// bulk toolbar, Gmail's "select all" banner, and every effect checked from a
// second IMAP connection.

const stack = inject('mailstack');
const HUNDREDS = 'Hundreds';
const HUNDREDS_COUNT = 300;
let w: SpecWorld;
let mail: MailPage;
let bulk: BulkBar;
/** INBOX's test messages, oldest first (the list shows them newest first). */
let inbox: number[];

beforeAll(async () => {
  w = await openWorld(stack);
  inbox = await appendAll(
    w.probe,
    'INBOX',
    Array.from({ length: 8 }, (_, i) => plainMessage(`Body ${i}.`, { subject: `Bulk move candidate ${i}` })),
  );
  await seedBulkMailbox(stack, w.user.address, HUNDREDS, HUNDREDS_COUNT);
  // The seeder leaves older mail read: make the whole folder unread, as another client could.
  const lock = await w.probe.getMailboxLock(HUNDREDS);
  try {
    await w.probe.messageFlagsRemove('1:*', ['\\Seen'], { uid: true });
  } finally {
    lock.release();
  }
  const login = new LoginPage(w.ui.page);
  await login.open();
  await login.signIn(w.user.address, w.user.password);
  mail = new MailPage(w.ui.page);
  bulk = new BulkBar(w.ui.page);
}, 240_000);

afterAll(async () => {
  await w?.close();
});

describe('bulk actions', () => {
  it('ticks rows with click and shift-click, and moves them to another folder with the toolbar', async () => {
    await mail.folders.open('Inbox');
    await mail.list.waitForRows(inbox.length);
    // Newest first: candidates 6, 5, 4, 3 are four adjacent rows.
    const chosen = [inbox[6]!, inbox[5]!, inbox[4]!, inbox[3]!];
    await bulk.tick(chosen[0]!);
    await bulk.tickRangeTo(chosen[3]!);
    await bulk.waitForCount(4);
    expect(await bulk.tickedUids()).toEqual(chosen);
    // A tick is a selection, not an open: no message was opened.
    expect(await mail.routeUid()).toBeNull();

    const archive = await specialUsePath(w.probe, '\\Archive');
    await bulk.moveTo('Archive');
    for (const uid of chosen) await until(() => mail.list.rowByUid(uid).count(), (c) => c === 0, `row ${uid} to leave the list`);
    // The rest stayed, and nothing is selected any more.
    for (const uid of [inbox[7]!, inbox[2]!]) expect(await mail.list.rowByUid(uid).count()).toBe(1);
    expect(await bulk.toolbar.count()).toBe(0);

    await until(() => uidsOf(w.probe, 'INBOX'), (uids) => chosen.every((u) => !uids.includes(u)), 'the moved messages to leave INBOX on the server');
    for (const i of [3, 4, 5, 6]) expect(await findBySubject(w.probe, archive, `Bulk move candidate ${i}`)).toHaveLength(1);
    for (const i of [0, 1, 2, 7]) expect(await findBySubject(w.probe, 'INBOX', `Bulk move candidate ${i}`)).toHaveLength(1);

    await mail.folders.open('Archive');
    await until(() => mail.list.rows.count(), (c) => c === 4, 'the four moved messages in Archive');
  });

  it('selects all of a folder of a few hundred through the banner and marks them read, with progress', async () => {
    await mail.folders.open(HUNDREDS);
    await mail.list.waitForRows(5);
    expect(await mail.folders.unread(HUNDREDS)).toBe(HUNDREDS_COUNT);

    await bulk.pageBox.check();
    // The pages on screen are ticked; the banner offers the whole folder.
    await bulk.selectAllButton(HUNDREDS_COUNT, HUNDREDS).click();
    await bulk.allSelectedNote(HUNDREDS_COUNT, HUNDREDS).waitFor();
    await bulk.waitForCount(HUNDREDS_COUNT);

    // Record every progress bar the page shows, however briefly (no timing involved).
    await w.ui.page.evaluate(() => {
      const seen: Array<{ value: string | null; max: string | null }> = [];
      (window as unknown as { bulkBars: typeof seen }).bulkBars = seen;
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('.bulk-progress progress')) seen.push({ value: bar.getAttribute('value'), max: bar.getAttribute('max') });
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const [request] = await Promise.all([
      w.ui.page.waitForRequest((r) => new URL(r.url()).pathname === API.bulk),
      bulk.action('Mark read').click(),
    ]);
    expect(request.postDataJSON()).toEqual({ mailbox: HUNDREDS, action: 'markRead', selection: { kind: 'all' } });
    await bulk.finished(HUNDREDS_COUNT).waitFor();
    const bars = await w.ui.page.evaluate(() => (window as unknown as { bulkBars: Array<{ value: string | null; max: string | null }> }).bulkBars);
    expect(bars.length).toBeGreaterThan(0);

    // Every message is read on the server, and the list and the folder count say so.
    const lock = await w.probe.getMailboxLock(HUNDREDS);
    try {
      await w.probe.noop();
      expect(await w.probe.search({ seen: false }, { uid: true })).toEqual([]);
    } finally {
      lock.release();
    }
    await until(() => mail.folders.unread(HUNDREDS), (n) => n === 0, 'the unread count to drop to 0');
    await until(() => mail.list.listbox.locator('[data-unread]').count(), (n) => n === 0, 'no row to show as unread');
    // Done: nothing is selected any more.
    expect(await bulk.toolbar.count()).toBe(0);
  });
});
