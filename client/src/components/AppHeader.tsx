import { useTranslation } from 'react-i18next';
import { useLogoutMutation } from '../state/queries/session.js';
import { NotificationToggle } from './PushStatus.js';
import { formatRoute } from '../state/route.js';

export function AppHeader({ address, onCompose }: { address: string; onCompose: () => void }) {
  const { t } = useTranslation('mail');
  const logout = useLogoutMutation();
  const newMessage = t('header.newMessage');
  return (
    <header className="app-header">
      <span className="app-name">{t('appName')}</span>
      <button type="button" className="primary" title={t('actions:withShortcut', { label: newMessage, key: 'C' })} aria-keyshortcuts="C" onClick={onCompose}>
        {newMessage}
      </button>
      <NotificationToggle />
      <span className="app-user" title={address}>
        {address}
      </span>
      <a className="button" href={formatRoute({ mailbox: null, uid: null, settings: '' })}>
        {t('header.settings')}
      </a>
      <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
        {t('header.signOut')}
      </button>
    </header>
  );
}
