import type { ActionContext, AppAction } from '../actions/types.js';

/**
 * The content of the shortcut help, read from the action records themselves
 * (client/src/actions/): each record's keyTest is asked which keys it
 * answers, so the help always says what the keyboard really does, and a new
 * action with a key shows up without anyone editing a list.
 */

export interface ShortcutRow {
  /** The action's name: the translation key is `shortcuts.actions.<name>`. */
  name: string;
  /** The record's own label (in the current language), used when the help has no wording for it. */
  fallbackLabel: string;
  /** Keys as they are shown: letters upper-cased, arrows as arrows; named keys as `key:<Name>` for translation. */
  keys: string[];
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const NAMED = ['Enter', 'Escape', 'Delete', 'Backspace', 'Tab', ' ', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'];
/** Keys a user might press, as KeyboardEvent.key values (UI Events KeyboardEvent key Values). */
export const CANDIDATE_KEYS: readonly string[] = [
  ...LETTERS,
  ...LETTERS.toUpperCase(),
  ...'0123456789',
  ...'#?/!*.,;:[]{}-=+_<>|\\\'"`~@$%^&()',
  ...NAMED,
];

const ARROWS: Record<string, string> = { ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→' };

/** How a key is shown: "J" for j and J alike, "↓", or "key:Delete" for a name the UI translates. */
export function keyLabel(key: string): string {
  const arrow = ARROWS[key];
  if (arrow) return arrow;
  if (key === ' ') return 'key:Space';
  if (key.length === 1) return key.toUpperCase();
  return `key:${key}`;
}

/** An ActionContext with nothing in it: enough to ask a keyTest which keys it takes. */
const NEUTRAL: ActionContext = {
  mailbox: undefined,
  mailboxes: [],
  target: null,
  readerOpen: false,
  isPhone: false,
  cursor: 0,
  total: 0,
  moveCursor: () => undefined,
  openCursor: () => undefined,
  closeReader: () => undefined,
  runMessageAction: () => undefined,
  openCompose: () => undefined,
};

/** A keydown as the records see it, on the page body (not in a field or on a button). */
function keyEvent(key: string): KeyboardEvent {
  const target = typeof document === 'undefined' ? null : document.body;
  return { key, target, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false } as unknown as KeyboardEvent;
}

/** One row per action that has a key, in the records' order; keys deduplicated (j and J are one key). */
export function shortcutRows(actions: readonly AppAction[]): ShortcutRow[] {
  const rows: ShortcutRow[] = [];
  for (const action of actions) {
    if (!action.keyTest) continue;
    const keys: string[] = [];
    for (const key of CANDIDATE_KEYS) {
      const label = keyLabel(key);
      if (!keys.includes(label) && action.keyTest(keyEvent(key), NEUTRAL)) keys.push(label);
    }
    if (keys.length === 0) continue;
    const fallbackLabel = typeof action.label === 'string' ? action.label : action.label(NEUTRAL);
    rows.push({ name: action.name, fallbackLabel, keys });
  }
  return rows;
}
