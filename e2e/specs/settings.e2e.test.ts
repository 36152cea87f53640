import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LoginPage } from '../pages/LoginPage.js';
import { MailPage } from '../pages/MailPage.js';
import { isDark, SettingsPage } from '../pages/SettingsPage.js';
import { until } from '../pages/wait.js';
import { appendAll } from '../support/imap-probe.js';
import { htmlMessage, plainMessage } from '../support/messages.js';
import { openWorld, type SpecWorld } from './harness.js';

// Settings end to end (issue 7 parts 3 and 6): a real Chromium, the real
// server and its SQLite file, the real Dovecot behind the sign-in.

const stack = inject('mailstack');
let w: SpecWorld;
let mail: MailPage;
let settings: SettingsPage;

const HTML_SUBJECT = 'Garden newsletter in colour';
const PLAIN_SUBJECT = 'A plain note';
const TRACKER = 'https://images.tracker.example';
const NEWS = 'news@shop.example';
const REMOTE = {
  first: { subject: 'Shop news one', image: `${TRACKER}/one.png`, from: `Shop <${NEWS}>` },
  second: { subject: 'Shop news two', image: `${TRACKER}/two.png`, from: `Shop <${NEWS}>` },
  stranger: { subject: 'Stranger with pictures', image: `${TRACKER}/three.png`, from: 'Someone <someone@elsewhere.example>' },
};
/** Where the frame asks for a remote image once it may: the webmail's own proxy. */
const proxied = (url: string) => `${w.app.url}/api/remote-image?url=${encodeURIComponent(url)}`;

beforeAll(async () => {
  w = await openWorld(stack);
  await appendAll(w.probe, 'INBOX', [
    ...Object.values(REMOTE).map((m) => htmlMessage(`<p>${m.subject}.</p><img src="${m.image}" alt="">`, { subject: m.subject, from: m.from })),
    plainMessage('Nothing fancy.', { subject: PLAIN_SUBJECT }),
    htmlMessage('<h1>Spring</h1><p>Our garden is in bloom.</p>', { subject: HTML_SUBJECT }),
  ]);
  // The OS says light until a test says otherwise.
  await w.ui.page.emulateMedia({ colorScheme: 'light' });
  await new LoginPage(w.ui.page).open();
  await new LoginPage(w.ui.page).signIn(w.user.address, w.user.password);
  mail = new MailPage(w.ui.page);
  settings = new SettingsPage(w.ui.page);
});

afterAll(async () => {
  await w?.close();
});

/** The colours of the message frame's own page, as rendered. */
async function frameColours(): Promise<{ background: string; text: string }> {
  return mail.reader.frame.locator('body').evaluate((body) => ({ background: getComputedStyle(body).backgroundColor, text: getComputedStyle(body).color }));
}

/** Opens a message and waits until its frame shows text: by then it has asked for every image it may. */
async function openAndRead(subject: string, text = subject): Promise<void> {
  await mail.openMessage(subject);
  await until(() => mail.reader.bodyText(), (t) => t.includes(text), `the body of "${subject}"`);
}

