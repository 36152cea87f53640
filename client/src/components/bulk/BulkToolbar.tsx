import { useId, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageAction } from '../../../../shared/api.js';
import type { Mailbox } from '../../../../shared/mail.js';
import { mailboxLabel } from '../../mail/mailboxTree.js';
import { BULK_ACTIONS } from './bulkActions.js';

interface Props {
  mailbox: Mailbox | undefined;
  mailboxes: Mailbox[];
  disabled: boolean;
  onAction: (action: MessageAction, target?: string) => void;
}

/** What can be done to the selection: the records of bulkActions.ts, and "Move to". */
export function BulkToolbar({ mailbox, mailboxes, disabled, onAction }: Props) {
  const { t } = useTranslation('bulk');
  const id = useId();
  const destinations = mailboxes.filter((m) => m.selectable && m.path !== mailbox?.path);
  const onMove = (event: ChangeEvent<HTMLSelectElement>) => {
    const target = event.target.value;
    event.target.value = '';
    if (target) onAction('move', target);
  };
  return (
    <div className="bulk-toolbar" role="toolbar" aria-label={t('toolbar')}>
      {BULK_ACTIONS.filter((a) => a.predicate?.(mailbox) ?? true).map((a) => (
        <button key={a.action} type="button" disabled={disabled} onClick={() => onAction(a.action)}>
          {t(`actions.${a.action}`)}
        </button>
      ))}
      {destinations.length > 0 && (
        <span className="move-to">
          <label htmlFor={`${id}-move`} className="visually-hidden">
            {t('moveTo')}
          </label>
          <select id={`${id}-move`} defaultValue="" onChange={onMove} disabled={disabled}>
            <option value="" disabled>
              {t('moveToPlaceholder')}
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
