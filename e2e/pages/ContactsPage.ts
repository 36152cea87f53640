import type { Locator, Page } from 'playwright-core';
import { until } from './wait.js';

/**
 * The address book panel of the settings screen (#/settings/contacts),
 * reached by accessible names only, in English.
 */
export class ContactsPage {
  readonly list: Locator;
  readonly search: Locator;
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('list', { name: 'Contacts', exact: true });
    this.search = page.getByRole('searchbox', { name: 'Search contacts' });
    this.form = page.getByRole('form', { name: 'New contact' }).or(page.getByRole('form', { name: 'Edit contact' }));
  }

  /** From the mail screen: the header's Settings link, then the Contacts section. */
  static async open(page: Page): Promise<ContactsPage> {
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Contacts', exact: true }).click();
    const contacts = new ContactsPage(page);
    await contacts.search.waitFor();
    return contacts;
  }

  /** Fills the editor for a new contact and saves; waits until the editor closed and the list shows the name. */
  async add(contact: { name: string; emails: string[]; phone?: string; notes?: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'New contact', exact: true }).click();
    await this.form.getByLabel('Name', { exact: true }).fill(contact.name);
    for (const [i, address] of contact.emails.entries()) {
      if (i > 0) await this.form.getByRole('button', { name: 'Add an email address' }).click();
      await this.form.getByLabel(`Email address ${i + 1}`, { exact: true }).fill(address);
    }
    if (contact.phone) {
      await this.form.getByRole('button', { name: 'Add a phone number' }).click();
      await this.form.getByLabel('Phone number 1', { exact: true }).fill(contact.phone);
    }
    if (contact.notes) await this.form.getByLabel('Notes', { exact: true }).fill(contact.notes);
    await this.form.getByRole('button', { name: 'Save', exact: true }).click();
    await this.form.waitFor({ state: 'detached' });
    await this.item(contact.name).waitFor();
  }

  item(name: string): Locator {
    return this.list.getByRole('listitem').filter({ hasText: name });
  }

  /** The names shown in the list, in order. */
  async names(): Promise<string[]> {
    return (await this.list.locator('.contact-name').allTextContents()).map((t) => t.trim());
  }

  async createGroup(name: string): Promise<void> {
    const groups = this.page.getByRole('region', { name: 'Groups' });
    await groups.getByLabel('New group name').fill(name);
    await groups.getByRole('button', { name: 'Create group' }).click();
    await groups.getByText(name, { exact: true }).waitFor();
  }

  /** Opens a contact's editor, ticks the group, saves. */
  async addToGroup(contactName: string, group: string): Promise<void> {
    await this.page.getByRole('button', { name: `Edit ${contactName}`, exact: true }).click();
    await this.form.getByRole('checkbox', { name: group }).check();
    await this.form.getByRole('button', { name: 'Save', exact: true }).click();
    await this.form.waitFor({ state: 'detached' });
    await until(() => this.item(contactName).textContent(), (t) => (t ?? '').includes(group), `${contactName} shown in ${group}`);
  }

  /** Picks a file in the import field, as the file chooser would, and waits for the report. */
  async importFile(file: string): Promise<Locator> {
    const section = this.page.getByRole('region', { name: 'Import and export' });
    await section.getByLabel('Import a vCard (.vcf) or CSV file').setInputFiles(file);
    const report = section.getByRole('status', { name: 'Import report' });
    await report.getByText(/^Contacts imported: /).waitFor();
    return report;
  }

  async backToMail(): Promise<void> {
    await this.page.getByRole('button', { name: 'Back to mail' }).click();
    await this.page.getByRole('button', { name: 'New message' }).first().waitFor();
  }
}
