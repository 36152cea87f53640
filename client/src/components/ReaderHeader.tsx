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

/**
 * Who wrote to whom, and when. `noSender` names a missing sender (the
 * conversation stack always has a From line); without it the line is left out.
 */
export function MessageAddresses({ message, noSender }: { message: MessageDetail; noSender?: string }) {
  const { t } = useTranslation('reader');
  const dateStyle = useDateStyle();
  return (
    <dl className="reader-addresses">
      {message.from === null && noSender !== undefined ? (
        <>
          <dt>{t('from')}</dt>
          <dd>{noSender}</dd>
        </>
      ) : (
        <Addresses label={t('from')} list={message.from ? [message.from] : []} />
      )}
      <Addresses label={t('to')} list={message.to} />
      <Addresses label={t('cc')} list={message.cc} />
      <dt>{t('date')}</dt>
      <dd>
        <time dateTime={message.date}>{formatFullDate(message.date, dateStyle)}</time>
      </dd>
    </dl>
  );
}

/** The notes above a message's body: tagged as spam (with the filter's score where asked), badly formed, cut short. */
export function MessageBanners({ message, showScore }: { message: MessageDetail; showScore: boolean }) {
  const { t } = useTranslation('reader');
  const { spam } = message;
  return (
    <>
      {spam.tagged && (
        <p className="banner banner-spam" role="note">
          {showScore && spam.score !== null ? t('spamWithScore', { score: spam.score }) : t('spam')}
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
    </>
  );
}

export function ReaderHeader({ message }: { message: MessageDetail }) {
  const { t } = useTranslation('reader');
  return (
    <header className="reader-header">
      <h2 id="reader-subject" className="reader-subject">
        {message.subject || t('noSubject')}
      </h2>
      <MessageBanners message={message} showScore />
      <MessageAddresses message={message} />
    </header>
  );
}
