import { useCallback, type DragEvent } from 'react';
import { endMessageDrag, startMessageDrag } from './messageDrag.js';

const rowAlone = (uid: number) => [uid];

/**
 * Drag handlers for the message list, set once on the list (events bubble
 * from the draggable rows), so the rows themselves only say `draggable`.
 * `uidsFor` is the hook for a multi-selection: given the row picked up, the
 * UIDs to move (the selection, when that row is part of it). By default, the
 * row alone.
 */
export function useMessageDragSource(mailbox: string, uidsFor: (uid: number) => number[] = rowAlone) {
  const onDragStart = useCallback(
    (event: DragEvent<HTMLElement>) => {
      const row = (event.target as HTMLElement).closest?.('[data-uid]');
      const uid = Number(row?.getAttribute('data-uid'));
      if (!row || !Number.isSafeInteger(uid) || uid <= 0) return;
      startMessageDrag(event.dataTransfer, { mailbox, uids: uidsFor(uid) });
    },
    [mailbox, uidsFor],
  );
  return { onDragStart, onDragEnd: endMessageDrag };
}
