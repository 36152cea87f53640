import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageSummary } from '../../../../shared/mail.js';
import { isTyping } from '../../actions/useKeyboardActions.js';
import { PAGE_SIZE } from '../../state/queries/messages.js';
import {
  EMPTY_SELECTION,
  extendTo,
  isSelected,
  pageSelected,
  selectAll,
  selectedCount,
  toggle,
  togglePage,
  type Selection,
} from '../../state/selection.js';

interface Input {
  rowAt: (index: number) => MessageSummary | undefined;
  /** The pages on screen: what the header box ticks. */
  pages: readonly number[];
  cursor: number;
  total: number;
}

/**
 * The list's selection as React state around the pure model
 * (state/selection.ts), plus the keyboard's x, which ticks the cursor row.
 */
export function useListSelection({ rowAt, pages, cursor, total }: Input) {
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  // Read through refs so the callbacks keep their identity and memoised rows do not re-render for them.
  const rowAtRef = useRef(rowAt);
  rowAtRef.current = rowAt;
  const cursorRef = useRef(cursor);
  cursorRef.current = cursor;

  const check = useCallback((index: number, range: boolean) => {
    const uidAt = (i: number) => rowAtRef.current(i)?.uid;
    setSelection((s) => {
      if (range) return extendTo(s, index, uidAt);
      const uid = uidAt(index);
      return uid === undefined ? s : toggle(s, uid, index);
    });
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'x' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      check(cursorRef.current, false);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [check]);

  // At most a few pages of rows: cheap enough to gather on every render.
  const pageUids: number[] = [];
  for (const p of pages) {
    for (let i = p * PAGE_SIZE; i < Math.min(total, (p + 1) * PAGE_SIZE); i++) {
      const row = rowAt(i);
      if (row) pageUids.push(row.uid);
    }
  }

  return {
    selection,
    count: selectedCount(selection, total),
    isChecked: useCallback((uid: number) => isSelected(selection, uid), [selection]),
    check,
    pageUids,
    pageSelected: pageSelected(selection, pageUids),
    togglePage: () => setSelection((s) => togglePage(s, pageUids)),
    selectAll: () => setSelection(selectAll()),
    clear: () => setSelection(EMPTY_SELECTION),
  };
}

export type ListSelection = ReturnType<typeof useListSelection>;
