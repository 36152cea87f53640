import { useEffect } from 'react';
import { detectLanguage, setLanguage } from '../i18n/index.js';
import { useSettings } from '../state/queries/settings.js';
import { applyTheme } from './appearance.js';

/**
 * Puts the signed-in user's theme and language on the page; the other
 * settings are read where they act (page size in the list, date style in
 * format.ts, and so on). On sign-out the page goes back to following the
 * system and the browser's language, so the next person starts neutral.
 */
export function useApplySettings(): void {
  const { theme, language } = useSettings();

  useEffect(() => applyTheme(theme), [theme]);

  useEffect(() => {
    void setLanguage(language || detectLanguage());
  }, [language]);

  useEffect(
    () => () => {
      applyTheme('system');
      void setLanguage(detectLanguage());
    },
    [],
  );
}
