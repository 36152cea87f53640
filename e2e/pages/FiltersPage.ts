import type { Locator, Page } from 'playwright-core';
import { until } from './wait.js';

/** Settings → Filters, reached by accessible names (English UI). */
export class FiltersPage {
  readonly panel: Locator;
  readonly status: Locator;
  readonly sieveError: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('filters');
    this.status = this.panel.getByRole('status');
    this.sieveError = this.panel.getByTestId('sieve-error');
  }

  /** Opens the section from inside the signed-in app (a hash change, no reload) and waits for its state. */
  async open(): Promise<void> {
    await this.page.evaluate(() => void (window.location.hash = '#/settings/filters'));
    await this.panel.getByRole('heading', { name: 'Rules', exact: true }).waitFor();
  }

  rule(index: number): Locator {
    return this.panel.getByTestId('filter-rule').nth(index);
  }

  async addRule(): Promise<Locator> {
    const before = await this.panel.getByTestId('filter-rule').count();
    await this.panel.getByRole('button', { name: 'Add a rule' }).click();
    const rule = this.rule(before);
    await rule.getByLabel('Name').waitFor();
    return rule;
  }

  async setCondition(rule: Locator, index: number, c: { field: string; op: string; value: string }): Promise<void> {
    const row = rule.getByTestId('filter-condition').nth(index);
    await row.getByRole('combobox', { name: 'Field' }).selectOption({ label: c.field });
    await row.getByRole('combobox', { name: 'Comparison' }).selectOption({ label: c.op });
    await row.getByRole('textbox', { name: 'Value' }).fill(c.value);
  }

  /** Sets action `index` (adding rows as needed) to `type`, with its folder or flag when it has one. */
  async setAction(rule: Locator, index: number, a: { type: string; folder?: string; flag?: string }): Promise<void> {
    const rows = rule.getByTestId('filter-action');
    while ((await rows.count()) <= index) await rule.getByRole('button', { name: 'Add an action' }).click();
    const row = rows.nth(index);
    await row.getByRole('combobox', { name: 'Action' }).selectOption({ label: a.type });
    if (a.folder) await row.getByRole('combobox', { name: 'Folder' }).selectOption({ label: a.folder });
    if (a.flag) await row.getByRole('combobox', { name: 'Mark' }).selectOption({ label: a.flag });
  }

  /** Clicks the form's or the raw editor's save button; resolves with the server's HTTP status. */
  async save(button: 'Save' | 'Check and save' = 'Save'): Promise<number> {
    const [res] = await Promise.all([
      this.page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/filters') && r.request().method() === 'PUT'),
      this.panel.getByRole('button', { name: button, exact: true }).click(),
    ]);
    return res.status();
  }

  async waitSaved(): Promise<void> {
    await until(() => this.status.first().textContent(), (t) => (t ?? '').startsWith('Saved.'), '"Saved." after the save');
  }

  async showRaw(): Promise<Locator> {
    await this.panel.getByRole('button', { name: 'Raw Sieve' }).click();
    const script = this.panel.getByRole('textbox', { name: 'Sieve script' });
    await script.waitFor();
    return script;
  }
}
