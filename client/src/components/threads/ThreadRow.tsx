import { memo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Address, MessageSummary } from '../../../../shared/mail.js';
import type { ThreadSummary } from '../../../../shared/threads.js';
import { displayName, formatListDate } from '../../mail/format.js';
import { RowLines } from '../MessageRow.js';
import { useDateStyle } from '../../settings/dateStyle.js';

/** Fixed heights keep the virtualiser exact: a thread's own line, and one of its members below it. */
export const THREAD_ROW_HEIGHT = 76;
export const MEMBER_ROW_HEIGHT = 54;
/** Deeper replies stop moving right here: a long chain must not push text out of the row. */
const INDENT_DEPTH_MAX = 6;

interface Common {
  id: string;
  position: number;
  total: number;
  selected: boolean;
  isCursor: boolean;
  style: CSSProperties;
  onOpen: (position: number) => void;
}

const shortName = (a: Address) => (a.name.trim() || a.address).split(/[\s@]/)[0]!;

function classes(...names: Array<string | false>): string {
  return names.filter(Boolean).join(' ');
}

/** A conversation in the list: its latest message, who took part, how many messages and how many unread. */
export const ThreadRow = memo(function ThreadRow({
  id,
  position,
  total,
  thread,
  expanded,
  selected,
  isCursor,
  style,
  onOpen,
  onToggle,
}: Common & { thread: ThreadSummary; expanded: boolean; onToggle: () => void }) {
  const { t } = useTranslation('threads');
  const latest = thread.latest;
  const unread = thread.unread > 0;
  const count = thread.uids.length;
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-posinset={position + 1}
      aria-setsize={total}
      className={classes('message-row', 'thread-row', unread && 'is-unread', thread.flagged && 'is-flagged', isCursor && 'is-cursor')}
      style={style}
      data-uid={latest.uid}
      data-thread-id={thread.id}
      data-count={count}
      data-unread={unread || undefined}
      onClick={() => onOpen(position)}
    >
      <RowLines message={latest} unread={unread} flagged={thread.flagged} />
      <span className="row-line">
        <span className="thread-participants">{thread.participants.map(shortName).join(', ')}</span>
        {unread && count > 1 && <span className="thread-unread">{t('list.unread', { count: thread.unread })}</span>}
        {count > 1 && (
          <button
            type="button"
            className="thread-count"
            aria-expanded={expanded}
            aria-label={expanded ? t('list.collapse') : t('list.expand', { count })}
            title={t('list.count', { count })}
            onClick={(e) => {
              // The count opens the thread in the list; the rest of the row opens the conversation.
              e.stopPropagation();
              onToggle();
            }}
          >
            <span aria-hidden="true" className="thread-chevron">
              {expanded ? '▾' : '▸'}
            </span>
            {count}
          </button>
        )}
      </span>
    </div>
  );
});

/** One message of an expanded thread, indented by its depth in the thread. */
export const MemberRow = memo(function MemberRow({ id, position, total, message, depth, selected, isCursor, style, onOpen }: Common & { message: MessageSummary; depth: number }) {
  const { t } = useTranslation('threads');
  const dateStyle = useDateStyle();
  const unread = !message.flags.includes('\\Seen');
  const flagged = message.flags.includes('\\Flagged');
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-posinset={position + 1}
      aria-setsize={total}
      className={classes('message-row', 'thread-member-row', unread && 'is-unread', isCursor && 'is-cursor')}
      style={{ ...style, paddingLeft: 28 + Math.min(depth, INDENT_DEPTH_MAX) * 14 }}
      data-uid={message.uid}
      data-unread={unread || undefined}
      onClick={() => onOpen(position)}
    >
      <span className="row-line">
        <span className="row-from">
          {unread && <span className="visually-hidden">{t('list.unreadPrefix')}</span>}
          {displayName(message.from)}
        </span>
        {flagged && (
          <span className="mark-flag" role="img" aria-label={t('list.flagged')}>
            ★
          </span>
        )}
        <span className="row-date">
          <time dateTime={message.date}>{formatListDate(message.date, undefined, dateStyle)}</time>
        </span>
      </span>
      <span className="row-line">
        <span className="row-subject">{message.subject || t('list.noSubject')}</span>
      </span>
    </div>
  );
});

/** A row whose data is on its way. */
export function LoadingRow({ id, position, total, label, style }: { id: string; position: number; total: number; label: string; style: CSSProperties }) {
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
    </div>
  );
}
