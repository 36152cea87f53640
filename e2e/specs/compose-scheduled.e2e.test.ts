import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser, type TestUser } from '../mailserver/mailstack.js';
import { ComposePage } from '../pages/ComposePage.js';
import { LoginPage } from '../pages/LoginPage.js';
import { until } from '../pages/wait.js';
import { openProbe } from '../support/imap-probe.js';
import { findBySubject, openWorld, type SpecWorld } from './harness.js';

// "Send later" is held by the server: the message waits in the outbox, shows
// in the folder pane's Outbox list after its toast has gone, and can be
// cancelled from there, which reopens it in compose with nothing lost.

const stack = inject('mailstack');
let w: SpecWorld;
let bob: TestUser;

beforeAll(async () => {
  w = await openWorld(stack);
  bob = await createUser(stack);
  await new LoginPage(w.ui.page).open();
  await new LoginPage(w.ui.page).signIn(w.user.address, w.user.password);
});

afterAll(async () => {
  await w?.close();
});

describe('send later', () => {
  it('a scheduled message waits in the Outbox list and can be cancelled from it, back into compose', async () => {
    const page = w.ui.page;
    const subject = `Later ${Date.now()}`;
    const compose = await ComposePage.openNew(page);
    await compose.addRecipients('To', bob.address);
    await compose.setSubject(subject);
    await compose.typeBody('This should go out tomorrow.');
    await page.getByRole('button', { name: 'Send later' }).click();
    // Tomorrow at this time, in the browser's own zone, as the datetime-local input expects.
    const when = await page.evaluate(() => {
      const d = new Date(Date.now() + 24 * 3600_000);
      d.setSeconds(0, 0);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    });
    await page.getByLabel('Send at').fill(when);
    await page.getByRole('button', { name: 'Schedule' }).click();
    await compose.region.waitFor({ state: 'detached' });

    const outbox = page.getByRole('region', { name: 'Outbox' });
    const cancel = outbox.getByRole('button', { name: `Cancel sending ${subject}` });
    await cancel.waitFor({ timeout: 20_000 });
    expect(await outbox.textContent()).toContain('Sends');

    await cancel.click();
    // The window is titled after what the message is: a new message, taken back from the outbox.
    const reopened = new ComposePage(page, 'New message');
    await reopened.ready();
    expect(await reopened.bodyText()).toContain('This should go out tomorrow.');
    expect(await reopened.subject.inputValue()).toBe(subject);
    await until(() => outbox.count(), (n) => n === 0, 'the Outbox list to empty', 20_000);

    // Nothing reached Bob.
    const bobProbe = await openProbe(stack.env, bob);
    try {
      expect(await findBySubject(bobProbe, 'INBOX', subject)).toEqual([]);
    } finally {
      await bobProbe.logout();
    }
  });
});
