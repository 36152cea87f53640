import type { AppAction } from './types.js';

/**
 * A shortcut on a letter, taken in either case (Caps Lock or Shift held must
 * not make the key do nothing), and shown in tooltips as the capital.
 */
export function letterKey(letter: string): Pick<AppAction, 'shortcut' | 'keyTest'> {
  const lower = letter.toLowerCase();
  const upper = letter.toUpperCase();
  return { shortcut: upper, keyTest: (e) => e.key === lower || e.key === upper };
}
