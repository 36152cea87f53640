import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRoute } from '../state/route.js';
import { SETTINGS_SECTIONS } from './sections.js';

/** The settings screen: a menu of sections and the open one's panel. */
export function SettingsView({ section, onClose }: { section: string; onClose: () => void }) {
  const { t } = useTranslation('settings');
  const current = SETTINGS_SECTIONS.find((s) => s.id === section) ?? SETTINGS_SECTIONS[0]!;
  return (
    <div className="settings" data-testid="settings">
      <nav className="settings-nav pane" aria-label={t('title')}>
        <h1 className="pane-title">{t('title')}</h1>
        <ul>
          {SETTINGS_SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={formatRoute({ mailbox: null, uid: null, settings: s.id })} aria-current={s.id === current.id ? 'page' : undefined}>
                {t(s.label)}
              </a>
            </li>
          ))}
        </ul>
        <button type="button" onClick={onClose}>
          {t('back')}
        </button>
      </nav>
      <section className="settings-panel pane" aria-label={t(current.label)}>
        <Suspense fallback={<p role="status">{t('loading')}</p>}>
          <current.Panel />
        </Suspense>
      </section>
    </div>
  );
}
