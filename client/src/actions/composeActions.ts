import type { ComposeMode } from '../../../shared/compose.js';
import { actionText } from './labels.js';
import { letterKey } from './records.js';
import type { AppAction, ActionContext } from './types.js';

const hasTarget = (ctx: ActionContext) => ctx.target !== null;
const inSent = (ctx: ActionContext) => ctx.mailbox?.specialUse === 'sent';

/** Opens the compose window in a mode; the label is the action's own name. */
function composeAction(name: string, mode: ComposeMode, rest: Omit<AppAction, 'name' | 'label' | 'perform'>): AppAction {
  return { name, label: () => actionText(name), ...rest, perform: (ctx) => ctx.openCompose(mode) };
}

export const reply = composeAction('reply', 'reply', { ...letterKey('R'), predicate: hasTarget });
export const replyAll = composeAction('replyAll', 'replyAll', { ...letterKey('A'), predicate: hasTarget });
export const forward = composeAction('forward', 'forward', { ...letterKey('F'), predicate: hasTarget });
export const forwardAsAttachment = composeAction('forwardAsAttachment', 'forwardAsAttachment', { predicate: hasTarget });
/** A sent message as the start of a new one (Sent only, where "reply" would write to oneself). */
export const editAsNew = composeAction('editAsNew', 'editAsNew', { predicate: (ctx) => hasTarget(ctx) && inSent(ctx) });
export const compose = composeAction('compose', 'new', letterKey('C'));

/** The reader toolbar's compose buttons, in order; `compose` lives in the header. */
export const REPLY_ACTIONS: AppAction[] = [reply, replyAll, forward, forwardAsAttachment, editAsNew];
export const COMPOSE_ACTIONS: AppAction[] = [...REPLY_ACTIONS, compose];
