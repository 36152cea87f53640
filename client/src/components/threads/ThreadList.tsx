import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ThreadListModel } from '../../state/threadList.js';
import { ErrorPanel } from '../ErrorPanel.js';
import { LoadingRow, MemberRow, MEMBER_ROW_HEIGHT, ThreadRow, THREAD_ROW_HEIGHT } from './ThreadRow.js';
import './threads.css';

interface Props {
  model: ThreadListModel;
  openUid: number | null;
  cursor: number;
  onOpen: (position: number) => void;
}

// As in MessageList: rows rendered beyond the viewport, and a pause before
// asking for pages while a scrollbar drag races through the folder.
const OVERSCAN = 10;
const SETTLE_MS = 80;

export const threadRowId = (position: number) => `thread-row-${position}`;

/**
 * The thread view of the list, virtualised like the plain one: only the rows
 * in view exist, and only their pages of threads (and the members of opened
 * threads on screen) are requested, so 90,000 threads cost what 50 do.
 */
export function ThreadList({ model, openUid, cursor, onOpen }: Props) {
  const { t } = useTranslation('threads');
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = model.window.total;
  const { row, layout, setVisible } = model;
  // A new key function whenever rows move makes the virtualiser lay them out again.
  const getItemKey = useCallback((position: number) => `${layout}:${position}`, [layout]);
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: (position) => (row(position)?.kind === 'member' ? MEMBER_ROW_HEIGHT : THREAD_ROW_HEIGHT),
    getItemKey,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    const timer = setTimeout(() => setVisible(first, last), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [first, last, setVisible]);

  useEffect(() => {
    if (total !== undefined && cursor < total) virtualizer.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, total, virtualizer]);

  if (model.window.error != null && items.every((item) => !row(item.index))) {
    return <ErrorPanel title={t('list.loadError')} error={model.window.error} onRetry={model.window.retry} />;
  }
  if (total === 0) return <p className="list-empty">{t('list.empty')}</p>;

  const cursorInView = items.some((item) => item.index === cursor);
  return (
    <div
      ref={scrollRef}
      className="message-list thread-list"
      role="listbox"
      aria-label={t('list.label')}
      tabIndex={0}
      aria-busy={model.window.isFetching}
      aria-activedescendant={cursorInView ? threadRowId(cursor) : undefined}
    >
      {total === undefined ? (
        Array.from({ length: 8 }, (_, i) => (
          <LoadingRow key={i} id={threadRowId(i)} position={i} total={-1} label={t('list.loadingThread')} style={{ position: 'relative', height: THREAD_ROW_HEIGHT }} />
        ))
      ) : (
        <div role="none" className="message-list-inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const r = row(item.index);
            const style = { transform: `translateY(${item.start}px)`, height: item.size };
            const common = { id: threadRowId(item.index), position: item.index, total, isCursor: item.index === cursor, style, onOpen };
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
            return <LoadingRow key={`p-${item.index}`} id={common.id} position={item.index} total={total} label={label} style={style} />;
          })}
        </div>
      )}
    </div>
  );
}
