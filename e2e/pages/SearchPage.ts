import type { Locator, Page } from 'playwright-core';
import { literal, until } from './wait.js';

/** The search box in the list header, and its options form. */
export class SearchBar {
  readonly box: Locator;
  readonly clearButton: Locator;
  readonly optionsButton: Locator;
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.box = page.getByRole('searchbox', { name: 'Search mail' });
    this.clearButton = page.getByRole('button', { name: 'Clear search' });
    this.optionsButton = page.getByRole('button', { name: 'Search options' });
    this.form = page.getByRole('form', { name: 'Search options' });
  }

  /** Types a quick search and presses Enter, as a person would. */
  async search(text: string): Promise<void> {
    await this.box.fill(text);
    await this.box.press('Enter');
  }

  /** Esc in the box: back to the folder. */
  async escape(): Promise<void> {
    await this.box.press('Escape');
  }

  /** Opens the options form if it is closed. */
  async openOptions(): Promise<Locator> {
    if ((await this.optionsButton.getAttribute('aria-expanded')) !== 'true') await this.optionsButton.click();
    await this.form.waitFor();
    return this.form;
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  async submitOptions(): Promise<void> {
    await this.form.getByRole('button', { name: 'Search', exact: true }).click();
  }
}

/** The heading over a folder's search results ("2 results for “falcon”") and its way back. */
export class SearchResults {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 2, name: / results? for / });
  }

  async waitForHeading(text: string): Promise<void> {
    await until(() => this.heading.textContent(), (t) => t === text, `search heading "${text}"`);
  }

  backTo(folder: string): Locator {
    return this.page.getByRole('button', { name: `Back to ${folder}`, exact: true });
  }

  readonly allFoldersButton = (): Locator => this.page.getByRole('button', { name: 'Search all folders' });
}

/** The results across all folders: one group (region) per folder. */
export class AllFoldersResults {
  readonly region: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'All folders', exact: true });
  }

  /** A folder's group, named "<folder> <n> results". */
  group(folder: string): Locator {
    return this.region.getByRole('region', { name: new RegExp(`^${literal(folder).source} \\d+ results?$`) });
  }

  async count(folder: string): Promise<number> {
    const name = (await this.group(folder).getByRole('heading', { level: 3 }).textContent()) ?? '';
    return Number(/(\d+) results?$/.exec(name)?.[1] ?? NaN);
  }

  /** The subjects listed in a folder's group, in order. */
  async subjects(folder: string): Promise<string[]> {
    return this.group(folder).locator('.search-hit .row-subject').allTextContents();
  }

  showAll(folder: string): Locator {
    return this.group(folder).getByRole('link', { name: `Show all in ${folder}` });
  }
}
