import { useCallback, useRef, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageWindow } from '../state/queries/messages.js';
import type { ListSelection } from './bulk/useListSelection.js';
import { PlaceholderRow } from './list/RowShell.js';
import { VirtualListbox } from './list/VirtualListbox.js';
import { MessageRow, ROW_HEIGHT } from './MessageRow.js';

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
  selection?: Pick<ListSelection, 'isChecked' | 'check'>;
}

export const rowId = (index: number) => `message-row-${index}`;

/** The plain message list: one row per message of the folder (or of a search in it). */
export function MessageList({ window: win, openUid, cursor, onOpen, onPagesChange, drag, emptyText, selection }: Props) {
  const { t } = useTranslation('mail');
  const { pageSize } = win;
  // Told only when the pages change: a scroll within a page asks for nothing new.
  const told = useRef('');
  const onVisible = useCallback(
    (first: number, last: number) => {
      const pages: number[] = [];
      for (let p = Math.floor(first / pageSize); p <= Math.floor(last / pageSize); p += 1) pages.push(p);
      if (pages.join() === told.current) return;
      told.current = pages.join();
      onPagesChange(pages);
    },
    [pageSize, onPagesChange],
  );
  const total = win.total;
  return (
    <VirtualListbox
      total={total}
      estimateSize={() => ROW_HEIGHT}
      cursor={cursor}
      rowId={rowId}
      onVisible={onVisible}
      hasRow={(index) => win.rowAt(index) !== undefined}
      error={win.error}
      errorTitle={t('list.loadError')}
      onRetry={win.retry}
      emptyText={emptyText ?? t('list.empty')}
      label={t('list.label')}
      busy={win.isFetching}
      className="message-list"
      drag={drag}
      placeholder={(i) => (
        // Size not known yet: a static screenful of placeholders while page 0 loads.
        <PlaceholderRow key={i} id={rowId(i)} position={i} total={-1} label={t('list.loadingMessage')} style={{ position: 'relative', height: ROW_HEIGHT }} lines={3} />
      )}
      row={(index, style) => {
        const row = win.rowAt(index);
        return row ? (
          <MessageRow
            key={`m-${row.uid}`}
            id={rowId(index)}
            position={index}
            total={total!}
            message={row}
            selected={row.uid === openUid}
            isCursor={index === cursor}
            style={style}
            onOpen={onOpen}
            checked={selection?.isChecked(row.uid) ?? false}
            onCheck={selection?.check}
          />
        ) : (
          <PlaceholderRow key={`p-${index}`} id={rowId(index)} position={index} total={total!} label={t('list.loadingMessage')} style={style} lines={3} />
        );
      }}
    />
  );
}
