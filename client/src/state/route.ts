import { useSyncExternalStore } from 'react';

/**
 * The view lives in the URL hash (#/m/<mailbox>/<uid>) so reload and
 * back/forward work with no server routes. The mailbox path is one
 * encodeURIComponent'd segment because IMAP paths contain "/".
 */
export interface Route {
  mailbox: string | null;
  uid: number | null;
  /** `#/settings/<section>`: the settings screen and its section (client/src/settings/sections.ts). */
  settings?: string;
}

export function parseRoute(hash: string): Route {
  const settings = /^#\/settings(?:\/([a-z-]+))?\/?$/.exec(hash);
  if (settings) return { mailbox: null, uid: null, settings: settings[1] ?? '' };
  const match = /^#\/m\/([^/]+)(?:\/(\d+))?\/?$/.exec(hash);
  if (!match) return { mailbox: null, uid: null };
  let mailbox: string | null;
  try {
    mailbox = decodeURIComponent(match[1]!);
  } catch {
    mailbox = null;
  }
  const uid = match[2] ? Number(match[2]) : null;
  return { mailbox, uid: uid !== null && Number.isSafeInteger(uid) && uid > 0 ? uid : null };
}

export function formatRoute(route: Route): string {
  if (route.settings !== undefined) return route.settings ? `#/settings/${route.settings}` : '#/settings';
  if (route.mailbox === null) return '#/';
  const base = `#/m/${encodeURIComponent(route.mailbox)}`;
  return route.uid === null ? base : `${base}/${route.uid}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  // parseRoute is cheap; callers compare fields, not object identity.
  return parseRoute(hash);
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const hash = formatRoute(route);
  if (window.location.hash === hash) return;
  if (options.replace) {
    window.history.replaceState(null, '', hash);
    // replaceState does not fire hashchange; tell subscribers ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}
