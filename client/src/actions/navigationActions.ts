import { actionText } from './labels.js';
import type { AppAction } from './types.js';

/** Enter on a button or link belongs to that control, not to the list. */
function onControl(e: KeyboardEvent): boolean {
  const el = e.target instanceof Element ? e.target : null;
  return el?.closest('button, a[href], summary, [role="button"]') != null;
}

export const nextMessage: AppAction = {
  name: 'nextMessage',
  label: () => actionText('nextMessage'),
  keyTest: (e) => e.key === 'ArrowDown' || e.key === 'j',
  predicate: (ctx) => ctx.total > 0,
  perform: (ctx) => ctx.moveCursor(1),
};

export const previousMessage: AppAction = {
  name: 'previousMessage',
  label: () => actionText('previousMessage'),
  keyTest: (e) => e.key === 'ArrowUp' || e.key === 'k',
  predicate: (ctx) => ctx.total > 0,
  perform: (ctx) => ctx.moveCursor(-1),
};

export const openMessage: AppAction = {
  name: 'openMessage',
  label: () => actionText('openMessage'),
  keyTest: (e) => e.key === 'Enter' && !onControl(e),
  predicate: (ctx) => ctx.total > 0,
  perform: (ctx) => ctx.openCursor(),
};

export const backToList: AppAction = {
  name: 'backToList',
  label: () => actionText('back'),
  keyTest: (e) => e.key === 'Escape',
  // On a wide screen the list is already beside the reader.
  predicate: (ctx) => ctx.isPhone && ctx.readerOpen,
  perform: (ctx) => ctx.closeReader(),
};

export const NAVIGATION_ACTIONS: AppAction[] = [nextMessage, previousMessage, openMessage, backToList];
