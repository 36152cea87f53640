import { useSyncExternalStore } from 'react';
import { formatCriteria, parseCriteria, type Criteria } from '../mail/searchParams.js';

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
  /**
   * A search, as `?<criteria>` after the route (client/src/mail/searchParams.ts):
   * `#/m/<mailbox>[/<uid>]?text=…` is that folder's results, `#/search?text=…`
   * (mailbox null) the results across all folders.
   */
  search?: Criteria;
}

export function parseRoute(hash: string): Route {
  const q = hash.indexOf('?');
  if (q >= 0) {
    const search = parseCriteria(hash.slice(q + 1));
    const base = hash.slice(0, q);
    if (/^#\/search\/?$/.test(base)) return search ? { mailbox: null, uid: null, search } : { mailbox: null, uid: null };
    const route = parseRoute(base);
    return search && route.mailbox !== null ? { ...route, search } : route;
  }
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
  const query = route.search ? formatCriteria(route.search) : '';
  if (route.mailbox === null) return query ? `#/search?${query}` : '#/';
  const base = `#/m/${encodeURIComponent(route.mailbox)}`;
  const path = route.uid === null ? base : `${base}/${route.uid}`;
  return query ? `${path}?${query}` : path;
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