describe('settings', () => {
  it('fetches the message list in pages of the chosen size', async () => {
    await settings.open();
    expect(await settings.chooseOption('Messages fetched at a time', '20')).toBe(200);
    const mark = w.ui.recorder.mark();
    await settings.back();
    await mail.list.waitForRows(5);
    const pages = w.ui.recorder.matching((u) => new URL(u).pathname === '/api/messages', mark).map((r) => new URL(r.url).searchParams);
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.map((q) => [q.get('offset'), q.get('limit')])).toContainEqual(['0', '20']);
    expect(pages.every((q) => q.get('limit') === '20')).toBe(true);
  });

  it('remote images: "ask" asks even for a trusted sender, "always" loads for anyone, both through the proxy', async () => {
    // The default ("trusted"): the bar, then "Always load from" the sender.
    await openAndRead(REMOTE.first.subject);
    const trust = w.ui.recorder.mark();
    await mail.reader.alwaysLoadButton(NEWS).click();
    await until(() => w.ui.recorder.matching((u) => u === proxied(REMOTE.first.image), trust).length, (n) => n > 0, 'the trusted sender’s image');

    await settings.open();
    expect(await settings.chooseRadio('Remote images', 'Always ask before loading them')).toBe(200);
    await settings.back();
    const ask = w.ui.recorder.mark();
    await openAndRead(REMOTE.second.subject);
    await mail.reader.remoteImagesBar.waitFor();
    expect(await mail.reader.alwaysLoadButton(NEWS).count()).toBe(0);
    expect(w.ui.recorder.matching((u) => u.includes('remote-image'), ask)).toEqual([]);

    await settings.open();
    expect(await settings.chooseRadio('Remote images', 'Always load them (through the webmail, so senders never see your address)')).toBe(200);
    await settings.back();
    const always = w.ui.recorder.mark();
    await openAndRead(REMOTE.stranger.subject);
    await until(() => w.ui.recorder.matching((u) => u === proxied(REMOTE.stranger.image), always).length, (n) => n > 0, 'a stranger’s image, through the proxy');
    expect(await mail.reader.remoteImagesBar.count()).toBe(0);
    // Never straight from the sender's server.
    expect(w.ui.recorder.remote()).toEqual([]);
  });

  it('shows the plain-text version first when the user prefers it, and HTML again when not', async () => {
    await settings.open();
    expect(await settings.chooseRadio('Show messages that have both versions as', 'Plain text')).toBe(200);
    await settings.back();
    await mail.openMessage(HTML_SUBJECT);
    await mail.reader.region.locator('.text-body').filter({ hasText: 'Plain alternative' }).waitFor();
    expect(await mail.reader.frameElement.count()).toBe(0);
    await mail.reader.region.getByRole('button', { name: 'Show formatted' }).waitFor();

    await settings.open();
    expect(await settings.chooseRadio('Show messages that have both versions as', 'Formatted (HTML)')).toBe(200);
    await settings.back();
    await openAndRead(HTML_SUBJECT, 'Our garden is in bloom.');
  });

  it('switches to the dark theme: the app’s background turns dark, and mail keeps a readable page', async () => {
    await settings.open();
    expect(isDark(await settings.pageBackground())).toBe(false);

    expect(await settings.chooseTheme('dark')).toBe(200);
    await settings.waitForDarkness(true);
    // Not only <body>: the panes and the header use the dark colours too.
    const header = await w.ui.page.locator('.app-header').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(isDark(header)).toBe(true);

    await settings.back();
    await mail.list.waitForRows(5);
    await openAndRead(HTML_SUBJECT, 'Our garden is in bloom.');
    const reader = await mail.reader.region.evaluate((el) => getComputedStyle(el.closest('.pane') ?? el).color);
    expect(isDark(reader)).toBe(false); // light text on the dark app
    // HTML mail is written for a white page: it keeps one, with dark text on it.
    const frame = await frameColours();
    expect(isDark(frame.background)).toBe(false);
    expect(isDark(frame.text)).toBe(true);
  });

  it('"Follow the system" follows the operating system’s choice live', async () => {
    await settings.open();
    expect(await settings.chooseTheme('system')).toBe(200);
    await settings.waitForDarkness(false);
    await w.ui.page.emulateMedia({ colorScheme: 'dark' });
    await settings.waitForDarkness(true);
    await w.ui.page.emulateMedia({ colorScheme: 'light' });
    await settings.waitForDarkness(false);
    expect(await settings.chooseTheme('dark')).toBe(200);
    await settings.waitForDarkness(true);
  });

  it('switches to French: the settings screen speaks French, and the choice survives a reload', async () => {
    await settings.title.waitFor();
    expect(await settings.chooseLanguage('Français', 'fr')).toBe(200);
    mail.lang = 'fr';
    await settings.title.waitFor();
    expect(await settings.root.getByRole('link', { name: 'Général', exact: true }).isVisible()).toBe(true);
    expect(await w.ui.page.evaluate(() => document.documentElement.lang)).toBe('fr');

    // Forget the device's copy: what comes back after the reload is the server's.
    await w.ui.page.evaluate(() => localStorage.clear());
    await w.ui.page.reload();
    await settings.title.waitFor();
    await settings.themeRadio('dark').waitFor();
    expect(await settings.themeRadio('dark').isChecked()).toBe(true);
    await settings.waitForDarkness(true);
    const saved = await w.ui.page.evaluate(async () => (await fetch('/api/settings', { credentials: 'same-origin' })).json());
    expect(saved).toMatchObject({ language: 'fr', theme: 'dark' });
  });

  it('"?" opens the shortcut help, in French, listing the keys of the mail view', async () => {
    await settings.back();
    await mail.list.waitForRows(5);
    // The mail view speaks French too: the Inbox by its role, and the header's button.
    expect(await mail.folders.current()).toBe('Boîte de réception');
    expect(await mail.newMessageButton.isVisible()).toBe(true);
    await w.ui.page.locator('body').focus();
    await w.ui.page.keyboard.press('?');
    await settings.shortcutHelp.waitFor();
    const next = settings.shortcutRow('Message suivant');
    expect(await next.locator('kbd').allTextContents()).toEqual(['J', '↓']);
    expect(await settings.shortcutRow('Répondre').locator('kbd').allTextContents()).toEqual(['R']);
    expect(await settings.shortcutRow('Supprimer').locator('kbd').allTextContents()).toEqual(['#', 'Suppr']);
    expect(await settings.shortcutRow('Afficher cette liste').locator('kbd').allTextContents()).toEqual(['?']);
    await w.ui.page.keyboard.press('Escape');
    await settings.shortcutHelp.waitFor({ state: 'detached' });
  });

  it('with shortcuts turned off, the help says so and letters no longer act on the mail', async () => {
    await settings.open();
    const toggle = settings.root.getByRole('checkbox', { name: 'Raccourcis clavier', exact: true });
    await Promise.all([
      w.ui.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/settings' && r.request().method() === 'PATCH'),
      toggle.uncheck(),
    ]);
    await settings.root.getByRole('button', { name: settings.labels.showShortcuts, exact: true }).click();
    await settings.shortcutHelp.getByRole('note').filter({ hasText: 'désactivés' }).waitFor();
    await settings.shortcutHelp.getByRole('button', { name: settings.labels.close, exact: true }).click();
    await settings.shortcutHelp.waitFor({ state: 'detached' });

    await settings.back();
    await mail.list.waitForRows(5);
    await mail.openMessage(PLAIN_SUBJECT);
    // "C" would open a new message: it types nothing and opens nothing now; "?" is just as inert.
    await w.ui.page.locator('body').focus();
    await w.ui.page.keyboard.press('c');
    await w.ui.page.keyboard.press('?');
    // Two frames: had either key acted, React would have drawn the compose pane or the dialog by then.
    await w.ui.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await mail.reader.waitForMessage(PLAIN_SUBJECT);
    expect(await w.ui.page.getByRole('dialog').count()).toBe(0);
    expect(await w.ui.page.locator('.pane-compose').count()).toBe(0);
  });

  it('keeps everything across sign-out and sign-in, and the sign-in page is neutral in between', async () => {
    await mail.signOut();
    const login = new LoginPage(w.ui.page);
    await login.form.waitFor();
    // Signed out: the browser's language and the system's (light) theme, not the last user's.
    await settings.waitForDarkness(false);
    expect(await w.ui.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await login.signIn(w.user.address, w.user.password);
    await settings.waitForDarkness(true);
    await until(() => w.ui.page.evaluate(() => document.documentElement.lang), (l) => l === 'fr', 'the French UI to return');
  });
});
