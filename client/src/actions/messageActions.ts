import type { MessageAction } from '../../../shared/api.js';
import { actionText } from './labels.js';
import { letterKey } from './records.js';
import type { AppAction, ActionContext } from './types.js';

const isUnread = (ctx: ActionContext) => ctx.target !== null && !ctx.target.flags.includes('\\Seen');
const isFlagged = (ctx: ActionContext) => ctx.target?.flags.includes('\\Flagged') === true;
const hasTarget = (ctx: ActionContext) => ctx.target !== null;
/** In Junk, or tagged by the filter: the useful action is "Not spam". */
const looksSpam = (ctx: ActionContext) => ctx.mailbox?.specialUse === 'junk' || ctx.target?.spam === true;

/**
 * An action on the target message; `pick` says, for the message as it is,
 * which words the button shows and which message action it sends.
 */
function onTarget(name: string, pick: (ctx: ActionContext) => { label: string; action: MessageAction }, keys: Pick<AppAction, 'shortcut' | 'keyTest'> = {}): AppAction {
  return {
    name,
    label: (ctx) => actionText(pick(ctx).label),
    ...keys,
    predicate: hasTarget,
    perform: (ctx) => ctx.runMessageAction(pick(ctx).action),
  };
}

const same = (action: MessageAction) => ({ label: action, action });

export const toggleRead = onTarget('toggleRead', (ctx) => same(isUnread(ctx) ? 'markRead' : 'markUnread'), letterKey('U'));
export const toggleFlag = onTarget('toggleFlag', (ctx) => same(isFlagged(ctx) ? 'unflag' : 'flag'), letterKey('S'));
export const deleteMessage = onTarget('delete', () => same('delete'), {
  shortcut: 'Delete',
  keyTest: (e) => e.key === 'Delete' || e.key === '#',
});
export const toggleSpam = onTarget('toggleSpam', (ctx) => (looksSpam(ctx) ? { label: 'notSpam', action: 'markNotSpam' } : same('markSpam')));

/** The reader's toolbar, in order. Move lives beside them as a folder select. */
export const MESSAGE_ACTIONS: AppAction[] = [toggleRead, toggleFlag, deleteMessage, toggleSpam];
