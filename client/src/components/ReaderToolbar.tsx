import { useId, type ChangeEvent } from 'react';
import { REPLY_ACTIONS } from '../actions/composeActions.js';
import { MESSAGE_ACTIONS } from '../actions/messageActions.js';
import type { ActionContext } from '../actions/types.js';
import { mailboxLabel } from '../mail/mailboxTree.js';
import { ActionButton } from './ActionButton.js';

/** The reader's actions: the same records the keyboard shortcuts use, plus "Move to". */
export function ReaderToolbar({ ctx }: { ctx: ActionContext }) {
  const id = useId();
  const destinations = ctx.mailboxes.filter((m) => m.selectable && m.path !== ctx.mailbox?.path);
  const onMove = (event: ChangeEvent<HTMLSelectElement>) => {
    const target = event.target.value;
    event.target.value = '';
    if (target) ctx.runMessageAction('move', target);
  };
  return (
    <div className="reader-toolbar" role="toolbar" aria-label="Message actions">
      {[...REPLY_ACTIONS, ...MESSAGE_ACTIONS].map((action) => (
        <ActionButton key={action.name} action={action} ctx={ctx} />
      ))}
      {destinations.length > 0 && (
        <span className="move-to">
          <label htmlFor={`${id}-move`} className="visually-hidden">
            Move to folder
          </label>
          <select id={`${id}-move`} defaultValue="" onChange={onMove}>
            <option value="" disabled>
              Move to…
            </option>
            {destinations.map((m) => (
              <option key={m.path} value={m.path}>
                {m.specialUse ? mailboxLabel(m) : m.path}
              </option>
            ))}
          </select>
        </span>
      )}
    </div>
  );
}
