import { useEffect, useRef, type DragEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { MessageWindow } from '../state/queries/messages.js';
import { ErrorPanel } from './ErrorPanel.js';
import { MessageRow, PlaceholderRow, ROW_HEIGHT } from './MessageRow.js';
import { useTranslation } from 'react-i18next';

interface Props {
  window: MessageWindow;
  openUid: number | null;
  cursor: number;
  onOpen: (index: number) => void;
  /** The pages covering the rows on screen (plus overscan); only these are fetched. */
  onPagesChange: (pages: readonly number[]) => void;
  /** Rows are draggable onto folders; the drag events bubble up to these (folders/useMessageDrag.ts). */
  drag?: { onDragStart: (event: DragEvent<HTMLElement>) => void; onDragEnd: () => void };
  /** What an empty list says (a search's "nothing matches"). */
  emptyText?: string;
  /** Bulk selection (components/bulk): each row's box and what it shows. */
  isChecked?: (uid: number) => boolean;
  onCheck?: (index: number, range: boolean) => void;
}

// Rows rendered beyond the viewport, so a short scroll shows rows, not placeholders.
const OVERSCAN = 10;
// While a scrollbar drag races through the folder, wait for it to settle
// before asking for pages: the ones flown past would be cancelled anyway.
const SETTLE_MS = 80;

export const rowId = (index: number) => `message-row-${index}`;

/**
 * The message list, virtualised: only the rows in view exist in the DOM, and
 * only their pages are requested, so a 100,000-message folder costs what a
 * 50-message one does.
 */
export function MessageList({ window: win, openUid, cursor, onOpen, onPagesChange, drag, emptyText, isChecked, onCheck }: Props) {
  const { t } = useTranslation('mail');
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = win.total;
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const firstPage = Math.floor((items[0]?.index ?? 0) / win.pageSize);
  const lastPage = Math.floor((items[items.length - 1]?.index ?? 0) / win.pageSize);

  useEffect(() => {
    const timer = setTimeout(() => {
      const pages: number[] = [];
      for (let p = firstPage; p <= lastPage; p += 1) pages.push(p);
      onPagesChange(pages);
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [firstPage, lastPage, onPagesChange]);

  useEffect(() => {
    if (total !== undefined && cursor < total) virtualizer.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, total, virtualizer]);

  if (win.error != null && items.every((item) => !win.rowAt(item.index))) {
    return <ErrorPanel title={t('list.loadError')} error={win.error} onRetry={win.retry} />;
  }
  if (total === 0) {
    return <p className="list-empty">{emptyText ?? t('list.empty')}</p>;
  }

  const cursorInView = items.some((item) => item.index === cursor);
  return (
    <div
      ref={scrollRef}
      className="message-list"
      role="listbox"
      aria-label={t('list.label')}
      tabIndex={0}
      aria-busy={win.isFetching}
      aria-activedescendant={cursorInView ? rowId(cursor) : undefined}
      onDragStart={drag?.onDragStart}
      onDragEnd={drag?.onDragEnd}
    >
      {total === undefined ? (
        // Size not known yet: a static screenful of placeholders while page 0 loads.
        Array.from({ length: 8 }, (_, i) => <PlaceholderRow key={i} id={rowId(i)} index={i} total={undefined} />)
      ) : (
        <div role="none" className="message-list-inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = win.rowAt(item.index);
            const style = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT };
            return row ? (
              <MessageRow
                key={`m-${row.uid}`}
                id={rowId(item.index)}
                index={item.index}
                total={total}
                message={row}
                selected={row.uid === openUid}
                isCursor={item.index === cursor}
                style={style}
                onOpen={onOpen}
                checked={isChecked?.(row.uid) ?? false}
                onCheck={onCheck}
              />
            ) : (
              <PlaceholderRow key={`p-${item.index}`} id={rowId(item.index)} index={item.index} total={total} style={style} />
            );
          })}
        </div>
      )}
    </div>
  );
}
