import type { Locator, Page } from 'playwright-core';
import { literal, until } from './wait.js';

/**
 * The bulk selection above the list (client/src/components/bulk): row boxes,
 * the "select page" box, the select-all banner, the toolbar and its progress.
 * Reached by accessible names (the English strings of the `bulk` namespace).
 */
export class BulkBar {
  readonly listbox: Locator;
  readonly pageBox: Locator;
  readonly toolbar: Locator;
  readonly progressBar: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.listbox = page.getByRole('listbox', { name: 'Messages' });
    this.pageBox = page.getByRole('checkbox', { name: 'Select page', exact: true });
    this.toolbar = page.getByRole('toolbar', { name: 'Bulk actions' });
    this.progressBar = page.getByRole('progressbar', { name: 'Progress of the bulk action' });
    this.count = page.locator('.bulk-count');
  }

  /** The box of the row showing this message. */
  rowBox(uid: number): Locator {
    return this.listbox.locator(`[role="option"][data-uid="${uid}"]`).getByRole('checkbox');
  }

  /** Ticks one row, as a click on its box. */
  async tick(uid: number): Promise<void> {
    await this.rowBox(uid).click();
  }

  /** Shift-click: ticks every row from the last ticked one to this one. */
  async tickRangeTo(uid: number): Promise<void> {
    await this.rowBox(uid).click({ modifiers: ['Shift'] });
  }

  /** The UIDs of rendered rows that are ticked, top to bottom. */
  async tickedUids(): Promise<number[]> {
    const rows = await this.listbox.locator('[role="option"][data-checked]').evaluateAll((els) =>
      els.map((el) => ({ uid: Number(el.getAttribute('data-uid')), pos: Number(el.getAttribute('aria-posinset')) })),
    );
    return rows.sort((a, b) => a.pos - b.pos).map((r) => r.uid);
  }

  /** The banner's offer to select the whole folder ("Select all 300 messages in Hundreds"). */
  selectAllButton(count: number, folder: string): Locator {
    return this.page.getByRole('button', { name: `Select all ${count.toLocaleString('en')} messages in ${folder}`, exact: true });
  }

  /** The banner once the whole folder is selected. */
  allSelectedNote(count: number, folder: string): Locator {
    return this.page.getByRole('status').filter({ hasText: literal(`All ${count.toLocaleString('en')} messages in ${folder} are selected.`) });
  }

  action(name: string): Locator {
    return this.toolbar.getByRole('button', { name, exact: true });
  }

  async moveTo(folderLabel: string): Promise<void> {
    await this.toolbar.getByLabel('Move to folder').selectOption({ label: folderLabel });
  }

  /** The line shown when an action through the bulk endpoint finished. */
  finished(count: number): Locator {
    return this.page.getByRole('status').filter({ hasText: literal(`Done: ${count.toLocaleString('en')} messages changed.`) });
  }

  /** Waits until the toolbar says this many are selected. */
  async waitForCount(n: number): Promise<void> {
    await until(() => this.count.textContent(), (t) => t === `Selected: ${n.toLocaleString('en')}`, `${n} selected`);
  }
}
