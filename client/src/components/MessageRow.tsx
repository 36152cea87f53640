import { memo } from 'react';
import type { MessageSummary } from '../../../shared/mail.js';
import { formatSize } from '../mail/format.js';
import { RowCheckbox } from './bulk/RowCheckbox.js';
import { classes, FlagMark, readState, RowShell, SenderLine, type RowPlace } from './list/RowShell.js';
import { useTranslation } from 'react-i18next';

/** Fixed row height: fixed sizes keep the virtualiser exact over 100,000 rows. */
export const ROW_HEIGHT = 76;

interface RowProps extends RowPlace {
  message: MessageSummary;
  isCursor: boolean;
  /** Bulk selection (components/bulk): the row's box, when the list offers one. */
  checked?: boolean;
  onCheck?: (index: number, range: boolean) => void;
}

export const MessageRow = memo(function MessageRow({ message, isCursor, checked = false, onCheck, ...place }: RowProps) {
  const { unread, flagged } = readState(message);
  return (
    <RowShell
      {...place}
      className={classes('message-row', unread && 'is-unread', flagged && 'is-flagged', message.spam && 'is-spam', isCursor && 'is-cursor', onCheck && 'has-check', checked && 'is-checked')}
      data={{ 'data-uid': message.uid, 'data-unread': unread || undefined, 'data-checked': checked || undefined }}
      draggable
    >
      {onCheck && <RowCheckbox index={place.position} subject={message.subject} checked={checked} onCheck={onCheck} />}
      <RowLines message={message} unread={unread} flagged={flagged} showSize />
      <span className="row-preview">{message.preview ?? ''}</span>
    </RowShell>
  );
});

/**
 * The two lines every list row starts with: sender and date, then subject
 * and marks. The thread view's rows show them for a thread's newest message,
 * with the thread's own unread and flagged state.
 */
export function RowLines({ message, unread, flagged, showSize = false }: { message: MessageSummary; unread: boolean; flagged: boolean; showSize?: boolean }) {
  const { t } = useTranslation('mail');
  return (
    <>
      <SenderLine message={message} unread={unread} />
      <span className="row-line">
        <span className="row-subject">{message.subject || t('list.noSubject')}</span>
        <span className="row-marks">
          {message.spam && <span className="badge-spam">{t('list.spam')}</span>}
          {flagged && <FlagMark />}
          {message.hasAttachments && <PaperclipIcon label={t('list.hasAttachments')} />}
          {showSize && <span className="row-size">{formatSize(message.size)}</span>}
        </span>
      </span>
    </>
  );
}

/** Drawn, not an emoji: emoji fonts are missing on many Linux desktops. The thread rows show it too. */
export function PaperclipIcon({ label }: { label: string }) {
  return (
    <svg className="mark-attachment" role="img" aria-label={label} viewBox="0 0 16 16" width="14" height="14">
      <path
        d="M10.5 4.5 5.8 9.2a1.3 1.3 0 0 0 1.9 1.9l5-5a2.6 2.6 0 0 0-3.7-3.7l-5 5a3.9 3.9 0 0 0 5.5 5.5l4.2-4.2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
      />
    </svg>
  );
}
