import type { MessageDetail } from '../../../shared/mail.js';
import { formatSize } from '../mail/format.js';
import { attachmentUrl } from '../state/queries/messages.js';
import { useTranslation } from 'react-i18next';

/** Downloadable parts; inline images the HTML body already shows are left out. */
export function AttachmentList({ message, mailboxPath }: { message: MessageDetail; mailboxPath: string }) {
  const { t } = useTranslation('reader');
  const html = message.html ?? '';
  const files = message.attachments.filter(
    (a) => !(a.inline && a.contentId && html.includes(`cid:${a.contentId}`)),
  );
  if (files.length === 0) return null;
  return (
    <section className="attachments" aria-label={t('attachments.label')}>
      <h3 className="attachments-title">
        {t('attachments.count', { count: files.length })}
      </h3>
      <ul>
        {files.map((a) => (
          <li key={a.partId} className="attachment">
            <a href={attachmentUrl(mailboxPath, message.uid, a.partId)} download={a.filename || true}>
              {a.filename || t('attachments.unnamed')}
            </a>
            <span className="attachment-type">{a.contentType}</span>
            {/* The server reports the encoded size; base64 makes it about a third larger than the file. */}
            <span className="attachment-size">{formatSize(a.size)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
