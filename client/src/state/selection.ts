import type { BulkSelection } from '../../../shared/bulk.js';
import { isSearch, type SearchCriteria } from '../../../shared/search.js';
import { compressUids } from '../../../shared/uid-set.js';

/**
 * The list's selection for bulk actions (issue 5 part 4), as pure values.
 * Either some UIDs the user ticked, or "all" in the list minus the ones
 * unticked afterwards (Gmail's "Select all 100,000 conversations"): the
 * browser never needs every UID of a 100,000-message folder to name them.
 * UIDs, not row indexes, so a new message or another sort order does not
 * shift what is selected; `anchor` is the row index shift-click extends from.
 */
export interface Selection {
  mode: 'some' | 'all';
  /** In "some": the ticked UIDs. In "all": the unticked ones. */
  uids: ReadonlySet<number>;
  /** Row index of the last plain tick, for shift-click ranges. */
  anchor: number | null;
}

export const EMPTY_SELECTION: Selection = { mode: 'some', uids: new Set(), anchor: null };

export function isSelected(sel: Selection, uid: number): boolean {
  return sel.mode === 'all' ? !sel.uids.has(uid) : sel.uids.has(uid);
}

/** How many messages the selection names in a list of `total` rows. */
export function selectedCount(sel: Selection, total: number): number {
  return sel.mode === 'all' ? Math.max(0, total - sel.uids.size) : sel.uids.size;
}

export function isEmpty(sel: Selection, total: number): boolean {
  return selectedCount(sel, total) === 0;
}

function withUids(sel: Selection, uids: Iterable<number>, selected: boolean): Selection {
  const next = new Set(sel.uids);
  // In "all", the set holds exceptions: selecting removes from it.
  const add = sel.mode === 'all' ? !selected : selected;
  for (const uid of uids) {
    if (add) next.add(uid);
    else next.delete(uid);
  }
  return { ...sel, uids: next };
}

/** A plain click on a row's box (or x on the cursor row): flips that row; it becomes the anchor. */
export function toggle(sel: Selection, uid: number, index: number): Selection {
  return { ...withUids(sel, [uid], !isSelected(sel, uid)), anchor: index };
}

/**
 * Shift-click: every row from the anchor to `index` takes the clicked row's
 * new state (ticking an unticked row ticks the range, as in Gmail). `uidAt`
 * gives the UID of a loaded row; rows not loaded (far off screen) are left out.
 * Without an anchor it is a plain toggle.
 */
export function extendTo(sel: Selection, index: number, uidAt: (index: number) => number | undefined): Selection {
  const clicked = uidAt(index);
  if (clicked === undefined) return sel;
  if (sel.anchor === null) return toggle(sel, clicked, index);
  const target = !isSelected(sel, clicked);
  const [from, to] = sel.anchor <= index ? [sel.anchor, index] : [index, sel.anchor];
  const uids: number[] = [];
  for (let i = from; i <= to; i++) {
    const uid = uidAt(i);
    if (uid !== undefined) uids.push(uid);
  }
  return { ...withUids(sel, uids, target), anchor: index };
}

/**
 * The header box: ticks every given row (the pages on screen), or unticks
 * them when all already are; after "select all", unticking it selects
 * nothing, as in Gmail, rather than leaving all but a page.
 */
export function togglePage(sel: Selection, pageUids: readonly number[]): Selection {
  const all = pageUids.length > 0 && pageUids.every((uid) => isSelected(sel, uid));
  if (all && sel.mode === 'all') return EMPTY_SELECTION;
  return { ...withUids(sel, pageUids, !all), anchor: null };
}

/** True when every given row is selected (the header box is ticked, the banner may offer "select all"). */
export function pageSelected(sel: Selection, pageUids: readonly number[]): boolean {
  return pageUids.length > 0 && pageUids.every((uid) => isSelected(sel, uid));
}

/** The banner's "Select all N messages": everything in the list, none unticked. */
export function selectAll(): Selection {
  return { mode: 'all', uids: new Set(), anchor: null };
}

/** The UIDs ticked one by one, when the selection is explicit and small enough to list. */
export function explicitUids(sel: Selection): number[] | null {
  return sel.mode === 'some' ? [...sel.uids].sort((a, b) => a - b) : null;
}

/**
 * The wire form (shared/bulk.ts): a compact UID set, or "all" minus the
 * unticked ones. In a search, "all" is all its matches: the criteria go along,
 * or the server would act on the whole mailbox.
 */
export function toBulkSelection(sel: Selection, search: Partial<SearchCriteria> | null = null): BulkSelection {
  if (sel.mode === 'some') return { kind: 'uids', uids: compressUids(sel.uids) };
  return {
    kind: 'all',
    ...(search && isSearch(search) ? { search } : {}),
    ...(sel.uids.size > 0 ? { except: compressUids(sel.uids) } : {}),
  };
}
