import { REPLY_ACTIONS } from '../actions/composeActions.js';
import { MESSAGE_ACTIONS } from '../actions/messageActions.js';
import type { ActionContext } from '../actions/types.js';
import { MoveToSelect } from './MoveToSelect.js';
import { ActionButton } from './ActionButton.js';
import { useTranslation } from 'react-i18next';

/** The reader's actions: the same records the keyboard shortcuts use, plus "Move to". */
export function ReaderToolbar({ ctx }: { ctx: ActionContext }) {
  const { t } = useTranslation('reader');
  return (
    <div className="reader-toolbar" role="toolbar" aria-label={t('actions')}>
      {[...REPLY_ACTIONS, ...MESSAGE_ACTIONS].map((action) => (
        <ActionButton key={action.name} action={action} ctx={ctx} />
      ))}
      <MoveToSelect
        mailboxes={ctx.mailboxes}
        current={ctx.mailbox?.path}
        onMove={(target) => ctx.runMessageAction('move', target)}
        label={t('moveToFolder')}
        placeholder={t('moveTo')}
      />
    </div>
  );
}
