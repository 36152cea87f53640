import { usePushStatus } from '../state/push.js';
import { useNotificationSetting } from '../state/notifications.js';

/** Shown while the live link (or the server's IMAP link) is down; socket.io retries with back-off. */
export function ConnectionNotice() {
  const status = usePushStatus();
  if (status !== 'reconnecting') return null;
  return (
    <p className="connection-notice" role="status">
      Reconnecting…
    </p>
  );
}

/** Asks for notification permission only on a click, never on page load; can be turned off again. */
export function NotificationToggle() {
  const [setting, { enable, disable }] = useNotificationSetting();
  if (setting === 'unsupported' || setting === 'blocked') return null;
  if (setting === 'on') {
    return (
      <button type="button" className="link-button" onClick={disable}>
        Turn off notifications
      </button>
    );
  }
  return (
    <button type="button" className="link-button" onClick={enable}>
      Turn on notifications
    </button>
  );
}
