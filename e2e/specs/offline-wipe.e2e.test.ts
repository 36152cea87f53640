import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { LoginPage } from '../pages/LoginPage.js';
import { MailPage } from '../pages/MailPage.js';
import { until } from '../pages/wait.js';
import { appendAll } from '../support/imap-probe.js';
import { plainMessage } from '../support/messages.js';
import { openWorld, type SpecWorld } from './harness.js';

// Sign-out erases the mail saved for offline reading (issue 11): when the
// browser's storage refuses, the person is told, can try again, and the next
// load finishes the wipe. The refusal is made in the page itself: while
// localStorage says so, IndexedDB deletes throw, as a broken database would.

const stack = inject('mailstack');
let w: SpecWorld;
let page: Page;
let mail: MailPage;
let login: LoginPage;
const SUBJECT = 'Saved for the train';
const BREAK = 'e2e.breakIndexedDbDelete';

beforeAll(async () => {
  w = await openWorld(stack);
  await appendAll(w.probe, 'INBOX', [plainMessage('Private words.', { subject: SUBJECT })]);
  page = w.ui.page;
  await page.addInitScript((flag) => {
    const original = IDBObjectStore.prototype.delete;
    IDBObjectStore.prototype.delete = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
      if (localStorage.getItem(flag) === '1') throw new DOMException('The test broke this database.', 'UnknownError');
      return original.call(this, key);
    };
  }, BREAK);
  mail = new MailPage(page);
  login = new LoginPage(page);
});

afterAll(async () => {
  await w?.close();
});

/** Records of the account left in the offline database (its meta rows and its "last account" entry). */
const leftFor = (account: string) =>
  page.evaluate(
    (a) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('webmail-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('meta')) return resolve(0);
          const tx = db.transaction(['meta', 'settings'], 'readonly');
          let n = 0;
          const meta = tx.objectStore('meta').getAll();
          meta.onsuccess = () => (n += (meta.result as Array<{ account: string }>).filter((r) => r.account === a).length);
          const settings = tx.objectStore('settings').getAll();
          settings.onsuccess = () => (n += (settings.result as Array<{ value: string }>).filter((r) => r.value === a).length);
          tx.oncomplete = () => {
            db.close();
            resolve(n);
          };
        };
      }),
    account,
  );

const wipeAlert = () => page.getByRole('alert').filter({ hasText: 'could not be erased' });
const setBroken = (on: boolean) => page.evaluate(([flag, value]) => (value ? localStorage.setItem(flag!, '1') : localStorage.removeItem(flag!)), [BREAK, on ? '1' : ''] as const);
const pendingWipes = () => page.evaluate(() => localStorage.getItem('webmail.pendingWipes'));

async function signInWithSavedMail(): Promise<void> {
  await login.open();
  await login.signIn(w.user.address, w.user.password);
  await mail.list.row(SUBJECT).waitFor();
  await until(() => leftFor(w.user.address), (n) => n > 0, 'the folder list to be saved for offline reading');
}

describe('a sign-out whose wipe the browser refuses', () => {
  it('tells the person the saved mail is still there, and "Try again" keeps saying so while it fails', async () => {
    await signInWithSavedMail();
    await setBroken(true);
    await mail.signOut();
    await login.form.waitFor();
    await wipeAlert().waitFor({ timeout: 15_000 });
    expect(await wipeAlert().textContent()).toContain('Try again, or clear this site');
    expect(await pendingWipes()).toContain(w.user.address);
    expect(await leftFor(w.user.address)).toBeGreaterThan(0);

    await wipeAlert().getByRole('button', { name: 'Try again' }).click();
    await wipeAlert().getByRole('button', { name: 'Erasing…' }).waitFor();
    await wipeAlert().getByRole('button', { name: 'Try again' }).waitFor({ timeout: 15_000 });
    expect(await leftFor(w.user.address)).toBeGreaterThan(0);
  });

  it('finishes the wipe on the next load, before the login form is even used', async () => {
    await setBroken(false);
    await page.reload();
    await login.form.waitFor();
    await until(() => pendingWipes(), (v) => v === null, 'the pending wipe to be done');
    expect(await leftFor(w.user.address)).toBe(0);
    expect(await wipeAlert().count()).toBe(0);
  });

  it('erases the mail when "Try again" is pressed once the storage works again', async () => {
    await signInWithSavedMail();
    await setBroken(true);
    await mail.signOut();
    await wipeAlert().waitFor({ timeout: 15_000 });
    await setBroken(false);
    await wipeAlert().getByRole('button', { name: 'Try again' }).click();
    await until(() => wipeAlert().count(), (n) => n === 0, 'the wipe alert to go');
    expect(await leftFor(w.user.address)).toBe(0);
    expect(await pendingWipes()).toBeNull();
  });
});
