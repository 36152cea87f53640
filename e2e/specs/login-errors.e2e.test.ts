import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LoginPage } from '../pages/LoginPage.js';
import { openWorld, type SpecWorld } from './harness.js';

// The sign-in form's failure paths, in the browser: what a person sees when
// the password is wrong, and that the form stays usable and labelled.

const stack = inject('mailstack');
let w: SpecWorld;
let login: LoginPage;

beforeAll(async () => {
  w = await openWorld(stack);
  login = new LoginPage(w.ui.page);
  await login.open();
});

afterAll(async () => {
  await w?.close();
});

describe('signing in, when it goes wrong', () => {
  it('has labelled fields a screen reader can announce, and the address field has focus', async () => {
    expect(await login.address.getAttribute('type')).toBe('email');
    expect(await login.address.getAttribute('autocomplete')).toBe('username');
    expect(await login.password.getAttribute('type')).toBe('password');
    expect(await login.password.getAttribute('autocomplete')).toBe('current-password');
    expect(await login.address.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await login.alert.count()).toBe(0);
  });

  it('says what is missing without asking the server', async () => {
    const mark = w.ui.recorder.mark();
    await login.submit.click();
    await login.alert.waitFor();
    expect(await login.alert.textContent()).toBe('Enter your full email address, like name@example.org.');
    await login.address.fill(w.user.address);
    await login.submit.click();
    await w.ui.page.getByRole('alert').filter({ hasText: 'Enter your password.' }).waitFor();
    expect(w.ui.recorder.matching((u) => u.endsWith('/api/session'), mark).filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('shows the wrong-password sentence in an alert and keeps the address, clearing only the password', async () => {
    await login.fill(w.user.address, 'not-the-password');
    expect(await login.submitAndWait()).toBe(401);
    await login.alert.filter({ hasText: 'The email address or password is not right. Check both and try again.' }).waitFor();
    expect(await login.address.inputValue()).toBe(w.user.address);
    expect(await login.password.inputValue()).toBe('');
    expect(await login.isShown()).toBe(true);
    expect(await w.ui.page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    // No session was created: the API still refuses.
    expect(await w.ui.page.evaluate(async () => (await fetch('/api/mailboxes')).status)).toBe(401);
    expect((await w.ui.context.cookies()).filter((c) => c.httpOnly)).toEqual([]);
  });

  it('an unknown user gets the same sentence (no hint which part was wrong)', async () => {
    await login.fill(`nobody-${Date.now()}@example.test`, 'whatever-password');
    expect(await login.submitAndWait()).toBe(401);
    await login.alert.filter({ hasText: 'The email address or password is not right. Check both and try again.' }).waitFor();
  });

  it('then signs in with the right password from the same form', async () => {
    await login.fill(w.user.address, w.user.password);
    expect(await login.submitAndWait()).toBe(200);
    await w.ui.page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await login.alert.count()).toBe(0);
    expect(w.ui.recorder.remote()).toEqual([]);
  });
});
