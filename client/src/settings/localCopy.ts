import { settingsSchema, type Settings } from '../../../shared/settings.js';

/**
 * The last settings this browser saw, kept in localStorage so a reload paints
 * the right theme and language at once (before GET /api/settings answers) and
 * an offline reload keeps the user's page size and time zone. Settings are
 * not secret, but they are personal: the copy names its account, is used
 * only for that account, and goes at sign-out (state/queries/session.ts).
 */
const KEY = 'webmail.settings';

interface LocalCopy {
  account: string;
  settings: Settings;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Some privacy modes throw on the mere access.
    return null;
  }
}

/** The saved copy, if it belongs to `account` (any account when omitted) and still parses. */
export function readLocalSettings(account?: string): LocalCopy | null {
  try {
    const raw = storage()?.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<LocalCopy>;
    if (typeof parsed.account !== 'string' || (account !== undefined && parsed.account !== account)) return null;
    const settings = settingsSchema.safeParse(parsed.settings);
    return settings.success ? { account: parsed.account, settings: settings.data } : null;
  } catch {
    return null;
  }
}

export function writeLocalSettings(account: string, settings: Settings): void {
  try {
    storage()?.setItem(KEY, JSON.stringify({ account, settings } satisfies LocalCopy));
  } catch {
    // Full or refused: the server keeps the real copy.
  }
}

export function forgetLocalSettings(): void {
  try {
    storage()?.removeItem(KEY);
  } catch {
    // Nothing to forget.
  }
}
