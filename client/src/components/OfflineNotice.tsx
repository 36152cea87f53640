import { offlineStatus, useOfflineStatus } from '../offline/status.js';
import { useTranslation } from 'react-i18next';

/**
 * Says when what is on screen is this device's saved copy, how many changes
 * wait for the link, and which changes made offline the server refused.
 */
export function OfflineNotice() {
  const { t } = useTranslation();
  const { showingSaved, queued, refused } = useOfflineStatus();
  const waiting = queued > 0 ? t('offline.queued', { count: queued }) : '';
  return (
    <>
      {(showingSaved || queued > 0) && (
        <p className="offline-notice" role="status">
          {showingSaved ? t('offline.showingSaved') : ''}
          {showingSaved && waiting ? ' ' : ''}
          {waiting}
        </p>
      )}
      {refused.length > 0 && (
        <div className="offline-refused" role="alert">
          <ul>
            {refused.map((sentence, i) => (
              <li key={i}>{sentence}</li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={offlineStatus.dismissRefused}>
            {t('dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
