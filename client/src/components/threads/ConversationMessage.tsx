import { useTranslation } from 'react-i18next';
import type { Address, MessageDetail } from '../../../../shared/mail.js';
import { formatListDate } from '../../mail/format.js';
import { useDateStyle } from '../../settings/dateStyle.js';
import { AttachmentList } from '../AttachmentList.js';
import { MessageBody } from '../MessageBody.js';
import { MessageAddresses, MessageBanners } from '../ReaderHeader.js';

function htmlText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('style, script, title').forEach((el) => el.remove());
  return doc.body.textContent ?? '';
}

interface Props {
  message: MessageDetail;
  expanded: boolean;
  onToggle: () => void;
  /** The message is the user's own, from the Sent folder. */
  fromSent: boolean;
}

const nameOf = (a: Address | null, fallback: string) => (a ? a.name.trim() || a.address : fallback);

/**
 * The first words of the body, for a collapsed message's line, as text (React
 * escapes it). HTML-only mail is read through an inert DOMParser document:
 * nothing in it runs or loads.
 */
function snippet(message: MessageDetail): string {
  const text = message.text ?? htmlText(message.html ?? '');
  // Quoted lines repeat the message before; the new words are what tell messages apart.
  return text.replace(/^>.*$/gm, '').replace(/\s+/g, ' ').trim().slice(0, 140);
}

/**
 * One message of the conversation stack: a header line that expands it, and
 * once expanded its addresses and its body through the same safe body
 * components as the single-message reader (sanitised, sandboxed).
 */
export function ConversationMessage({ message, expanded, onToggle, fromSent }: Props) {
  const { t } = useTranslation('threads');
  const dateStyle = useDateStyle();
  const from = nameOf(message.from, t('list.noSender'));
  const unread = !message.flags.includes('\\Seen');
  return (
    <article
      className={['conversation-message', expanded && 'is-expanded', fromSent && 'is-sent', unread && 'is-unread'].filter(Boolean).join(' ')}
      aria-label={from}
      data-uid={message.uid}
      data-path={message.path}
    >
      <button
        type="button"
        className="conversation-message-head"
        aria-expanded={expanded}
        aria-label={expanded ? t('reader.collapse', { from }) : t('reader.expand', { from, date: formatListDate(message.date, undefined, dateStyle) })}
        onClick={onToggle}
      >
        <span className="conversation-from">{from}</span>
        {fromSent && (
          <span className="badge-sent" title={t('reader.sentTitle')}>
            {t('reader.sent')}
          </span>
        )}
        {unread && <span className="visually-hidden">{t('reader.unread')}</span>}
        {!expanded && <span className="conversation-snippet">{snippet(message)}</span>}
        <time className="conversation-date" dateTime={message.date}>
          {formatListDate(message.date, undefined, dateStyle)}
        </time>
      </button>
      {expanded && (
        <div className="conversation-message-body">
          <MessageAddresses message={message} noSender={t('list.noSender')} />
          <MessageBanners message={message} showScore={false} />
          {/* Attachments and inline images come from the message's own mailbox (Sent for the user's replies). */}
          <MessageBody key={`${message.path}/${message.uid}`} message={message} mailboxPath={message.path} />
          <AttachmentList message={message} mailboxPath={message.path} />
        </div>
      )}
    </article>
  );
}
