import type { Download, FrameLocator, Locator, Page } from 'playwright-core';
import { literal, until } from './wait.js';

/**
 * A folder link's accessible name is "Inbox", or "Inbox, 3 unread" with unread mail.
 * (Two locators joined with or(): playwright-core 1.65 fails to match role
 * names against a RegExp containing "(…)?" or "|", so neither is used here.)
 */
const unreadName = (label: string) => new RegExp(`^${literal(label).source}\\s*,\\s*\\d+ unread$`);

/** Names the mail view's frame uses, per UI language (client/src/i18n/locales/<lang>/{mail,folders}.json). */
export const MAIL_LABELS = {
  en: { mailboxes: 'Mailboxes', signOut: 'Sign out', newMessage: 'New message' },
  fr: { mailboxes: 'Liste des dossiers', signOut: 'Se déconnecter', newMessage: 'Nouveau message' },
} as const;
export type MailLanguage = keyof typeof MAIL_LABELS;

/** The folder pane. */
export class FolderPane {
  constructor(
    readonly page: Page,
    private readonly labels: () => (typeof MAIL_LABELS)[MailLanguage] = () => MAIL_LABELS.en,
  ) {}

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: this.labels().mailboxes });
  }

  link(label: string): Locator {
    return this.nav
      .getByRole('link', { name: label, exact: true })
      .or(this.nav.getByRole('link', { name: unreadName(label) }));
  }

  /** Clicks the folder and waits until it is the current one and its list (or empty note) shows. */
  async open(label: string): Promise<void> {
    await this.link(label).click();
    // Read through CSS, not the role: on a phone the folder pane hides once a folder is picked.
    await until(() => this.current(), (v) => v === label, `folder ${label} to become current`);
  }

  /** The label of the folder marked aria-current="page". */
  async current(): Promise<string> {
    const nav = this.page.getByRole('navigation', { name: this.labels().mailboxes, includeHidden: true });
    const name = (await nav.locator('a[aria-current="page"] .mailbox-name').textContent()) ?? '';
    return name.trim();
  }

  /** The unread count the folder link announces (0 when it announces none). */
  async unread(label: string): Promise<number> {
    const text = (await this.link(label).textContent()) ?? '';
    return Number(/, (\d+) unread/.exec(text)?.[1] ?? 0);
  }
}

/** The virtualised message list (role=listbox "Messages"). */
export class MessageListPane {
  readonly listbox: Locator;
  /** Rows that hold a message (placeholders excluded). */
  readonly rows: Locator;
  readonly placeholders: Locator;

  constructor(readonly page: Page) {
    this.listbox = page.getByRole('listbox', { name: 'Messages' });
    this.rows = this.listbox.locator('[role="option"][data-uid]');
    this.placeholders = this.listbox.getByRole('option', { name: 'Loading message' });
  }

  row(subject: string): Locator {
    // A string name matches as a case-insensitive substring: rows also name sender, date and preview.
    return this.listbox.getByRole('option', { name: subject });
  }

  rowByUid(uid: number): Locator {
    return this.listbox.locator(`[role="option"][data-uid="${uid}"]`);
  }

  /** Waits until at least `n` real rows are rendered. */
  async waitForRows(n = 1): Promise<number> {
    return until(() => this.rows.count(), (c) => c >= n, `${n} message rows`);
  }

  /** The uids of the rendered rows, top to bottom. */
  async uids(): Promise<number[]> {
    const rows = await this.rows.evaluateAll((els) =>
      els.map((el) => ({ uid: Number(el.getAttribute('data-uid')), pos: Number(el.getAttribute('aria-posinset')) })),
    );
    return rows.sort((a, b) => a.pos - b.pos).map((r) => r.uid);
  }

  /** The row the keyboard cursor is on (aria-activedescendant), as its uid. */
  async cursorUid(): Promise<number | null> {
    const id = await this.listbox.getAttribute('aria-activedescendant');
    if (!id) return null;
    const uid = await this.page.locator(`[id="${id}"]`).getAttribute('data-uid');
    return uid === null ? null : Number(uid);
  }

  async isUnread(subject: string): Promise<boolean> {
    return (await this.row(subject).getAttribute('data-unread')) === 'true';
  }

  /** Waits until no row with this subject is rendered. */
  async waitForGone(subject: string): Promise<void> {
    await until(() => this.row(subject).count(), (c) => c === 0, `row "${subject}" to leave the list`);
  }

  /** The size the list announces (aria-setsize of its rows). */
  async setSize(): Promise<number> {
    return Number(await this.listbox.getByRole('option').first().getAttribute('aria-setsize'));
  }

  /** Scrolls the list's own scroller to a fraction of its height (0 = top, 1 = bottom). */
  async scrollToFraction(fraction: number): Promise<void> {
    await this.listbox.evaluate((el, f) => {
      el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
    }, fraction);
  }

  async scrollMetrics(): Promise<{ scrollHeight: number; clientHeight: number; scrollTop: number }> {
    return this.listbox.evaluate((el) => ({ scrollHeight: el.scrollHeight, clientHeight: el.clientHeight, scrollTop: el.scrollTop }));
  }

