import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { DEFAULT_SETTINGS, SETTINGS_API, settingsSchema, type Settings, type SettingsPatch } from '../../../../shared/settings.js';
import { apiRequest } from '../../api/http.js';
import { readLocalSettings, writeLocalSettings } from '../../settings/localCopy.js';
import { accountOf, isNetworkError } from './offline.js';

/** The signed-in user's settings (issue 7 part 3), kept on the server per user. */
export const settingsKeys = {
  current: () => ['settings'] as const,
};
export const SETTINGS_MUTATION_KEY = ['settings', 'patch'] as const;
const MUTATION_KEY = SETTINGS_MUTATION_KEY;

/**
 * The settings, from the server. Until it answers (and when the network is
 * down) the device's last copy for this account stands in, so the theme and
 * the page size do not jump on reload. Changed only from this browser, so
 * never stale while it is open; another browser's change shows at next load.
 */
export function useSettingsQuery() {
  const qc = useQueryClient();
  const account = accountOf(qc);
  return useQuery<Settings>({
    queryKey: settingsKeys.current(),
    queryFn: async ({ signal }): Promise<Settings> => {
      try {
        const settings = await apiRequest(SETTINGS_API.settings, settingsSchema, { signal });
        if (account && accountOf(qc) === account) writeLocalSettings(account, settings);
        return settings;
      } catch (err) {
        const copy = account && isNetworkError(err) ? readLocalSettings(account) : null;
        if (copy) return copy.settings;
        throw err;
      }
    },
    placeholderData: (): Settings | undefined => (account ? readLocalSettings(account)?.settings : undefined),
    staleTime: Infinity,
    networkMode: 'offlineFirst',
  });
}

/** The settings to act on now: the user's, or the defaults while they load (or if they cannot). */
export function useSettings(): Settings {
  return useSettingsQuery().data ?? DEFAULT_SETTINGS;
}

/**
 * Changes some settings. Optimistic (STYLE.md §8): the screen follows the
 * click at once, and goes back to what it was if the server refuses.
 */
export function settingsMutationOptions(qc: QueryClient) {
  const key = settingsKeys.current();
  return {
    mutationKey: MUTATION_KEY,
    mutationFn: (patch: SettingsPatch) => apiRequest(SETTINGS_API.settings, settingsSchema, { method: 'PATCH', body: patch }),
    onMutate: async (patch: SettingsPatch) => {
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData<Settings>(key);
      qc.setQueryData<Settings>(key, { ...(previous ?? DEFAULT_SETTINGS), ...patch });
      return { previous };
    },
    onError: (_err: unknown, _patch: SettingsPatch, context: { previous: Settings | undefined } | undefined) => {
      if (context?.previous) qc.setQueryData(key, context.previous);
      else void qc.invalidateQueries({ queryKey: key });
    },
    onSuccess: (settings: Settings) => {
      const account = accountOf(qc);
      if (account) writeLocalSettings(account, settings);
      // Two quick changes: the first answer lacks the second, which is still on its way; let the last one speak.
      if (qc.isMutating({ mutationKey: MUTATION_KEY }) <= 1) qc.setQueryData(key, settings);
    },
  };
}

export function useSettingsMutation() {
  const qc = useQueryClient();
  return useMutation(settingsMutationOptions(qc));
}
