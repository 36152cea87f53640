import type { Locator, Page } from 'playwright-core';
import { until } from './wait.js';

export type ComposeTitle = 'New message' | 'Reply' | 'Reply all' | 'Forward' | 'Draft';
type Field = 'To' | 'Cc' | 'Bcc';

/**
 * The compose window (a region named after its mode) and the send toast,
 * reached by accessible names only, as a screen-reader user would.
 */
export class ComposePage {
  readonly region: Locator;
  readonly subject: Locator;
  readonly body: Locator;
  readonly fileInput: Locator;
  readonly attachments: Locator;
  /** The save status in the window's header ("Saving…", "Saved", "Offline — saved on this device"). */
  readonly saveStatus: Locator;
  readonly alert: Locator;
  readonly sendButton: Locator;
  readonly closeButton: Locator;
  readonly discardButton: Locator;

  constructor(
    readonly page: Page,
    readonly title: ComposeTitle = 'New message',
  ) {
    this.region = page.getByRole('region', { name: title, exact: true });
    this.subject = this.region.getByLabel('Subject', { exact: true });
    this.body = this.region.getByRole('textbox', { name: 'Message body' });
    this.fileInput = this.region.getByLabel('Attach files');
    this.attachments = this.region.getByRole('list', { name: 'Attachments' });
    this.saveStatus = this.region.getByRole('status');
    this.alert = this.region.getByRole('alert');
    this.sendButton = this.region.getByRole('button', { name: 'Send', exact: true });
    this.closeButton = this.region.getByRole('button', { name: 'Close', exact: true });
    this.discardButton = this.region.getByRole('button', { name: 'Discard', exact: true });
  }

  /** Opens a new message from the header button and waits for the editor. */
  static async openNew(page: Page): Promise<ComposePage> {
    await page.getByRole('button', { name: 'New message' }).first().click();
    return new ComposePage(page, 'New message').ready();
  }

  /**
   * Clicks a reader toolbar action ("Reply", "Reply all", "Forward", …) on the
   * open message and waits for the prefilled window.
   */
  static async openFromReader(page: Page, action: 'Reply' | 'Reply all' | 'Forward'): Promise<ComposePage> {
    const toolbar = page.getByRole('region', { name: 'Message' }).getByRole('toolbar', { name: 'Message actions' });
    await toolbar.getByRole('button', { name: action, exact: true }).click();
    return new ComposePage(page, action).ready();
  }

  /** Waits until the window shows its form (the editor chunk is loaded lazily, a prefill is fetched). */
  async ready(): Promise<this> {
    await this.body.waitFor();
    await this.subject.waitFor();
    return this;
  }

  field(name: Field): Locator {
    return this.region.getByLabel(name, { exact: true });
  }

  /** Chips of a recipient field, in order (their visible text). */
  chip(address: string): Locator {
    return this.region.locator('.chip').filter({ has: this.page.getByRole('button', { name: `Remove ${address}`, exact: true }) });
  }

  /** Types each address into the field and presses Enter, so it becomes a chip. */
  async addRecipients(name: Field, ...addresses: string[]): Promise<void> {
    if (name !== 'To' && (await this.field(name).count()) === 0) {
      await this.region.getByRole('button', { name, exact: true }).click();
    }
    const input = this.field(name);
    for (const address of addresses) {
      await input.fill(address);
      await input.press('Enter');
      await this.region.getByRole('button', { name: `Remove ${address}`, exact: true }).waitFor();
    }
  }

  /** Types the start of a name key by key, as a person would, and picks the suggestion whose text contains `option`. */
  async pickSuggestion(name: Field, typed: string, option: string): Promise<void> {
    await this.field(name).pressSequentially(typed);
    await this.region.getByRole('listbox', { name: `${name} suggestions` }).getByRole('option', { name: option }).click();
  }

  async isChipInvalid(address: string): Promise<boolean> {
    return (await this.chip(address).getAttribute('aria-invalid')) === 'true';
  }

