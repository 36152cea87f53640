import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageSummary } from '../../../../shared/mail.js';
import { displayName, formatListDate } from '../../mail/format.js';
import { useDateStyle } from '../../settings/dateStyle.js';

/** The class list of a row from its conditional parts. */
export function classes(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}

type DataAttributes = { [name: `data-${string}`]: string | number | boolean | undefined };

/** Where a row stands in its listbox and what it does there: the same for every kind of row. */
export interface RowPlace {
  /** The listbox's aria-activedescendant points at it. */
  id: string;
  /** The row's place in the list, from 0. */
  position: number;
  total: number;
  selected: boolean;
  style: CSSProperties;
  onOpen: (position: number) => void;
}

/** Read (no \\Seen) and flagged, as a row shows them. */
export function readState(message: MessageSummary): { unread: boolean; flagged: boolean } {
  return { unread: !message.flags.includes('\\Seen'), flagged: message.flags.includes('\\Flagged') };
}

interface RowShellProps extends RowPlace {
  className: string;
  /** What e2e page objects and the drag code read off the row (data-uid, …). */
  data: DataAttributes;
  draggable?: boolean;
  children: ReactNode;
}

/**
 * The one option element every list row is: message, thread and member rows
 * differ in what they show, never in how the listbox sees them.
 */
export function RowShell({ id, position, total, selected, className, style, onOpen, data, draggable, children }: RowShellProps) {
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-posinset={position + 1}
      aria-setsize={total}
      className={className}
      style={style}
      draggable={draggable ? 'true' : undefined}
      {...data}
      onClick={() => onOpen(position)}
    >
      {children}
    </div>
  );
}

/** A row whose data is on its way: skeleton lines in the row's place, announced by its label. */
export function PlaceholderRow({ id, position, total, label, style, lines }: { id: string; position: number; total: number; label: string; style: CSSProperties; lines: 2 | 3 }) {
  return (
    <div
      id={id}
      role="option"
      aria-selected={false}
      aria-disabled="true"
      aria-posinset={position + 1}
      aria-setsize={total}
      aria-label={label}
      className="message-row is-placeholder"
      style={style}
    >
      <span className="skeleton skeleton-line short" />
      <span className="skeleton skeleton-line" />
      {lines === 3 && <span className="skeleton skeleton-line faint" />}
    </div>
  );
}

/** Drawn as a star character with a label, so screen readers say "Flagged". */
export function FlagMark() {
  const { t } = useTranslation('mail');
  return (
    <span className="mark-flag" role="img" aria-label={t('list.flagged')}>
      ★
    </span>
  );
}

/** A row's first line: the sender (with "Unread" for screen readers), anything the row adds, then the date. */
export function SenderLine({ message, unread, children }: { message: MessageSummary; unread: boolean; children?: ReactNode }) {
  const { t } = useTranslation('mail');
  const dateStyle = useDateStyle();
  return (
    <span className="row-line">
      <span className="row-from">
        {unread && <span className="visually-hidden">{t('list.unreadPrefix')}</span>}
        {displayName(message.from)}
      </span>
      {children}
      <span className="row-date">
        <time dateTime={message.date}>{formatListDate(message.date, undefined, dateStyle)}</time>
      </span>
    </span>
  );
}
