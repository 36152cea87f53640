import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Address, MessageSummary } from '../../../../shared/mail.js';
import type { ThreadSummary } from '../../../../shared/threads.js';
import { classes, FlagMark, readState, RowShell, SenderLine, type RowPlace } from '../list/RowShell.js';
import { RowLines } from '../MessageRow.js';

/** Fixed heights keep the virtualiser exact: a thread's own line, and one of its members below it. */
export const THREAD_ROW_HEIGHT = 76;
export const MEMBER_ROW_HEIGHT = 54;
/** Deeper replies stop moving right here: a long chain must not push text out of the row. */
const INDENT_DEPTH_MAX = 6;

const shortName = (a: Address) => (a.name.trim() || a.address).split(/[\s@]/)[0]!;

/** A conversation in the list: its latest message, who took part, how many messages and how many unread. */
export const ThreadRow = memo(function ThreadRow({
  thread,
  expanded,
  isCursor,
  onToggle,
  ...place
}: RowPlace & { thread: ThreadSummary; expanded: boolean; isCursor: boolean; onToggle: () => void }) {
  const { t } = useTranslation('threads');
  const latest = thread.latest;
  const unread = thread.unread > 0;
  const count = thread.uids.length;
  return (
    <RowShell
      {...place}
      className={classes('message-row', 'thread-row', unread && 'is-unread', thread.flagged && 'is-flagged', isCursor && 'is-cursor')}
      data={{ 'data-uid': latest.uid, 'data-thread-id': thread.id, 'data-count': count, 'data-unread': unread || undefined }}
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
    </RowShell>
  );
});

/** One message of an expanded thread, indented by its depth in the thread. */
export const MemberRow = memo(function MemberRow({ message, depth, isCursor, ...place }: RowPlace & { message: MessageSummary; depth: number; isCursor: boolean }) {
  const { t } = useTranslation('mail');
  const { unread, flagged } = readState(message);
  return (
    <RowShell
      {...place}
      className={classes('message-row', 'thread-member-row', unread && 'is-unread', isCursor && 'is-cursor')}
      style={{ ...place.style, paddingLeft: 28 + Math.min(depth, INDENT_DEPTH_MAX) * 14 }}
      data={{ 'data-uid': message.uid, 'data-unread': unread || undefined }}
    >
      <SenderLine message={message} unread={unread}>
        {flagged && <FlagMark />}
      </SenderLine>
      <span className="row-line">
        <span className="row-subject">{message.subject || t('list.noSubject')}</span>
      </span>
    </RowShell>
  );
});