  /** Rendered rows with a message, as {pos, subject}, top to bottom. */
  async renderedRows(): Promise<Array<{ pos: number; uid: number; subject: string }>> {
    const rows = await this.rows.evaluateAll((els) =>
      els.map((el) => ({
        pos: Number(el.getAttribute('aria-posinset')),
        uid: Number(el.getAttribute('data-uid')),
        subject: el.querySelector('.row-subject')?.textContent ?? '',
      })),
    );
    return rows.sort((a, b) => a.pos - b.pos);
  }
}

/** The reader pane (region "Message"). */
export class ReaderPane {
  readonly region: Locator;
  readonly toolbar: Locator;
  readonly subject: Locator;
  readonly frame: FrameLocator;
  readonly frameElement: Locator;
  readonly remoteImagesBar: Locator;
  readonly loadImagesButton: Locator;
  /** Shown instead of the bar when the sender is on the "always load images" list. */
  readonly alwaysLoadNotice: Locator;
  readonly spamBanner: Locator;
  readonly attachments: Locator;
  readonly back: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Message' });
    this.toolbar = this.region.getByRole('toolbar', { name: 'Message actions' });
    this.subject = this.region.getByRole('heading', { level: 2 });
    this.frameElement = this.region.getByTitle('Message body');
    this.frame = this.frameElement.contentFrame();
    this.remoteImagesBar = this.region.getByRole('status').filter({ hasText: 'Remote images are hidden to protect your privacy.' });
    this.loadImagesButton = this.remoteImagesBar.getByRole('button', { name: 'Load images' });
    this.alwaysLoadNotice = this.region.getByRole('status').filter({ hasText: /^Images from \S+ always load/ });
    this.spamBanner = this.region.getByRole('note').filter({ hasText: 'This message was marked as spam' });
    this.attachments = this.region.getByRole('region', { name: 'Attachments' });
    this.back = this.region.getByRole('button', { name: 'Back' });
  }

  /** "Always load from <address>" in the remote-images bar. */
  alwaysLoadButton(address: string): Locator {
    return this.remoteImagesBar.getByRole('button', { name: `Always load from ${address}` });
  }

  action(name: string | RegExp): Locator {
    return this.toolbar.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** Waits for the message with this subject to be open (its heading shown). */
  async waitForMessage(subject: string): Promise<void> {
    await this.region.getByRole('heading', { level: 2, name: subject, exact: true }).waitFor();
  }

  /** The text a person sees in the sandboxed body frame. */
  async bodyText(): Promise<string> {
    return (await this.frame.locator('body').innerText()).trim();
  }

  /** Clicks an attachment link and returns the browser's download. */
  async download(filename: string): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.attachments.getByRole('link', { name: filename }).click(),
    ]);
    return download;
  }

  async moveTo(folderLabel: string): Promise<void> {
    await this.toolbar.getByLabel('Move to folder').selectOption({ label: folderLabel });
  }
}

/** The signed-in app: header, folders, list and reader. `lang` follows the UI language a test switched to. */
export class MailPage {
  readonly folders: FolderPane;
  readonly list: MessageListPane;
  readonly reader: ReaderPane;

  constructor(
    readonly page: Page,
    public lang: MailLanguage = 'en',
  ) {
    this.folders = new FolderPane(page, () => this.labels);
    this.list = new MessageListPane(page);
    this.reader = new ReaderPane(page);
  }

  get labels() {
    return MAIL_LABELS[this.lang];
  }

  get signOutButton(): Locator {
    return this.page.getByRole('button', { name: this.labels.signOut });
  }

  /** The header's "New message" button. */
  get newMessageButton(): Locator {
    return this.page.locator('.app-header').getByRole('button', { name: this.labels.newMessage, exact: true });
  }

  /** Goes straight to a folder by URL, as a bookmark would. */
  async gotoFolder(path: string): Promise<void> {
    await this.page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#/m/${encodeURIComponent(path)}`);
    await until(() => this.page.evaluate(() => window.location.hash), (h) => h === `#/m/${encodeURIComponent(path)}`, `route to ${path}`);
  }

  /** Opens a message by its deep link (#/m/<mailbox>/<uid>), as a bookmark or a reload would. */
  async openByUid(path: string, uid: number): Promise<void> {
    await this.page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#/m/${encodeURIComponent(path)}/${uid}`);
  }

  /** Clicks the row with this subject and waits for the reader to show it. */
  async openMessage(subject: string): Promise<void> {
    await this.list.row(subject).click();
    await this.reader.waitForMessage(subject);
  }

  /** The uid in the route (#/m/<mailbox>/<uid>), or null when no message is open. */
  async routeUid(): Promise<number | null> {
    const hash = await this.page.evaluate(() => window.location.hash);
    const m = /^#\/m\/[^/]+\/(\d+)$/.exec(hash);
    return m ? Number(m[1]) : null;
  }

  /** Presses a key with focus on the list, as a person using the keyboard would. */
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async signOut(): Promise<void> {
    await Promise.all([
      this.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/session' && r.request().method() === 'DELETE'),
      this.signOutButton.click(),
    ]);
  }

  /** A same-origin fetch from the page, with its cookies, as the app itself would send it. */
  async fetchStatus(path: string): Promise<number> {
    return this.page.evaluate(async (p) => (await fetch(p, { credentials: 'same-origin' })).status, path);
  }
}
