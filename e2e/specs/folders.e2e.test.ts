import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FolderManagement } from '../pages/FolderManagement.js';
import { LoginPage } from '../pages/LoginPage.js';
import { MailPage } from '../pages/MailPage.js';
import { until } from '../pages/wait.js';
import { appendAll } from '../support/imap-probe.js';
import { plainMessage } from '../support/messages.js';
import { findBySubject, openWorld, specialUsePath, type SpecWorld } from './harness.js';

// Folder management in Chromium: every change seen in the pane, and on the
// server through an independent IMAP connection.
const stack = inject('mailstack');
let w: SpecWorld;
let mail: MailPage;
let folders: FolderManagement;

const DRAGGED = 'Boarding pass for Thursday';

/** The probe's LIST: path → subscribed. */
async function serverFolders(): Promise<Map<string, boolean>> {
  const list = await w.probe.list();
  return new Map(list.filter((e) => !e.flags.has('\\NonExistent')).map((e) => [e.path, e.subscribed === true]));
}

const onServer = (path: string, present = true) =>
  until(serverFolders, (l) => l.has(path) === present, `"${path}" ${present ? 'on' : 'gone from'} the server`);

beforeAll(async () => {
  w = await openWorld(stack);
  await appendAll(w.probe, 'INBOX', [plainMessage('Seat 14A.', { subject: DRAGGED }), plainMessage('Hello.', { subject: 'Stays in the Inbox' })]);
  await new LoginPage(w.ui.page).open();
  await new LoginPage(w.ui.page).signIn(w.user.address, w.user.password);
  mail = new MailPage(w.ui.page);
  folders = new FolderManagement(w.ui.page);
  await mail.list.waitForRows(2);
});

afterAll(async () => {
  await w?.close();
});

describe('managing folders in the folder pane', () => {
  it('creates a folder, at the top level and inside another, with a non-ASCII name', async () => {
    await folders.create('Receipts');
    await folders.waitForFolder('Receipts');
    await onServer('Receipts');
    expect((await serverFolders()).get('Receipts')).toBe(true);

    await folders.create('Reçus 2026', 'Receipts');
    await folders.waitForFolder('Reçus 2026');
    await onServer('Receipts/Reçus 2026');
  });

  it('says why a name is refused and keeps the dialog with what was typed', async () => {
    await w.ui.page.getByRole('navigation', { name: 'Mailboxes' }).getByRole('button', { name: 'New folder', exact: true }).click();
    await folders.dialog.getByLabel('Name', { exact: true }).fill('a/b');
    await folders.dialog.getByRole('button', { name: 'Create folder' }).click();
    await folders.dialog.getByRole('alert').filter({ hasText: 'folder separator' }).waitFor();
    expect(await folders.dialog.getByLabel('Name', { exact: true }).inputValue()).toBe('a/b');
    await folders.dialog.getByRole('button', { name: 'Cancel' }).click();
    await until(() => folders.dialog.count(), (n) => n === 0, 'the dialog to close');
    expect([...(await serverFolders()).keys()].some((p) => p.includes('a/b'))).toBe(false);
  });

  it('renames it; the subfolder goes along', async () => {
    await folders.rename('Receipts', 'Invoices');
    await folders.waitForFolder('Invoices');
    await folders.waitForFolder('Receipts', false);
    await onServer('Invoices/Reçus 2026');
    await onServer('Receipts', false);
  });

  it('deletes it after a confirmation that names what goes with it', async () => {
    await appendAll(w.probe, 'Invoices', [plainMessage('old', { subject: 'An old invoice' })]);
    await w.ui.page.reload(); // the pane learns of mail added behind its back at its next refresh
    await folders.waitForFolder('Invoices');
    const said = await folders.delete('Invoices');
    expect(said).toContain('The folder “Invoices” and the message in it will be deleted.');
    expect(said).toContain('Its subfolder goes too');
    await folders.waitForFolder('Invoices', false);
    await onServer('Invoices', false);
    expect([...(await serverFolders()).keys()].filter((p) => p.startsWith('Invoices'))).toEqual([]);
  });

  it('drags a message row onto a folder: it leaves the list and is in that folder', async () => {
    await folders.create('Travel');
    await folders.waitForFolder('Travel');
    await mail.folders.open('Inbox');
    await folders.dragOnto(mail.list.row(DRAGGED), 'Travel');
    await mail.list.waitForGone(DRAGGED);
    await mail.list.row('Stays in the Inbox').waitFor();
    await until(() => findBySubject(w.probe, 'Travel', DRAGGED), (uids) => uids.length === 1, 'the message in Travel on the server');
    expect(await findBySubject(w.probe, 'INBOX', DRAGGED)).toEqual([]);
    await mail.folders.open('Travel');
    await mail.list.row(DRAGGED).waitFor();
  });

  it('empties Trash after a confirmation that names the count', async () => {
    const trash = await specialUsePath(w.probe, '\\Trash');
    await appendAll(w.probe, trash, [plainMessage('x'), plainMessage('y')]);
    await w.ui.page.reload();
    await folders.waitForFolder('Trash');
    const said = await folders.empty('Trash');
    expect(said).toContain('All 2 messages in Trash will be deleted for good.');
    await until(async () => (await w.probe.status(trash, { messages: true })) || null, (s) => s?.messages === 0, 'Trash empty on the server');
  });

  it('hides an unsubscribed folder from the pane; the manager still lists it', async () => {
    await mail.folders.open('Inbox'); // the open folder always shows, subscribed or not
    await folders.hide('Travel');
    await until(async () => (await serverFolders()).get('Travel'), (s) => s === false, 'Travel unsubscribed on the server');
    await folders.waitForFolder('Travel', false);
    await folders.openManager();
    const show = folders.shownInList('Travel');
    expect(await show.isChecked()).toBe(false);
    await show.check();
    await until(async () => (await serverFolders()).get('Travel'), (s) => s === true, 'Travel subscribed again on the server');
  });

  it('shows the quota the server reports', async () => {
    const theirs = await w.probe.getQuota('INBOX');
    if (!theirs || !theirs.storage?.limit) throw new Error('the test Dovecot should report a storage quota');
    await mail.gotoFolder('INBOX');
    await folders.quota.waitFor();
    expect(await folders.quota.getAttribute('aria-valuetext')).toMatch(/ of 1\.0 GB used \(\d+%\)$/);
  });
});
