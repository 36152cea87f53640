import type { Locator, Page } from 'playwright-core';
import { literal, until } from './wait.js';

/** One message of the conversation stack as a person sees it. */
export interface StackMessage {
  from: string;
  uid: number;
  path: string;
  sent: boolean;
  expanded: boolean;
}

/**
 * The conversation view: the list toolbar's switch, thread rows with their
 * count, the members an opened thread shows, and the reader's stack.
 */
export class ConversationPage {
  readonly toggle: Locator;
  readonly listbox: Locator;
  readonly threadRows: Locator;
  readonly memberRows: Locator;
  readonly reader: Locator;
  readonly stack: Locator;
  readonly subject: Locator;

  constructor(readonly page: Page) {
    this.toggle = page.getByRole('button', { name: 'Conversations', exact: true });
    this.listbox = page.getByRole('listbox', { name: 'Messages' });
    this.threadRows = this.listbox.locator('[role="option"][data-thread-id]');
    this.memberRows = this.listbox.locator('[role="option"].thread-member-row');
    this.reader = page.getByRole('region', { name: 'Conversation' });
    this.stack = this.reader.getByRole('list', { name: 'Messages in this conversation' });
    this.subject = this.reader.getByRole('heading', { level: 2 });
  }

  /** Switches the list to conversations (if it is not already) and waits for the thread rows. */
  async turnOn(): Promise<void> {
    if ((await this.toggle.getAttribute('aria-pressed')) !== 'true') await this.toggle.click();
    await until(() => this.toggle.getAttribute('aria-pressed'), (v) => v === 'true', 'the Conversations switch to be on');
    await this.threadRows.first().waitFor();
  }

  threadRow(subject: string): Locator {
    return this.threadRows.filter({ has: this.page.locator('.row-subject', { hasText: literal(subject) }) });
  }

  /** The count badge of a thread row, which opens and closes the thread in the list. */
  countButton(subject: string): Locator {
    return this.threadRow(subject).locator('button.thread-count');
  }

  async threadCount(subject: string): Promise<number> {
    return Number(await this.threadRow(subject).getAttribute('data-count'));
  }

  async isUnread(subject: string): Promise<boolean> {
    return (await this.threadRow(subject).getAttribute('data-unread')) === 'true';
  }

  /** The member rows shown, top to bottom, as {uid, from}. */
  async members(): Promise<Array<{ uid: number; from: string }>> {
    const rows = await this.memberRows.evaluateAll((els) =>
      els.map((el) => ({
        pos: Number(el.getAttribute('aria-posinset')),
        uid: Number(el.getAttribute('data-uid')),
        from: (el.querySelector('.row-from')?.textContent ?? '').replace(/^Unread, /, '').trim(),
      })),
    );
    return rows.sort((a, b) => a.pos - b.pos).map(({ uid, from }) => ({ uid, from }));
  }

  /** Clicks the thread row (not its count) and waits for the conversation to show. */
  async open(subject: string): Promise<void> {
    await this.threadRow(subject).locator('.row-subject').click();
    await this.stack.waitFor();
  }

  /** The stack, oldest first. */
  async messages(): Promise<StackMessage[]> {
    return this.stack.locator('article').evaluateAll((els) =>
      els.map((el) => ({
        from: el.getAttribute('aria-label') ?? '',
        uid: Number(el.getAttribute('data-uid')),
        path: el.getAttribute('data-path') ?? '',
        sent: el.querySelector('.badge-sent') !== null,
        expanded: el.querySelector('button[aria-expanded]')?.getAttribute('aria-expanded') === 'true',
      })),
    );
  }

  message(uid: number, path: string): Locator {
    return this.stack.locator(`article[data-uid="${uid}"][data-path="${path}"]`);
  }

  /** Clicks a message's header line to open or close it. */
  async toggleMessage(uid: number, path: string): Promise<void> {
    await this.message(uid, path).locator('button[aria-expanded]').first().click();
  }

  /** The text of an opened message's body (plain-text mail is shown as text, not in a frame). */
  async bodyText(uid: number, path: string): Promise<string> {
    return ((await this.message(uid, path).locator('.reader-body').innerText()) ?? '').trim();
  }
}
