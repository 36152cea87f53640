import { useTranslation } from 'react-i18next';
import { offlineStatus, useOfflineStatus } from '../offline/status.js';
import type { OfflineStore } from '../offline/store.js';
import { useOfflineRetry } from '../state/queries/offlineSync.js';

/**
 * Says when what is on screen is this device's saved copy, how many changes
 * wait for the link and why the last try to send them stopped, and which
 * changes made offline the server refused: each can be tried again or
 * dismissed.
 */
export function OfflineNotice({ account, store }: { account: string; store?: OfflineStore }) {
  const { t } = useTranslation();
  const { showingSaved, queued, stalled, refused } = useOfflineStatus();
  const { tryNow, retryRefused } = useOfflineRetry(account, store);
  const waiting = queued > 0 ? t('offline.queued', { count: queued }) : '';
  const status = [showingSaved ? t('offline.showingSaved') : '', waiting, queued > 0 && stalled ? stalled : ''].filter(Boolean).join(' ');
  return (
    <>
      {status && (
        <p className="offline-notice" role="status">
          {status}
          {queued > 0 && stalled && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={tryNow}>
                {t('offline.tryNow')}
              </button>
            </>
          )}
        </p>
      )}
      {refused.length > 0 && (
        <div className="offline-refused" role="alert">
          <ul>
            {refused.map((change) => (
              <li key={change.id}>
                {change.sentence}{' '}
                <button type="button" className="link-button" onClick={() => void retryRefused(change)}>
                  {t('offline.retryChange')}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={() => offlineStatus.dismissRefused()}>
            {t('dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
