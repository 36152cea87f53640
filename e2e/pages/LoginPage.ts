import type { Locator, Page } from 'playwright-core';

/** The sign-in form, reached by its accessible names only. */
export class LoginPage {
  readonly form: Locator;
  readonly address: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByRole('form', { name: 'Sign in to your mail' });
    this.address = page.getByLabel('Email address');
    this.password = page.getByLabel('Password');
    this.submit = page.getByRole('button', { name: 'Sign in' });
    this.alert = this.form.getByRole('alert');
  }

  /** Loads the app at `hash` (e.g. "#/m/INBOX") and waits for the form. */
  async open(hash = ''): Promise<this> {
    await this.page.goto(`/${hash}`);
    await this.form.waitFor();
    return this;
  }

  /** Types like a person and submits with Enter from the password field. */
  async fill(address: string, password: string): Promise<void> {
    await this.address.fill(address);
    await this.password.fill(password);
  }

  /** Submits and resolves once the server answered POST /api/session (any status). */
  async submitAndWait(): Promise<number> {
    const [res] = await Promise.all([
      this.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/session' && r.request().method() === 'POST'),
      this.password.press('Enter'),
    ]);
    return res.status();
  }

  /** Signs in and waits for the mail app's header to show the address. */
  async signIn(address: string, password: string): Promise<void> {
    await this.fill(address, password);
    const status = await this.submitAndWait();
    if (status !== 200) throw new Error(`sign-in answered ${status}: ${await this.alert.textContent().catch(() => '')}`);
    await this.page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  async isShown(): Promise<boolean> {
    return this.form.isVisible();
  }
}
