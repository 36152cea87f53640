import type { AttachmentItem } from '../../compose/useAttachments.js';
import { formatSize } from '../../mail/format.js';
import { useTranslation } from 'react-i18next';

/** Extension for the warning sentence ("Mail servers often refuse .exe files"). */
function extensionOf(name: string): string {
  return /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
}

export function AttachmentPanel({ items, onRemove }: { items: AttachmentItem[]; onRemove: (key: string) => void }) {
  const { t } = useTranslation('compose');
  if (items.length === 0) return null;
  return (
    <ul className="compose-attachments" aria-label={t('attachments')}>
      {items.map((item) => {
        const percent = item.size > 0 ? Math.round((item.received / item.size) * 100) : item.state === 'done' ? 100 : 0;
        return (
          <li key={item.key} className={`compose-attachment is-${item.state}`}>
            <span className="attachment-name">{item.filename}</span>
            {item.contentId && <span className="attachment-type">{t('inMessage')}</span>}
            <span className="attachment-size">{formatSize(item.size)}</span>
            {(item.state === 'uploading' || item.state === 'done') && (
              <span
                className="upload-progress"
                role="progressbar"
                aria-label={t('uploading', { name: item.filename })}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
              >
                <span className="upload-progress-bar" style={{ width: `${percent}%` }} />
              </span>
            )}
            <button type="button" className="link-button" aria-label={t('removeNamed', { name: item.filename })} onClick={() => onRemove(item.key)}>
              {t('remove')}
            </button>
            {item.error && (
              <span className="attachment-error" role="alert">
                {item.filename}: {item.error}
              </span>
            )}
            {item.blocked && item.state !== 'refused' && (
              <span className="attachment-warning">{t('blockedWarning', { ext: extensionOf(item.filename) })}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
