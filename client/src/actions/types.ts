import type { MessageAction } from '../../../shared/api.js';
import type { ComposeMode } from '../../../shared/compose.js';
import type { Mailbox } from '../../../shared/mail.js';

/** The message an action applies to: the open one, else the one under the list cursor. */
export interface MessageTarget {
  uid: number;
  flags: string[];
  spam: boolean;
}

/** Everything an action may read or do; rebuilt on each render, read through a ref by the key handler. */
export interface ActionContext {
  mailbox: Mailbox | undefined;
  mailboxes: Mailbox[];
  target: MessageTarget | null;
  readerOpen: boolean;
  isPhone: boolean;
  cursor: number;
  total: number;
  moveCursor: (delta: number) => void;
  openCursor: () => void;
  closeReader: () => void;
  runMessageAction: (action: MessageAction, target?: string) => void;
  /** Opens the compose window; every mode but "new" starts from the target message. */
  openCompose: (mode: ComposeMode) => void;
}

/**
 * A user action as a record (Excalidraw's shape): the same record renders a
 * toolbar button and answers a keyboard shortcut, so both always agree.
 */
export interface AppAction {
  name: string;
  /**
   * What buttons and the help show. A function, read each time it is shown,
   * so it follows the UI language (see labels.ts); a plain string stays as written.
   */
  label: string | ((ctx: ActionContext) => string);
  /** Shown in the button's tooltip, e.g. "U". */
  shortcut?: string;
  keyTest?: (event: KeyboardEvent, ctx: ActionContext) => boolean;
  /** Whether the action can run now; buttons are hidden and keys ignored otherwise. */
  predicate?: (ctx: ActionContext) => boolean;
  perform: (ctx: ActionContext) => void;
}

export function labelOf(action: AppAction, ctx: ActionContext): string {
  return typeof action.label === 'function' ? action.label(ctx) : action.label;
}
