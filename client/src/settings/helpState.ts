import { useSyncExternalStore } from 'react';

/**
 * Whether the keyboard shortcut help is open. A tiny store of its own, so the
 * "?" key (an action record) and the settings panel's button open the same
 * overlay, which MailApp renders once.
 */
let open = false;
const listeners = new Set<() => void>();

function set(next: boolean): void {
  if (open === next) return;
  open = next;
  for (const l of listeners) l();
}

export const openShortcutHelp = () => set(true);
export const closeShortcutHelp = () => set(false);

export function useShortcutHelpOpen(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    () => open,
  );
}
