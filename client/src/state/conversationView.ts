import { useCallback } from 'react';
import { useSettings, useSettingsMutation } from './queries/settings.js';

/**
 * Whether the message list shows conversations (issue 5 part 1): the user's
 * `conversationView` setting (shared/settings.ts), so the choice follows them
 * to every browser. The list toolbar's switch and the settings panel change
 * the same value; the settings query's device copy keeps it across reloads
 * and offline.
 */
export function useConversationView(): [boolean, (on: boolean) => void] {
  const { conversationView } = useSettings();
  const mutation = useSettingsMutation();
  const { mutate } = mutation;
  const setOn = useCallback((next: boolean) => mutate({ conversationView: next }), [mutate]);
  return [conversationView, setOn];
}
