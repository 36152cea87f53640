import type { Locator, Page } from 'playwright-core';
import { until } from './wait.js';

/** Labels the settings screen uses, per UI language (client/src/i18n/locales/<lang>/settings.json). */
export const SETTINGS_LABELS = {
  en: { title: 'Settings', general: 'General', theme: 'Theme', dark: 'Dark', light: 'Light', system: 'Follow the system', language: 'Language', back: 'Back to mail', shortcutsTitle: 'Keyboard shortcuts', showShortcuts: 'Show keyboard shortcuts', close: 'Close' },
  fr: { title: 'Paramètres', general: 'Général', theme: 'Thème', dark: 'Sombre', light: 'Clair', system: 'Suivre le système', language: 'Langue', back: 'Retour au courrier', shortcutsTitle: 'Raccourcis clavier', showShortcuts: 'Afficher les raccourcis clavier', close: 'Fermer' },
} as const;
export type UiLanguage = keyof typeof SETTINGS_LABELS;

/** The settings screen (#/settings/<section>) and the shortcut help, reached by accessible names. */
export class SettingsPage {
  readonly root: Locator;

  constructor(
    readonly page: Page,
    public lang: UiLanguage = 'en',
  ) {
    this.root = page.getByTestId('settings');
  }

  get labels() {
    return SETTINGS_LABELS[this.lang];
  }

  /** The screen's own title, in the menu ("Settings" / "Paramètres"). */
  get title(): Locator {
    return this.root.getByRole('heading', { level: 1, name: this.labels.title, exact: true });
  }

  /** Opens the screen from the header link and waits for the General panel's form. */
  async open(): Promise<void> {
    await this.page.locator('a[href="#/settings"]').click();
    await this.root.getByRole('heading', { level: 2, name: this.labels.general, exact: true }).waitFor();
    await this.themeRadio('dark').waitFor();
  }

  themeRadio(theme: 'dark' | 'light' | 'system'): Locator {
    return this.root.getByRole('group', { name: this.labels.theme, exact: true }).getByRole('radio', { name: this.labels[theme], exact: true });
  }

  get languageSelect(): Locator {
    return this.root.getByLabel(this.labels.language, { exact: true });
  }

  /** Runs a change and resolves once the server answered its PATCH /api/settings. */
  private async saving(change: () => Promise<unknown>): Promise<number> {
    const [res] = await Promise.all([
      this.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/settings' && r.request().method() === 'PATCH'),
      change(),
    ]);
    return res.status();
  }

  /** Checks the radio `option` in the group `legend` (e.g. "Remote images") and waits for the save. */
  async chooseRadio(legend: string, option: string): Promise<number> {
    return this.saving(() => this.root.getByRole('group', { name: legend, exact: true }).getByRole('radio', { name: option, exact: true }).check());
  }

  /** Picks an option of the select labelled `label` and waits for the save. */
  async chooseOption(label: string, option: string): Promise<number> {
    return this.saving(() => this.root.getByLabel(label, { exact: true }).selectOption({ label: option }));
  }

  async chooseTheme(theme: 'dark' | 'light' | 'system'): Promise<number> {
    return this.saving(() => this.themeRadio(theme).check());
  }

  /** Picks a language by its option text ("Français") and switches the labels this object expects. */
  async chooseLanguage(optionLabel: string, lang: UiLanguage): Promise<number> {
    const status = await this.saving(() => this.languageSelect.selectOption({ label: optionLabel }));
    this.lang = lang;
    return status;
  }

  async back(): Promise<void> {
    await this.root.getByRole('button', { name: this.labels.back, exact: true }).click();
    await this.root.waitFor({ state: 'detached' });
  }

  /** The shortcut help dialog. */
  get shortcutHelp(): Locator {
    return this.page.getByRole('dialog', { name: this.labels.shortcutsTitle, exact: true });
  }

  /** The row of the help that names this action, e.g. "Next message" / "Message suivant". */
  shortcutRow(actionLabel: string): Locator {
    return this.shortcutHelp.getByRole('row').filter({ has: this.page.getByRole('cell', { name: actionLabel, exact: true }) });
  }

  /** The app's computed page background, as the eye sees it (not a class name). */
  async pageBackground(): Promise<string> {
    return this.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  }

  /** Waits until the page background is dark (true) or light (false). */
  async waitForDarkness(dark: boolean): Promise<string> {
    return until(() => this.pageBackground(), (bg) => isDark(bg) === dark, `the page background to turn ${dark ? 'dark' : 'light'}`);
  }
}

/** Relative luminance (WCAG 2.x) of a CSS rgb()/rgba() colour; below 0.2 reads as dark. */
export function luminance(color: string): number {
  const m = /rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/.exec(color);
  if (!m) throw new Error(`not an rgb() colour: ${color}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function isDark(color: string): boolean {
  return luminance(color) < 0.2;
}
