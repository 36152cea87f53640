import { describe, expect, it } from 'vitest';
import { bulkSelectionSchema } from '../../../shared/bulk.js';
import {
  EMPTY_SELECTION,
  explicitUids,
  extendTo,
  isEmpty,
  isSelected,
  pageSelected,
  selectAll,
  selectedCount,
  toBulkSelection,
  toggle,
  togglePage,
} from './selection.js';

/** A list of 10 rows whose UIDs are 100 - index (newest first), as the default order shows them. */
const uidAt = (i: number) => (i >= 0 && i < 10 ? 100 - i : undefined);
/** Rows 4 and 5 not loaded yet. */
const patchy = (i: number) => (i === 4 || i === 5 ? undefined : uidAt(i));

describe('selection', () => {
  it('starts empty and ticks and unticks one row', () => {
    expect(isEmpty(EMPTY_SELECTION, 10)).toBe(true);
    const one = toggle(EMPTY_SELECTION, 98, 2);
    expect(isSelected(one, 98)).toBe(true);
    expect(selectedCount(one, 10)).toBe(1);
    expect(one.anchor).toBe(2);
    expect(isEmpty(toggle(one, 98, 2), 10)).toBe(true);
  });

  it('shift-click ticks the range from the anchor, either direction', () => {
    const down = extendTo(toggle(EMPTY_SELECTION, 99, 1), 4, uidAt);
    expect(explicitUids(down)).toEqual([96, 97, 98, 99]);
    const up = extendTo(toggle(EMPTY_SELECTION, 94, 6), 3, uidAt);
    expect(explicitUids(up)).toEqual([94, 95, 96, 97]);
    expect(up.anchor).toBe(3);
  });

  it('shift-click on a ticked row unticks the range', () => {
    let sel = extendTo(toggle(EMPTY_SELECTION, 100, 0), 5, uidAt); // 0..5 ticked
    sel = toggle(sel, 98, 2); // unticks 2; anchor 2
    sel = toggle(sel, 98, 2); // ticks 2 again; anchor 2
    sel = extendTo(sel, 4, uidAt); // row 4 is ticked: 2..4 unticked
    expect(explicitUids(sel)).toEqual([95, 99, 100]);
  });

  it('shift-click without an anchor is a plain tick, and skips rows not loaded', () => {
    expect(explicitUids(extendTo(EMPTY_SELECTION, 3, uidAt))).toEqual([97]);
    expect(explicitUids(extendTo(toggle(EMPTY_SELECTION, 98, 2), 7, patchy))).toEqual([93, 94, 97, 98]);
    expect(extendTo(EMPTY_SELECTION, 4, patchy)).toBe(EMPTY_SELECTION);
  });

  it('the header box ticks the page, then unticks it', () => {
    const page = [100, 99, 98];
    const ticked = togglePage(toggle(EMPTY_SELECTION, 99, 1), page);
    expect(pageSelected(ticked, page)).toBe(true);
    expect(explicitUids(ticked)).toEqual([98, 99, 100]);
    expect(isEmpty(togglePage(ticked, page), 10)).toBe(true);
    expect(pageSelected(EMPTY_SELECTION, [])).toBe(false);
  });

  it('"select all" counts the whole list, less what is unticked afterwards', () => {
    let all = selectAll();
    expect(selectedCount(all, 100_000)).toBe(100_000);
    expect(isSelected(all, 12345)).toBe(true);
    all = toggle(toggle(all, 12345, 7), 500, 8);
    expect(isSelected(all, 12345)).toBe(false);
    expect(selectedCount(all, 100_000)).toBe(99_998);
    expect(explicitUids(all)).toBeNull();
    // Ticking a row again in "all" takes it off the exceptions.
    expect(selectedCount(toggle(all, 500, 8), 100_000)).toBe(99_999);
    // The header box after "select all" selects nothing; with rows unticked on the page, it ticks them back.
    expect(isEmpty(togglePage(selectAll(), [1, 2, 3]), 100_000)).toBe(true);
    expect(selectedCount(togglePage(toggle(selectAll(), 2, 1), [1, 2, 3]), 100_000)).toBe(100_000);
  });

  it('goes on the wire as a compact UID set, or as "all" with exceptions and the search', () => {
    const some = extendTo(toggle(EMPTY_SELECTION, 100, 0), 3, uidAt);
    expect(toBulkSelection(some)).toEqual({ kind: 'uids', uids: '97:100' });
    expect(toBulkSelection(selectAll())).toEqual({ kind: 'all' });
    const all = toggle(toggle(selectAll(), 7, 0), 9, 1);
    expect(toBulkSelection(all, { subject: 'invoice', unread: true })).toEqual({ kind: 'all', except: '7,9', search: { subject: 'invoice', unread: true } });
    // An empty search is the whole mailbox: no criteria are sent.
    expect(toBulkSelection(selectAll(), {})).toEqual({ kind: 'all' });
    // Each form passes the server's schema.
    for (const s of [toBulkSelection(some), toBulkSelection(all, { subject: 'invoice', unread: true })]) {
      expect(bulkSelectionSchema.safeParse(s).success).toBe(true);
    }
  });
});
