import type { Address, MessageDetail } from '../../../shared/mail.js';
import { formatFullDate, fullAddress } from '../mail/format.js';
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
  const { spam } = message;
  const dateStyle = useDateStyle();
  return (
    <header className="reader-header">
      <h2 id="reader-subject" className="reader-subject">
        {message.subject || '(no subject)'}
      </h2>
      {spam.tagged && (
        <p className="banner banner-spam" role="note">
          This message was marked as spam
          {spam.score !== null && ` (spam score ${spam.score})`}.
        </p>
      )}
      {message.malformed && (
        <p className="banner banner-note" role="note">
          This message is not well formed; showing what could be read.
        </p>
      )}
      {message.truncated && (
        <p className="banner banner-note" role="note">
          This message is very long; only its first part is shown.
        </p>
      )}
      <dl className="reader-addresses">
        <Addresses label="From" list={message.from ? [message.from] : []} />
        <Addresses label="To" list={message.to} />
        <Addresses label="Cc" list={message.cc} />
        <dt>Date</dt>
        <dd>
          <time dateTime={message.date}>{formatFullDate(message.date, dateStyle)}</time>
        </dd>
      </dl>
    </header>
  );
}
