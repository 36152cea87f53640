import { actionText } from './labels.js';
import type { AppAction, ActionContext } from './types.js';

const hasTarget = (ctx: ActionContext) => ctx.target !== null;
const inSent = (ctx: ActionContext) => ctx.mailbox?.specialUse === 'sent';

export const reply: AppAction = {
  name: 'reply',
  label: () => actionText('reply'),
  shortcut: 'R',
  keyTest: (e) => e.key === 'r' || e.key === 'R',
  predicate: hasTarget,
  perform: (ctx) => ctx.openCompose('reply'),
};

export const replyAll: AppAction = {
  name: 'replyAll',
  label: () => actionText('replyAll'),
  shortcut: 'A',
  keyTest: (e) => e.key === 'a' || e.key === 'A',
  predicate: hasTarget,
  perform: (ctx) => ctx.openCompose('replyAll'),
};

export const forward: AppAction = {
  name: 'forward',
  label: () => actionText('forward'),
  shortcut: 'F',
  keyTest: (e) => e.key === 'f' || e.key === 'F',
  predicate: hasTarget,
  perform: (ctx) => ctx.openCompose('forward'),
};

export const forwardAsAttachment: AppAction = {
  name: 'forwardAsAttachment',
  label: () => actionText('forwardAsAttachment'),
  predicate: hasTarget,
  perform: (ctx) => ctx.openCompose('forwardAsAttachment'),
};

/** A sent message as the start of a new one (Sent only, where "reply" would write to oneself). */
export const editAsNew: AppAction = {
  name: 'editAsNew',
  label: () => actionText('editAsNew'),
  predicate: (ctx) => hasTarget(ctx) && inSent(ctx),
  perform: (ctx) => ctx.openCompose('editAsNew'),
};

export const compose: AppAction = {
  name: 'compose',
  label: () => actionText('compose'),
  shortcut: 'C',
  keyTest: (e) => e.key === 'c' || e.key === 'C',
  perform: (ctx) => ctx.openCompose('new'),
};

/** The reader toolbar's compose buttons, in order; `compose` lives in the header. */
export const REPLY_ACTIONS: AppAction[] = [reply, replyAll, forward, forwardAsAttachment, editAsNew];
export const COMPOSE_ACTIONS: AppAction[] = [...REPLY_ACTIONS, compose];
