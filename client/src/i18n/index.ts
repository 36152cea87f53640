import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

/**
 * Translations (issue 7 part 3), with i18next. One JSON file per feature and
 * language: `locales/<lang>/<namespace>.json`, bundled at build time (no
 * runtime fetch, so the CSP and the offline shell need nothing new). A
 * component uses `useTranslation('<namespace>')`. English is the fallback;
 * `locales.test.ts` fails when a language lacks a key English has.
 */

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });

export function buildResources(): Resource {
  const resources: Resource = {};
  for (const [file, mod] of Object.entries(files)) {
    const m = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
    if (!m) continue;
    const [, lang, ns] = m as unknown as [string, string, string];
    (resources[lang] ??= {})[ns] = mod.default;
  }
  return resources;
}

/** The browser's language when it is one we have, else English. */
export function detectLanguage(navigatorLanguages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages): Language {
  for (const tag of navigatorLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if ((LANGUAGES as readonly string[]).includes(base ?? '')) return base as Language;
  }
  return 'en';
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: buildResources(),
  lng: detectLanguage(),
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: Object.keys(buildResources().en ?? { common: {} }),
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

/** Switches the UI language and the document's lang attribute (screen readers, hyphenation). */
export async function setLanguage(lang: Language): Promise<void> {
  await i18n.changeLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
