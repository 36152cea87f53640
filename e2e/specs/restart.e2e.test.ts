import { randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser, waitForMessage, type TestUser } from '../mailserver/mailstack.js';
import { ComposePage } from '../pages/ComposePage.js';
import { LoginPage } from '../pages/LoginPage.js';
import { openWorld, type SpecWorld } from './harness.js';
import { openProbe } from '../support/imap-probe.js';

// Issue 12: a restart signs nobody out. A person types into the compose
// window, the server restarts under them (as an upgrade or `systemctl
// restart` would), typing goes on, the message sends, and the login form
// never appears.

const stack = inject('mailstack');
let w: SpecWorld;
let bob: TestUser;

beforeAll(async () => {
  w = await openWorld(stack, { env: { WEBMAIL_UNDO_SEND_SECONDS: '1' } });
  bob = await createUser(stack);
  await new LoginPage(w.ui.page).open();
  await new LoginPage(w.ui.page).signIn(w.user.address, w.user.password);
});

afterAll(async () => {
  await w?.close();
});

describe('a server restart under an open tab', () => {
  it('typing goes on through the restart, the message sends, and nobody signs in again', async () => {
    const subject = `Through the restart ${randomBytes(3).toString('hex')}`;
    const compose = await ComposePage.openNew(w.ui.page);
    await compose.addRecipients('To', bob.address);
    await compose.setSubject(subject);
    await compose.typeBody('Typed before the restart.');

    // The restart runs while the person keeps typing.
    const restarting = w.app.restart();
    await compose.typeBody(' Typed during it.');
    await restarting;
    await compose.typeBody(' Typed after it.');

    const toast = await compose.sendAndLeave();
    await toast.waitForSent(60_000);
    expect(await new LoginPage(w.ui.page).isShown()).toBe(false);

    const [uid] = await waitForMessage(stack, bob.address, subject);
    const probe = await openProbe(stack.env, bob);
    try {
      const lock = await probe.getMailboxLock('INBOX');
      try {
        const msg = await probe.fetchOne(String(uid), { source: true }, { uid: true });
        const parsed = await simpleParser(msg && msg.source ? msg.source : Buffer.alloc(0));
        expect(parsed.text?.replace(/\s+/g, ' ')).toContain('Typed before the restart. Typed during it. Typed after it.');
      } finally {
        lock.release();
      }
    } finally {
      await probe.logout();
    }
    // Still signed in after a reload too: the session is the stored one.
    await w.ui.page.reload();
    await w.ui.page.getByRole('button', { name: 'New message' }).waitFor();
    expect(await new LoginPage(w.ui.page).isShown()).toBe(false);
  });
});
