import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreadListModel } from '../../state/threadList.js';
import { PlaceholderRow } from '../list/RowShell.js';
import { VirtualListbox } from '../list/VirtualListbox.js';
import { MemberRow, MEMBER_ROW_HEIGHT, ThreadRow, THREAD_ROW_HEIGHT } from './ThreadRow.js';
import './threads.css';

interface Props {
  model: ThreadListModel;
  openUid: number | null;
  cursor: number;
  onOpen: (position: number) => void;
}

export const threadRowId = (position: number) => `thread-row-${position}`;

/**
 * The thread view of the list: its rows are threads and the members of
 * opened threads, and only the pages of threads on screen (and the members
 * of opened threads among them) are requested, so 90,000 threads cost what 50 do.
 */
export function ThreadList({ model, openUid, cursor, onOpen }: Props) {
  const { t } = useTranslation('threads');
  const total = model.window.total;
  const { row, layout, setVisible } = model;
  const getItemKey = useCallback((position: number) => `${layout}:${position}`, [layout]);
  return (
    <VirtualListbox
      total={total}
      estimateSize={(position) => (row(position)?.kind === 'member' ? MEMBER_ROW_HEIGHT : THREAD_ROW_HEIGHT)}
      getItemKey={getItemKey}
      cursor={cursor}
      rowId={threadRowId}
      onVisible={setVisible}
      hasRow={(position) => row(position) !== undefined}
      error={model.window.error}
      errorTitle={t('list.loadError')}
      onRetry={model.window.retry}
      emptyText={t('list.empty')}
      label={t('list.label')}
      busy={model.window.isFetching}
      className="message-list thread-list"
      placeholder={(i) => (
        <PlaceholderRow key={i} id={threadRowId(i)} position={i} total={-1} label={t('list.loadingThread')} style={{ position: 'relative', height: THREAD_ROW_HEIGHT }} lines={2} />
      )}
      row={(position, style) => {
        const r = row(position);
        const common = { id: threadRowId(position), position, total: total!, isCursor: position === cursor, style, onOpen };
        if (r?.kind === 'thread' && r.summary) {
          const thread = r.summary;
          return (
            <ThreadRow
              key={`t-${thread.id}`}
              {...common}
              thread={thread}
              expanded={r.expanded}
              selected={openUid !== null && thread.uids.includes(openUid)}
              onToggle={() => model.toggle(r.thread)}
            />
          );
        }
        if (r?.kind === 'member' && r.summary) {
          return <MemberRow key={`m-${r.uid}`} {...common} message={r.summary} depth={r.depth} selected={r.uid === openUid} />;
        }
        const label = r?.kind === 'member' ? t('list.loadingMessage') : t('list.loadingThread');
        return <PlaceholderRow key={`p-${position}`} id={common.id} position={position} total={total!} label={label} style={style} lines={2} />;
      }}
    />
  );
}
