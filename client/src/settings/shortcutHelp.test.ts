// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYBOARD_ACTIONS } from '../actions/keyboardActions.js';
import type { AppAction } from '../actions/types.js';
import { keyLabel, shortcutRows } from './shortcutHelp.js';

const rows = shortcutRows(KEYBOARD_ACTIONS);
const keysOf = (name: string) => rows.find((r) => r.name === name)?.keys;

function locale(lang: string): { shortcuts: { actions: Record<string, string>; keys: Record<string, string> } } {
  return JSON.parse(readFileSync(join(import.meta.dirname, '..', 'i18n', 'locales', lang, 'settings.json'), 'utf8'));
}

describe('shortcut help', () => {
  it('lists the keys each action record really answers, read from its keyTest', () => {
    expect(keysOf('nextMessage')).toEqual(['J', '↓']);
    expect(keysOf('previousMessage')).toEqual(['K', '↑']);
    expect(keysOf('openMessage')).toEqual(['key:Enter']);
    expect(keysOf('delete')).toEqual(['#', 'key:Delete']);
    expect(keysOf('reply')).toEqual(['R']);
    expect(keysOf('replyAll')).toEqual(['A']);
    expect(keysOf('toggleRead')).toEqual(['U']);
    expect(keysOf('toggleFlag')).toEqual(['S']);
    expect(keysOf('compose')).toEqual(['C']);
    expect(keysOf('backToList')).toEqual(['key:Escape']);
    expect(keysOf('showShortcutHelp')).toEqual(['?']);
  });

  it('has a row for every keyboard action and none for actions without a key', () => {
    const withKeys = KEYBOARD_ACTIONS.filter((a) => a.keyTest).map((a) => a.name);
    expect(rows.map((r) => r.name)).toEqual(withKeys);
    // Toolbar-only actions (forward as attachment, mark as spam) have no key.
    expect(rows.map((r) => r.name)).not.toContain('forwardAsAttachment');
    expect(rows.map((r) => r.name)).not.toContain('toggleSpam');
  });

  it('picks up a new action with a key without anyone editing a list', () => {
    const archive: AppAction = { name: 'archive', label: 'Archive', keyTest: (e) => e.key === 'e' || e.key === 'E', perform: () => undefined };
    expect(shortcutRows([...KEYBOARD_ACTIONS, archive]).at(-1)).toEqual({ name: 'archive', fallbackLabel: 'Archive', keys: ['E'] });
  });

  it.each(['en', 'fr'])('is translated in %s: every action and every named key shown', (lang) => {
    const { actions, keys } = locale(lang).shortcuts;
    for (const row of rows) {
      expect(actions[row.name], `shortcuts.actions.${row.name}`).toBeTruthy();
      for (const k of row.keys.filter((k) => k.startsWith('key:'))) expect(keys[k.slice(4)], `shortcuts.keys.${k.slice(4)}`).toBeTruthy();
    }
  });

  it('shows letters in capitals and arrows as arrows', () => {
    expect([keyLabel('j'), keyLabel('J'), keyLabel('ArrowLeft'), keyLabel(' '), keyLabel('PageDown')]).toEqual(['J', 'J', '←', 'key:Space', 'key:PageDown']);
  });
});
