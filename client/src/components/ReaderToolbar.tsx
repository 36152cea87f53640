import { useId, type ChangeEvent } from 'react';
import { REPLY_ACTIONS } from '../actions/composeActions.js';
import { MESSAGE_ACTIONS } from '../actions/messageActions.js';
import type { ActionContext } from '../actions/types.js';
import { mailboxLabel } from '../mail/mailboxTree.js';
import { ActionButton } from './ActionButton.js';
import { useTranslation } from 'react-i18next';

/** The reader's actions: the same records the keyboard shortcuts use, plus "Move to". */
export function ReaderToolbar({ ctx }: { ctx: ActionContext }) {
  const { t } = useTranslation('reader');
  const id = useId();
  const destinations = ctx.mailboxes.filter((m) => m.selectable && m.path !== ctx.mailbox?.path);
  const onMove = (event: ChangeEvent<HTMLSelectElement>) => {
    const target = event.target.value;
    event.target.value = '';
    if (target) ctx.runMessageAction('move', target);
  };
  return (
    <div className="reader-toolbar" role="toolbar" aria-label={t('actions')}>
      {[...REPLY_ACTIONS, ...MESSAGE_ACTIONS].map((action) => (
        <ActionButton key={action.name} action={action} ctx={ctx} />
      ))}
      {destinations.length > 0 && (
        <span className="move-to">
          <label htmlFor={`${id}-move`} className="visually-hidden">
            {t('moveToFolder')}
          </label>
          <select id={`${id}-move`} defaultValue="" onChange={onMove}>
            <option value="" disabled>
              {t('moveTo')}
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
