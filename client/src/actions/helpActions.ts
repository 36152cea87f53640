import { openShortcutHelp } from '../settings/helpState.js';
import { actionText } from './labels.js';
import type { AppAction } from './types.js';

/** "?" opens the list of every shortcut (settings/ShortcutHelp.tsx), as in most mail and web apps. */
export const showShortcutHelp: AppAction = {
  name: 'showShortcutHelp',
  label: () => actionText('showShortcutHelp'),
  shortcut: '?',
  keyTest: (e) => e.key === '?',
  perform: () => openShortcutHelp(),
};

export const HELP_ACTIONS: AppAction[] = [showShortcutHelp];
