import type { ImapFlow } from 'imapflow';
import { openAppBrowser, type AppBrowser, type AppBrowserOptions } from '../browser.js';
import { createUser, type MailStack, type TestUser } from '../mailserver/mailstack.js';
import { openProbe } from '../support/imap-probe.js';
import { startWebmail, type TestWebmail } from '../support/webmail.js';

/**
 * What every spec file starts with: its own webmail server, its own mail user
 * (so files never see each other's messages), an independent IMAP probe, and
 * one browser. Created in beforeAll, closed in afterAll, in reverse order.
 */
export interface SpecWorld {
  app: TestWebmail;
  user: TestUser;
  probe: ImapFlow;
  ui: AppBrowser;
  close(): Promise<void>;
}

export async function openWorld(
  stack: MailStack,
  options: AppBrowserOptions & {
    user?: { localPart: string; password: string };
    /** WEBMAIL_* settings for this file's server (e.g. a short undo delay). */
    env?: Record<string, string>;
  } = {},
): Promise<SpecWorld> {
  const opened: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const fn of opened.reverse()) await fn().catch(() => undefined);
  };
  try {
    const app = await startWebmail(stack.env, options.env);
    opened.push(() => app.stop());
    const user = await createUser(stack, options.user ?? {});
    const probe = await openProbe(stack.env, user);
    opened.push(() => probe.logout());
    const ui = await openAppBrowser(app.url, options);
    opened.push(() => ui.close());
    return { app, user, probe, ui, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The path of the folder with this SPECIAL-USE flag (RFC 6154), never a hard-coded name. */
export async function specialUsePath(probe: ImapFlow, flag: '\\Trash' | '\\Junk' | '\\Archive' | '\\Sent' | '\\Drafts'): Promise<string> {
  const list = await probe.list();
  const box = list.find((m) => m.specialUse === flag);
  if (!box) throw new Error(`the test account has no ${flag} folder`);
  return box.path;
}

/** UIDs in `mailbox` whose Subject contains `subject`, seen from the probe. */
export async function findBySubject(probe: ImapFlow, mailbox: string, subject: string): Promise<number[]> {
  const lock = await probe.getMailboxLock(mailbox);
  try {
    return (await probe.search({ subject }, { uid: true })) || [];
  } finally {
    lock.release();
  }
}
