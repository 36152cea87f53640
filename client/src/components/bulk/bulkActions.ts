import type { MessageAction } from '../../../../shared/api.js';
import type { Mailbox } from '../../../../shared/mail.js';

/**
 * The bulk toolbar's buttons as records (the shape of actions/types.ts): the
 * action sent for the selection, its label key in the `bulk` namespace, and
 * when it is offered. "Move to" is the folder select beside them.
 */
export interface BulkAction {
  action: Exclude<MessageAction, 'move'>;
  predicate?: (mailbox: Mailbox | undefined) => boolean;
}

const inJunk = (m: Mailbox | undefined) => m?.specialUse === 'junk';

export const BULK_ACTIONS: readonly BulkAction[] = [
  { action: 'markRead' },
  { action: 'markUnread' },
  { action: 'flag' },
  { action: 'unflag' },
  { action: 'delete' },
  { action: 'markSpam', predicate: (m) => !inJunk(m) },
  { action: 'markNotSpam', predicate: inJunk },
];

/**
 * Up to this many ticked rows go through the one-message action path
 * (state/queries/messageActions.ts): the rows change at once, roll back on
 * refusal, and wait in the offline queue without a link. Beyond it, or for
 * "select all", the streamed bulk endpoint acts in chunks and shows progress;
 * its rows change when the list is refreshed at the end.
 */
export const OPTIMISTIC_MAX = 100;
