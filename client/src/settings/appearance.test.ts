// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyTheme, resolveTheme } from './appearance.js';
import { dateLocale } from './dateStyle.js';

/** A matchMedia whose answer the test flips, as the OS setting would. */
function fakeDarkMode(initial: boolean) {
  const listeners = new Set<() => void>();
  const media = {
    matches: initial,
    addEventListener: (_: string, l: () => void) => listeners.add(l),
    removeEventListener: (_: string, l: () => void) => listeners.delete(l),
  };
  vi.stubGlobal('matchMedia', vi.fn(() => media));
  return {
    listeners,
    flip(dark: boolean) {
      media.matches = dark;
      for (const l of listeners) l();
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('theme', () => {
  it('resolves "system" from the OS and keeps an explicit choice', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('follows the system live for "system", and stops following when the user picks a theme', () => {
    const os = fakeDarkMode(false);
    const root = document.createElement('html');
    applyTheme('system', root);
    expect(root.dataset.theme).toBe('light');
    os.flip(true);
    expect(root.dataset.theme).toBe('dark');
    applyTheme('light', root);
    expect(root.dataset.theme).toBe('light');
    expect(os.listeners.size).toBe(0);
    os.flip(false);
    os.flip(true);
    expect(root.dataset.theme).toBe('light');
  });
});

describe('dateLocale', () => {
  it('keeps the browser’s region when it speaks the UI language', () => {
    expect(dateLocale('en', ['en-US', 'fr-FR'])).toBe('en-US');
    expect(dateLocale('fr', ['en-US', 'fr-CA'])).toBe('fr-CA');
    expect(dateLocale('fr', ['en-GB'])).toBe('fr');
  });
});
