import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { API, sessionInfoSchema, type LoginRequest, type SessionInfo } from '../../../../shared/api.js';
import { ApiRequestError, apiRequest, onSessionLost, setCsrfToken } from '../../api/http.js';
import { describeError } from '../../errors.js';
import { idbOfflineStore, offlineWiper } from '../../offline/idb.js';
import { offlineStatus } from '../../offline/status.js';
import { forgetLocalSettings } from '../../settings/localCopy.js';

export const sessionKeys = {
  current: () => ['session'] as const,
};

/** The signed-in session, or null when nobody is signed in (a 401 here is an answer, not an error). */
export function useSessionQuery() {
  return useQuery({
    queryKey: sessionKeys.current(),
    queryFn: async ({ signal }): Promise<SessionInfo | null> => {
      try {
        const info = await apiRequest(API.session, sessionInfoSchema, { signal, reportSessionLoss: false });
        setCsrfToken(info.csrfToken);
        void idbOfflineStore.rememberAccount(info.user.address);
        return info;
      } catch (err) {
        if (err instanceof ApiRequestError && err.status === 401) return null;
        if (err instanceof ApiRequestError && err.code === 'NETWORK_ERROR') {
          const saved = await savedSession();
          if (saved) return saved;
        }
        throw err;
      }
    },
    staleTime: Infinity,
    retry: 1,
    // Offline, the probe must still run once so a reload can fall back to the saved session.
    networkMode: 'offlineFirst',
  });
}

/**
 * A reload without a link cannot ask the server who is signed in. If this
 * device kept mail for someone (they did not sign out), show it read-only
 * until the link returns; there is no CSRF token, so nothing can be changed
 * on the server before GET /api/session answers again (useOfflineSync asks).
 */
async function savedSession(): Promise<SessionInfo | null> {
  const address = await idbOfflineStore.lastAccount();
  if (!address) return null;
  offlineStatus.servedSaved();
  return { user: { address }, csrfToken: '', idleTimeoutSeconds: 1 };
}

/** Forget everything the previous session loaded, so another user never sees it. */
function dropMailData(queryClient: QueryClient): void {
  const notSession = { predicate: (q: { queryKey: readonly unknown[] }) => q.queryKey[0] !== sessionKeys.current()[0] };
  void queryClient.cancelQueries(notSession);
  queryClient.removeQueries(notSession);
}

export function useLoginMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) =>
      apiRequest(API.session, sessionInfoSchema, { method: 'POST', body, reportSessionLoss: false }),
    onSuccess: (info) => {
      setCsrfToken(info.csrfToken);
      dropMailData(queryClient);
      offlineStatus.reset();
      void idbOfflineStore.rememberAccount(info.user.address);
      queryClient.setQueryData(sessionKeys.current(), info);
    },
  });
}

/**
 * Signed out, or the session lost: nothing of this person stays on the device
 * (the service worker's cached app files are not personal), and the login
 * form shows. A failed wipe is said and tried again (offline/wipe.ts,
 * WipeNotice), not swallowed.
 */
function leaveDevice(queryClient: QueryClient, { keepQueue }: { keepQueue: boolean }): void {
  const account = queryClient.getQueryData<SessionInfo | null>(sessionKeys.current())?.user.address;
  if (account) void offlineWiper.wipe({ account, keepQueue });
  forgetLocalSettings();
  offlineStatus.reset();
  setCsrfToken(null);
  // Flip to the login form first, so no mounted observer refetches what we drop.
  queryClient.setQueryData(sessionKeys.current(), null);
  dropMailData(queryClient);
}

export function useLogoutMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest(API.session, null, { method: 'DELETE', reportSessionLoss: false }),
    // Sign out locally even when the server call fails: the person asked to leave.
    onSettled: () => leaveDevice(queryClient, { keepQueue: false }),
  });
}

/**
 * Listens for a 401 from any call: shows the login form again with a sentence
 * saying why. Returns that sentence (null when there is nothing to explain).
 */
export function useSessionLossNotice(): [string | null, (notice: string | null) => void] {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    onSessionLost((code) => {
      // The saved mail goes too; changes still queued wait for the same person to sign in again.
      leaveDevice(queryClient, { keepQueue: true });
      setNotice(describeError({ code }));
    });
    return () => onSessionLost(null);
  }, [queryClient]);
  return [notice, setNotice];
}
