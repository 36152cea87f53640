import { COMPOSE_ACTIONS } from './composeActions.js';
import { HELP_ACTIONS } from './helpActions.js';
import { MESSAGE_ACTIONS } from './messageActions.js';
import { NAVIGATION_ACTIONS } from './navigationActions.js';
import type { AppAction } from './types.js';

/**
 * Every action the keyboard reaches, in the order keys are tried. The mail
 * view installs exactly this list, and the shortcut help is built from it,
 * so the help can never promise a key that does nothing.
 */
export const KEYBOARD_ACTIONS: readonly AppAction[] = [...NAVIGATION_ACTIONS, ...MESSAGE_ACTIONS, ...COMPOSE_ACTIONS, ...HELP_ACTIONS];
