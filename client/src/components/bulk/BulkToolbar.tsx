import { useTranslation } from 'react-i18next';
import type { MessageAction } from '../../../../shared/api.js';
import type { Mailbox } from '../../../../shared/mail.js';
import { MoveToSelect } from '../MoveToSelect.js';
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
  return (
    <div className="bulk-toolbar" role="toolbar" aria-label={t('toolbar')}>
      {BULK_ACTIONS.filter((a) => a.predicate?.(mailbox) ?? true).map((a) => (
        <button key={a.action} type="button" disabled={disabled} onClick={() => onAction(a.action)}>
          {t(`actions.${a.action}`)}
        </button>
      ))}
      <MoveToSelect
        mailboxes={mailboxes}
        current={mailbox?.path}
        onMove={(target) => onAction('move', target)}
        label={t('moveTo')}
        placeholder={t('moveToPlaceholder')}
        disabled={disabled}
      />
    </div>
  );
}
