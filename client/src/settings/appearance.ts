import type { Theme } from '../../../shared/settings.js';

/**
 * The theme on <html data-theme="light|dark"> (styles.css defines both sets
 * of colours). "system" follows the operating system's choice, live: the
 * prefers-color-scheme media query (Media Queries Level 5) fires a change
 * event when the user flips it, and the page follows without a reload.
 */

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(theme: Theme, systemPrefersDark: boolean): 'light' | 'dark' {
  if (theme === 'system') return systemPrefersDark ? 'dark' : 'light';
  return theme;
}

let unfollow: (() => void) | null = null;

/** Sets the theme now and, for "system", keeps following the OS until the next call. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  unfollow?.();
  unfollow = null;
  const media = typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : null;
  const set = () => {
    root.dataset.theme = resolveTheme(theme, media?.matches ?? false);
  };
  set();
  if (theme === 'system' && media) {
    media.addEventListener('change', set);
    unfollow = () => media.removeEventListener('change', set);
  }
}