  async setSubject(text: string): Promise<void> {
    await this.subject.fill(text);
  }

  /** Types at the end of the body, key by key, like a person (TipTap or the plain textarea). */
  async typeBody(text: string): Promise<void> {
    await this.body.click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.type(text);
  }

  /** Types at the very start of the body (above a quoted original). */
  async typeBodyAtStart(text: string): Promise<void> {
    await this.body.click();
    await this.page.keyboard.press('Control+Home');
    await this.page.keyboard.type(text);
  }

  async bodyText(): Promise<string> {
    const tag = await this.body.evaluate((el) => el.tagName);
    return tag === 'TEXTAREA' ? this.body.inputValue() : this.body.innerText();
  }

  /** Attaches files through the (visually hidden) file input, as the picker would. */
  async attach(...files: string[]): Promise<void> {
    await this.fileInput.setInputFiles(files);
  }

  attachment(filename: string): Locator {
    return this.attachments.getByRole('listitem').filter({ has: this.page.getByRole('button', { name: `Remove ${filename}`, exact: true }) });
  }

  progress(filename: string): Locator {
    return this.attachments.getByRole('progressbar', { name: `Uploading ${filename}`, exact: true });
  }

  /** Waits until every attachment finished uploading: each bar at 100 and none still marked uploading. */
  async waitForUploads(timeoutMs = 30_000): Promise<void> {
    await until(
      () =>
        this.attachments.evaluate((ul) => {
          const bars = [...ul.querySelectorAll('[role="progressbar"]')];
          const busy = ul.querySelectorAll('.is-uploading').length;
          return busy === 0 && bars.length > 0 && bars.every((b) => b.getAttribute('aria-valuenow') === '100');
        }),
      (done) => done,
      'every attachment uploaded',
      timeoutMs,
    );
  }

  async send(): Promise<void> {
    await this.sendButton.click();
  }

  /** Clicks Send and waits until the window closed and the toast took over. */
  async sendAndLeave(): Promise<SendToast> {
    await this.send();
    await this.region.waitFor({ state: 'detached' });
    return new SendToast(this.page);
  }

  /** Waits for the save status to read `text` (e.g. "Saved", "Offline — saved on this device"). */
  async waitForSaveStatus(text: string, timeoutMs = 20_000): Promise<void> {
    await until(() => this.saveStatus.textContent(), (t) => (t ?? '').trim() === text, `save status "${text}"`, timeoutMs);
  }
}

/** The toast after Send: "Sending in N s…" + Undo, then "Sending…", then "Message sent" or an error. */
export class SendToast {
  readonly toast: Locator;
  readonly undoButton: Locator;

  constructor(readonly page: Page) {
    // The compose window's own status is gone by now; toasts are the other role=status with these texts.
    this.toast = page.locator('.toasts').getByRole('status').last();
    this.undoButton = this.toast.getByRole('button', { name: 'Undo', exact: true });
  }

  async text(): Promise<string> {
    return ((await this.toast.locator('span').first().textContent()) ?? '').trim();
  }

  async undo(): Promise<void> {
    await this.undoButton.click();
  }

  /** Clicks "Dismiss" and waits for the toast to go. */
  async dismiss(): Promise<void> {
    const count = await this.page.locator('.toasts').getByRole('status').count();
    await this.toast.getByRole('button', { name: 'Dismiss', exact: true }).click();
    await until(() => this.page.locator('.toasts').getByRole('status').count(), (n) => n < count, 'the toast to go');
  }

  /** Waits for "Message sent"; fails at once with the toast's sentence if the send failed. */
  async waitForSent(timeoutMs = 30_000): Promise<void> {
    const text = await until(
      () => this.text(),
      (t) => t === 'Message sent' || (!/^Sending/.test(t) && t !== ''),
      '"Message sent" in the toast',
      timeoutMs,
    );
    if (text !== 'Message sent') throw new Error(`the send toast said: ${text}`);
  }
}
