import { useCallback, useSyncExternalStore } from 'react';

/**
 * Whether the message list shows conversations (issue 5 part 1). Kept on this
 * device for now; the user setting `conversationView` (shared/settings.ts)
 * will back it later behind the same `[on, setOn]`.
 */

const KEY = 'webmail.conversationView';
const listeners = new Set<() => void>();
/** The last choice, for when storage is refused (a locked-down private window). */
let memory = false;

function read(): boolean {
  try {
    const stored = window.localStorage.getItem(KEY);
    return stored === null ? memory : stored === '1';
  } catch {
    return memory;
  }
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  // Another tab switched it.
  const onStorage = (e: StorageEvent) => e.key === KEY && onChange();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onStorage);
  };
}

export function useConversationView(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, read, () => false);
  const setOn = useCallback((next: boolean) => {
    memory = next;
    try {
      window.localStorage.setItem(KEY, next ? '1' : '0');
    } catch {
      // Not remembered past this page, but the view still switches.
    }
    listeners.forEach((l) => l());
  }, []);
  return [on, setOn];
}
