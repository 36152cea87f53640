import type { Locator, Page } from 'playwright-core';
import { FolderPane } from './MailPage.js';
import { until } from './wait.js';

/**
 * Folder management in the folder pane (issue 7 part 4): the "New folder"
 * button, each folder's "Folder actions" menu and its dialogs, dragging
 * messages onto folders, and the quota bar. Reached by accessible names only.
 */
export class FolderManagement {
  readonly pane: FolderPane;
  readonly dialog: Locator;
  readonly quota: Locator;

  constructor(readonly page: Page) {
    this.pane = new FolderPane(page);
    this.dialog = page.getByRole('dialog');
    this.quota = this.pane.nav.getByRole('meter', { name: 'Mailbox storage' });
  }

  /** Any row of the pane with this label: a folder link, or a group that only holds others. */
  entry(label: string): Locator {
    return this.pane.link(label).or(this.pane.nav.locator('.mailbox-group', { hasText: label }));
  }

  /** Opens a folder's "…" menu and picks an item. */
  async choose(label: string, item: string): Promise<void> {
    await this.entry(label).hover();
    await this.pane.nav.getByRole('button', { name: `Folder actions: ${label}`, exact: true }).click();
    await this.pane.nav.getByRole('menuitem', { name: item, exact: true }).click();
  }

  /** Picks a menu item that opens a dialog, and waits for it. */
  async pick(label: string, item: string): Promise<void> {
    await this.choose(label, item);
    await this.dialog.waitFor();
  }

  /** Unsubscribes: the folder leaves the pane (the manager in settings still lists it). */
  async hide(label: string): Promise<void> {
    await this.choose(label, 'Hide from folder list');
  }

  /** Opens the full manager (settings › Folders) from the pane. */
  async openManager(): Promise<void> {
    await this.pane.nav.getByRole('link', { name: 'Manage folders' }).click();
    await this.page.getByRole('heading', { name: 'Folders', level: 2 }).waitFor();
  }

  /** The manager's "show in folder list" switch of a folder. */
  shownInList(label: string): Locator {
    return this.page.getByRole('checkbox', { name: `Show “${label}” in the folder list` });
  }

  private async submit(button: string): Promise<void> {
    await this.dialog.getByRole('button', { name: button, exact: true }).click();
    await until(() => this.dialog.count(), (n) => n === 0, `the dialog to close after "${button}"`);
  }

  async create(name: string, parentLabel?: string): Promise<void> {
    await this.pane.nav.getByRole('button', { name: 'New folder', exact: true }).click();
    await this.dialog.getByLabel('Name', { exact: true }).fill(name);
    if (parentLabel) await this.dialog.getByLabel('Inside').selectOption({ label: parentLabel });
    await this.submit('Create folder');
  }

  async rename(label: string, newName: string): Promise<void> {
    await this.pick(label, 'Rename…');
    await this.dialog.getByLabel('New name').fill(newName);
    await this.submit('Rename');
  }

  /** Deletes through the confirmation; returns what the confirmation said. */
  async delete(label: string): Promise<string> {
    await this.pick(label, 'Delete…');
    const text = (await this.dialog.innerText()).trim();
    await this.submit('Delete folder');
    return text;
  }

  /** Empties Trash or Junk through the confirmation; returns what it said. */
  async empty(label: string): Promise<string> {
    await this.pick(label, `Empty ${label}…`);
    const text = (await this.dialog.innerText()).trim();
    await this.submit(`Empty ${label}`);
    return text;
  }

  /** Drags a message row onto a folder (HTML5 drag and drop, as a mouse does it). */
  async dragOnto(row: Locator, folderLabel: string): Promise<void> {
    await row.dragTo(this.pane.link(folderLabel));
  }

  /** Waits until the pane has (or no longer has) a folder with this label. */
  async waitForFolder(label: string, present = true): Promise<void> {
    await until(() => this.entry(label).count(), (n) => (present ? n > 0 : n === 0), `folder "${label}" ${present ? 'in' : 'gone from'} the pane`);
  }
}
