import { useTranslation } from 'react-i18next';
import { offlineWiper } from '../offline/idb.js';
import { useWipeState, type Wiper } from '../offline/wipe.js';

/**
 * Says that the mail saved on this device could not be erased at sign-out
 * (a privacy promise the app could not keep yet), with a way to try again.
 * Shown above the login form and the app alike: it outlives the session.
 */
export function WipeNotice({ wiper = offlineWiper }: { wiper?: Wiper }) {
  const { t } = useTranslation();
  const { failed, running } = useWipeState(wiper);
  if (failed.length === 0) return null;
  return (
    <div className="device-alert wipe-failed" role="alert">
      <p>{t('wipe.failed')}</p>
      <button type="button" className="link-button" disabled={running} onClick={() => void wiper.finishPending()}>
        {running ? t('wipe.trying') : t('wipe.retry')}
      </button>
    </div>
  );
}
