// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { COMPOSE_ACTIONS } from './composeActions.js';
import { MESSAGE_ACTIONS } from './messageActions.js';
import { NAVIGATION_ACTIONS } from './navigationActions.js';
import type { ActionContext } from './types.js';
import { isTyping } from './useKeyboardActions.js';

function ctx(over: Partial<ActionContext> = {}): ActionContext {
  return {
    mailbox: undefined, mailboxes: [], target: { uid: 5, flags: [], spam: false }, readerOpen: true, isPhone: false,
    cursor: 0, total: 10, moveCursor: vi.fn(), openCursor: vi.fn(), closeReader: vi.fn(), runMessageAction: vi.fn(), openCompose: vi.fn(), ...over,
  };
}

const all = [...NAVIGATION_ACTIONS, ...MESSAGE_ACTIONS, ...COMPOSE_ACTIONS];
function press(key: string, c: ActionContext, target: Element = document.body) {
  const event = new KeyboardEvent('keydown', { key });
  Object.defineProperty(event, 'target', { value: target });
  return all.find((a) => a.keyTest?.(event, c) && (a.predicate?.(c) ?? true));
}

describe('action records', () => {
  it('map the documented keys', () => {
    const c = ctx();
    expect(press('j', c)?.name).toBe('nextMessage');
    expect(press('ArrowDown', c)?.name).toBe('nextMessage');
    expect(press('k', c)?.name).toBe('previousMessage');
    expect(press('ArrowUp', c)?.name).toBe('previousMessage');
    expect(press('Enter', c)?.name).toBe('openMessage');
    expect(press('Delete', c)?.name).toBe('delete');
    expect(press('#', c)?.name).toBe('delete');
    expect(press('u', c)?.name).toBe('toggleRead');
    expect(press('s', c)?.name).toBe('toggleFlag');
  });

  it('map r, a, f and c to compose, and offer "Edit as new" only in Sent', () => {
    const c = ctx();
    for (const [key, mode] of [['r', 'reply'], ['a', 'replyAll'], ['f', 'forward'], ['c', 'new']] as const) {
      press(key, c)!.perform(c);
      expect(c.openCompose).toHaveBeenLastCalledWith(mode);
    }
    expect(press('r', ctx({ target: null }))).toBeUndefined();
    expect(press('c', ctx({ target: null }))?.name).toBe('compose');
    const editAsNew = COMPOSE_ACTIONS.find((a) => a.name === 'editAsNew')!;
    expect(editAsNew.predicate!(ctx())).toBe(false);
    const sent = { path: 'Sent', specialUse: 'sent' } as ActionContext['mailbox'];
    expect(editAsNew.predicate!(ctx({ mailbox: sent }))).toBe(true);
  });

  it('Escape goes back only on phones', () => {
    expect(press('Escape', ctx())).toBeUndefined();
    expect(press('Escape', ctx({ isPhone: true }))?.name).toBe('backToList');
  });

  it('leaves Enter on a button to the button', () => {
    const button = document.createElement('button');
    expect(press('Enter', ctx(), button)).toBeUndefined();
  });

  it('pick the action that matches the message state', () => {
    const unread = ctx();
    MESSAGE_ACTIONS.find((a) => a.name === 'toggleRead')!.perform(unread);
    expect(unread.runMessageAction).toHaveBeenCalledWith('markRead');
    const flagged = ctx({ target: { uid: 5, flags: ['\\Seen', '\\Flagged'], spam: true } });
    MESSAGE_ACTIONS.find((a) => a.name === 'toggleFlag')!.perform(flagged);
    MESSAGE_ACTIONS.find((a) => a.name === 'toggleSpam')!.perform(flagged);
    expect(flagged.runMessageAction).toHaveBeenCalledWith('unflag');
    expect(flagged.runMessageAction).toHaveBeenCalledWith('markNotSpam');
  });

  it('ignore keys typed into fields', () => {
    for (const tag of ['input', 'textarea', 'select']) expect(isTyping(document.createElement(tag))).toBe(true);
    expect(isTyping(document.createElement('div'))).toBe(false);
  });
});
