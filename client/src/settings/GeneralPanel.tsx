import { useTranslation } from 'react-i18next';

/** General preferences (page size, language, theme, …): filled in by the settings work of issue 7. */
export function GeneralPanel() {
  const { t } = useTranslation('settings');
  return <h2 className="settings-heading">{t('sections.general')}</h2>;
}
