import { useTranslation } from 'react-i18next';
import { QUOTA_WARN_RATIO } from '../../../../shared/folders.js';
import { formatSize } from '../../mail/format.js';
import { useQuotaQuery } from '../../state/queries/folders.js';

/** Storage used of the account's quota (RFC 9208); nothing at all when the server reports none. */
export function QuotaBar() {
  const { t } = useTranslation('folders');
  const quota = useQuotaQuery().data;
  if (!quota) return null;
  const ratio = Math.min(1, quota.usedBytes / quota.limitBytes);
  const percent = Math.round(ratio * 100);
  const text = t('quota.used', { used: formatSize(quota.usedBytes), limit: formatSize(quota.limitBytes), percent });
  const warn = ratio > QUOTA_WARN_RATIO;
  return (
    <div className={`quota${warn ? ' is-warning' : ''}`}>
      <div
        className="quota-bar"
        role="meter"
        aria-label={t('quota.label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <span className="quota-fill" style={{ width: `${ratio * 100}%` }} />
      </div>
      <p className="quota-text">
        {text}
        {warn && <span className="quota-warning"> {t('quota.nearlyFull')}</span>}
      </p>
    </div>
  );
}
