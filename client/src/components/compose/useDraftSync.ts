import { useEffect, useRef, useState } from 'react';
import type { Draft } from '../../../../shared/compose.js';
import { DraftSync, openDraftIds, statusText, type SaveStatus } from '../../compose/draftStore.js';
import { idbLocalDrafts } from '../../compose/localDrafts.js';
import { saveDraft } from '../../state/queries/compose.js';
import { useSettings } from '../../state/queries/settings.js';

/**
 * Wires one DraftSync to the page: every change of `draft` is saved (locally
 * soon, to the server later), and everything is saved at once when the tab is
 * hidden or closed, with keepalive so the request outlives the page.
 */
export function useDraftSync(initial: Draft, draft: Draft, account: string, unsaved: boolean) {
  const [status, setStatus] = useState<SaveStatus>('idle');
  // The user's autosave interval (the local copy still follows every pause in typing).
  const { autosaveSeconds } = useSettings();
  const [sync] = useState(
    () => new DraftSync(initial, { local: idbLocalDrafts, save: saveDraft, account, onStatus: setStatus, serverDelayMs: autosaveSeconds * 1000 }, unsaved),
  );
  // The draft as opened is not a change (compared by identity: StrictMode runs effects twice).
  const last = useRef(draft);

  useEffect(() => {
    if (draft === last.current) return;
    last.current = draft;
    sync.change(draft);
  }, [draft, sync]);

  useEffect(() => {
    openDraftIds.add(initial.draftId);
    const onHidden = () => {
      if (document.visibilityState === 'hidden') void sync.flush({ keepalive: true });
    };
    const onPageHide = () => void sync.flush({ keepalive: true });
    const onOnline = () => sync.retry();
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('online', onOnline);
    return () => {
      // Closing the window (or opening another message) saves what is there.
      void sync.flush();
      openDraftIds.delete(initial.draftId);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('online', onOnline);
    };
  }, [sync, initial.draftId]);

  return { sync, status, statusText: statusText(status) };
}
