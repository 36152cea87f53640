import { usePushStatus } from '../state/push.js';
import { useNotificationSetting } from '../state/notifications.js';
import { useTranslation } from 'react-i18next';

/** Shown while the live link (or the server's IMAP link) is down; socket.io retries with back-off. */
export function ConnectionNotice() {
  const { t } = useTranslation();
  const status = usePushStatus();
  if (status !== 'reconnecting') return null;
  return (
    <p className="connection-notice" role="status">
      {t('push.reconnecting')}
    </p>
  );
}

/** Asks for notification permission only on a click, never on page load; can be turned off again. */
export function NotificationToggle() {
  const { t } = useTranslation();
  const [setting, { enable, disable }] = useNotificationSetting();
  if (setting === 'unsupported' || setting === 'blocked') return null;
  if (setting === 'on') {
    return (
      <button type="button" className="link-button" onClick={disable}>
        {t('push.notificationsOff')}
      </button>
    );
  }
  return (
    <button type="button" className="link-button" onClick={enable}>
      {t('push.notificationsOn')}
    </button>
  );
}
