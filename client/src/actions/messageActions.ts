import { actionText } from './labels.js';
import type { AppAction, ActionContext } from './types.js';

const isUnread = (ctx: ActionContext) => ctx.target !== null && !ctx.target.flags.includes('\\Seen');
const isFlagged = (ctx: ActionContext) => ctx.target?.flags.includes('\\Flagged') === true;
const hasTarget = (ctx: ActionContext) => ctx.target !== null;
/** In Junk, or tagged by the filter: the useful action is "Not spam". */
const looksSpam = (ctx: ActionContext) => ctx.mailbox?.specialUse === 'junk' || ctx.target?.spam === true;

export const toggleRead: AppAction = {
  name: 'toggleRead',
  label: (ctx) => actionText(isUnread(ctx) ? 'markRead' : 'markUnread'),
  shortcut: 'U',
  keyTest: (e) => e.key === 'u' || e.key === 'U',
  predicate: hasTarget,
  perform: (ctx) => ctx.runMessageAction(isUnread(ctx) ? 'markRead' : 'markUnread'),
};

export const toggleFlag: AppAction = {
  name: 'toggleFlag',
  label: (ctx) => actionText(isFlagged(ctx) ? 'unflag' : 'flag'),
  shortcut: 'S',
  keyTest: (e) => e.key === 's' || e.key === 'S',
  predicate: hasTarget,
  perform: (ctx) => ctx.runMessageAction(isFlagged(ctx) ? 'unflag' : 'flag'),
};

export const deleteMessage: AppAction = {
  name: 'delete',
  label: () => actionText('delete'),
  shortcut: 'Delete',
  keyTest: (e) => e.key === 'Delete' || e.key === '#',
  predicate: hasTarget,
  perform: (ctx) => ctx.runMessageAction('delete'),
};

export const toggleSpam: AppAction = {
  name: 'toggleSpam',
  label: (ctx) => actionText(looksSpam(ctx) ? 'notSpam' : 'markSpam'),
  predicate: hasTarget,
  perform: (ctx) => ctx.runMessageAction(looksSpam(ctx) ? 'markNotSpam' : 'markSpam'),
};

/** The reader's toolbar, in order. Move lives beside them as a folder select. */
export const MESSAGE_ACTIONS: AppAction[] = [toggleRead, toggleFlag, deleteMessage, toggleSpam];
