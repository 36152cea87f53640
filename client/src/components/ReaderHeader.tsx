import type { Address, MessageDetail } from '../../../shared/mail.js';
import { formatFullDate, fullAddress } from '../mail/format.js';
import { useTranslation } from 'react-i18next';
import { useDateStyle } from '../settings/dateStyle.js';

function Addresses({ label, list }: { label: string; list: Address[] }) {
  if (list.length === 0) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{list.map(fullAddress).join(', ')}</dd>
    </>
  );
}

export function ReaderHeader({ message }: { message: MessageDetail }) {
  const { t } = useTranslation('reader');
  const { spam } = message;
  const dateStyle = useDateStyle();
  return (
    <header className="reader-header">
      <h2 id="reader-subject" className="reader-subject">
        {message.subject || t('noSubject')}
      </h2>
      {spam.tagged && (
        <p className="banner banner-spam" role="note">
          {spam.score !== null ? t('spamWithScore', { score: spam.score }) : t('spam')}
        </p>
      )}
      {message.malformed && (
        <p className="banner banner-note" role="note">
          {t('malformed')}
        </p>
      )}
      {message.truncated && (
        <p className="banner banner-note" role="note">
          {t('truncated')}
        </p>
      )}
      <dl className="reader-addresses">
        <Addresses label={t('from')} list={message.from ? [message.from] : []} />
        <Addresses label={t('to')} list={message.to} />
        <Addresses label={t('cc')} list={message.cc} />
        <dt>{t('date')}</dt>
        <dd>
          <time dateTime={message.date}>{formatFullDate(message.date, dateStyle)}</time>
        </dd>
      </dl>
    </header>
  );
}
