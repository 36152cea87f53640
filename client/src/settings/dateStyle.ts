import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DateStyle } from '../mail/format.js';
import { useSettings } from '../state/queries/settings.js';

/**
 * The locale dates are written in: the UI language, with the browser's
 * region when it speaks the same language (en-US writes "Jun 14, 9:05 PM",
 * en-GB "14 Jun, 21:05"), else the bare language.
 */
export function dateLocale(language: string, navigatorLanguages: readonly string[]): string {
  const same = navigatorLanguages.find((tag) => tag.toLowerCase().split('-')[0] === language);
  return same ?? language;
}

/** The user's time zone, date format and language, for format.ts. */
export function useDateStyle(): DateStyle {
  const { timeZone, dateFormat } = useSettings();
  // Subscribes to language changes, so every date re-renders in the new language.
  const { i18n } = useTranslation();
  const locale = dateLocale(i18n.language, typeof navigator === 'undefined' ? [] : navigator.languages);
  return useMemo(() => ({ timeZone, dateFormat, locale }), [timeZone, dateFormat, locale]);
}
