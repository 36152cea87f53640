import { useTranslation } from 'react-i18next';

/** The list toolbar's switch between the plain list and conversations. */
export function ConversationToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const { t } = useTranslation('threads');
  return (
    <button type="button" className="conversation-toggle" aria-pressed={on} title={t('toggleTitle')} onClick={() => onChange(!on)}>
      {t('toggle')}
    </button>
  );
}
