import { useEffect, useRef, type CSSProperties, type DragEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ErrorPanel } from '../ErrorPanel.js';

// Rows rendered beyond the viewport, so a short scroll shows rows, not placeholders.
const OVERSCAN = 10;
// While a scrollbar drag races through the folder, wait for it to settle
// before asking for pages: the ones flown past would be cancelled anyway.
const SETTLE_MS = 80;

interface Props {
  /** Rows in the list; undefined until the first page says how many. */
  total: number | undefined;
  estimateSize: (position: number) => number;
  /** A new function whenever rows move makes the virtualiser lay them out again. */
  getItemKey?: (position: number) => string | number;
  cursor: number;
  rowId: (position: number) => string;
  /** The rows on screen (plus overscan), once scrolling settles: only their pages are fetched. */
  onVisible: (first: number, last: number) => void;
  /** Whether a row's data is there; an error with none on screen replaces the list. */
  hasRow: (position: number) => boolean;
  error: unknown;
  errorTitle: string;
  onRetry: () => void;
  emptyText: string;
  label: string;
  busy: boolean;
  className: string;
  /** A static screenful shown while the size is not known yet. */
  placeholder: (position: number) => ReactNode;
  row: (position: number, style: CSSProperties) => ReactNode;
  /** Rows are draggable onto folders; the drag events bubble up to these (folders/useMessageDrag.ts). */
  drag?: { onDragStart: (event: DragEvent<HTMLElement>) => void; onDragEnd: () => void } | undefined;
}

/**
 * A virtualised listbox: only the rows in view exist in the DOM, and only
 * their pages are requested, so a 100,000-message folder costs what a
 * 50-message one does. The message list and the thread list differ only in
 * their rows.
 */
export function VirtualListbox(props: Props) {
  const { total, cursor, rowId, onVisible } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: props.estimateSize,
    ...(props.getItemKey ? { getItemKey: props.getItemKey } : {}),
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    const timer = setTimeout(() => onVisible(first, last), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [first, last, onVisible]);

  useEffect(() => {
    if (total !== undefined && cursor < total) virtualizer.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, total, virtualizer]);

  if (props.error != null && items.every((item) => !props.hasRow(item.index))) {
    return <ErrorPanel title={props.errorTitle} error={props.error} onRetry={props.onRetry} />;
  }
  if (total === 0) return <p className="list-empty">{props.emptyText}</p>;

  const cursorInView = items.some((item) => item.index === cursor);
  return (
    <div
      ref={scrollRef}
      className={props.className}
      role="listbox"
      aria-label={props.label}
      tabIndex={0}
      aria-busy={props.busy}
      aria-activedescendant={cursorInView ? rowId(cursor) : undefined}
      onDragStart={props.drag?.onDragStart}
      onDragEnd={props.drag?.onDragEnd}
    >
      {total === undefined ? (
        Array.from({ length: 8 }, (_, i) => props.placeholder(i))
      ) : (
        <div role="none" className="message-list-inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => props.row(item.index, { transform: `translateY(${item.start}px)`, height: item.size }))}
        </div>
      )}
    </div>
  );
}
