import type { Locator, Page } from 'playwright-core';
import type { ComposePage } from './ComposePage.js';

export interface IdentityFields {
  name: string;
  address: string;
  replyTo?: string;
  /** Typed into the signature editor ("Formatted") or the text area ("Plain text"). */
  signature?: { format: 'Formatted' | 'Plain text'; text: string };
}

/**
 * Settings › Identities (client/src/settings/IdentitiesPanel.tsx), reached
 * from the header's Settings link and the section menu, by accessible names.
 */
export class IdentitiesPage {
  readonly list: Locator;
  readonly addButton: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('list', { name: 'Your identities' });
    this.addButton = page.getByRole('button', { name: 'Add identity', exact: true });
  }

  static async open(page: Page): Promise<IdentitiesPage> {
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Identities', exact: true }).click();
    const panel = new IdentitiesPage(page);
    await panel.list.waitFor();
    return panel;
  }

  /** One identity of the list, by its "Name <address>" label. */
  item(label: string): Locator {
    return this.list.getByRole('listitem', { name: label, exact: true });
  }

  /** Fills the "New identity" form like a person and saves; resolves when the list shows it. */
  async add(fields: IdentityFields): Promise<void> {
    await this.addButton.click();
    const form = this.page.getByRole('form', { name: 'New identity' });
    await form.getByLabel('Name', { exact: true }).fill(fields.name);
    await form.getByLabel('Email address', { exact: true }).fill(fields.address);
    if (fields.replyTo) await form.getByLabel('Reply-To (optional)', { exact: true }).fill(fields.replyTo);
    if (fields.signature) {
      await form.getByRole('radio', { name: fields.signature.format, exact: true }).check();
      const editor = form.getByRole('textbox', { name: 'Signature', exact: true });
      await editor.click();
      await this.page.keyboard.type(fields.signature.text);
    }
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await this.item(`${fields.name} <${fields.address}>`).waitFor();
    await form.waitFor({ state: 'detached' });
  }
}

/** The compose window's From select (shown when there is more than one identity). */
export function fromSelect(compose: ComposePage): Locator {
  return compose.region.getByRole('combobox', { name: 'From', exact: true });
}
