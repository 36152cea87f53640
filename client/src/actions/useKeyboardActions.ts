import { useEffect, useRef } from 'react';
import type { ActionContext, AppAction } from './types.js';

/** Keys typed into a field are text, not commands. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/**
 * Runs the first action whose keyTest matches. The context is read through a
 * ref so the listener is installed once, not on every render. `enabled` is
 * the user's "keyboard shortcuts" setting: off, no key is taken from the page.
 */
export function useKeyboardActions(actions: readonly AppAction[], ctx: ActionContext, enabled = true): void {
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      // Leave the browser's and the system's own shortcuts alone.
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (isTyping(event.target)) return;
      const current = ctxRef.current;
      const action = actions.find((a) => a.keyTest?.(event, current) && (a.predicate?.(current) ?? true));
      if (!action) return;
      event.preventDefault();
      action.perform(current);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions, enabled]);
}
