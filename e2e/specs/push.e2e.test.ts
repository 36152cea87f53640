import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deliver } from '../mailserver/mailstack.js';
import { LoginPage } from '../pages/LoginPage.js';
import { MailPage } from '../pages/MailPage.js';
import { plainMessage } from '../support/messages.js';
import { openWorld, type SpecWorld } from './harness.js';

// New mail pushed into the open list, and a list that catches up after the
// browser was offline, both without a click or a reload.
const stack = inject('mailstack');
let w: SpecWorld;
let mail: MailPage;

const send = (subject: string) =>
  deliver(stack, { from: 'alice@example.test', to: [w.user.address], raw: plainMessage('pushed', { subject, to: w.user.address }) });

beforeAll(async () => {
  w = await openWorld(stack);
  await deliver(stack, { from: 'alice@example.test', to: [w.user.address], raw: plainMessage('first', { subject: 'Already here', to: w.user.address }) });
  await new LoginPage(w.ui.page).open();
  await new LoginPage(w.ui.page).signIn(w.user.address, w.user.password);
  mail = new MailPage(w.ui.page);
  await mail.list.row('Already here').waitFor();
});

afterAll(async () => {
  await w?.close();
});

describe('live push in the browser', () => {
  it('shows mail delivered through SMTP in the open list without any click, and counts it in the tab title', async () => {
    const page = w.ui.page;
    await page.waitForTimeout(500); // let the socket connect and IDLE start
    await send('Delivered while watching');
    await mail.list.row('Delivered while watching').waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => document.title.startsWith('(2) Inbox'), undefined, { timeout: 10_000 });
    expect(await mail.folders.unread('Inbox')).toBe(2);
  });

  it('shows "Reconnecting…" while offline, then catches up with what arrived meanwhile', async () => {
    const page = w.ui.page;
    await w.ui.context.setOffline(true);
    const notice = page.getByRole('status').filter({ hasText: 'Reconnecting…' });
    await notice.waitFor({ timeout: 10_000 });
    for (const i of [1, 2, 3]) await send(`While offline ${i}`);
    await page.waitForTimeout(1500);
    expect(await mail.list.row('While offline 1').count()).toBe(0);
    await w.ui.context.setOffline(false);
    for (const i of [1, 2, 3]) await mail.list.row(`While offline ${i}`).waitFor({ timeout: 20_000 });
    await notice.waitFor({ state: 'detached', timeout: 20_000 });
    // No duplicate rows after the catch-up.
    const uids = await mail.list.uids();
    expect(new Set(uids).size).toBe(uids.length);
    expect(uids.length).toBe(5);
  });
});
