import { useTranslation } from 'react-i18next';
import type { Mailbox } from '../../../../shared/mail.js';
import { describeError } from '../../errors.js';
import { deleteScope } from '../../folders/folderTree.js';
import { mailboxLabel } from '../../mail/mailboxTree.js';
import { useDeleteFolderMutation, useEmptyFolderMutation } from '../../state/queries/folders.js';
import { Dialog } from './Dialog.js';

interface ConfirmProps {
  title: string;
  lines: string[];
  confirm: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/** "Are you sure", saying exactly what goes: the button names the act, Cancel has the focus. */
function Confirm({ title, lines, confirm, pending, error, onConfirm, onClose }: ConfirmProps) {
  const { t } = useTranslation('folders');
  return (
    <Dialog title={title} onClose={onClose}>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {error != null && (
        <p className="form-error" role="alert">
          {describeError(error)}
        </p>
      )}
      <div className="folder-dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          {t('cancel')}
        </button>
        <button type="button" className="danger" disabled={pending} onClick={onConfirm}>
          {confirm}
        </button>
      </div>
    </Dialog>
  );
}

export function DeleteFolderConfirm({ mailbox, mailboxes, onDone, onClose }: { mailbox: Mailbox; mailboxes: Mailbox[]; onDone: (deleted: string[]) => void; onClose: () => void }) {
  const { t } = useTranslation('folders');
  const remove = useDeleteFolderMutation();
  const name = mailboxLabel(mailbox);
  const scope = deleteScope(mailboxes, mailbox);
  const lines = [t('delete.body', { name, count: scope.messages })];
  if (scope.subfolders > 0) lines.push(t('delete.subfolders', { count: scope.subfolders }));
  lines.push(t('delete.final'));
  return (
    <Confirm
      title={t('delete.title', { name })}
      lines={lines}
      confirm={t('delete.submit')}
      pending={remove.isPending}
      error={remove.error}
      onClose={onClose}
      onConfirm={() =>
        remove.mutate(
          { path: mailbox.path },
          {
            onSuccess: ({ deleted }) => {
              onDone(deleted);
              onClose();
            },
          },
        )
      }
    />
  );
}

export function EmptyFolderConfirm({ mailbox, onClose }: { mailbox: Mailbox; onClose: () => void }) {
  const { t } = useTranslation('folders');
  const empty = useEmptyFolderMutation();
  const name = mailboxLabel(mailbox);
  return (
    <Confirm
      title={t('empty.title', { name })}
      lines={[t('empty.body', { name, count: mailbox.total }), t('delete.final')]}
      confirm={t('empty.submit', { name })}
      pending={empty.isPending}
      error={empty.error}
      onClose={onClose}
      onConfirm={() => empty.mutate({ path: mailbox.path }, { onSuccess: onClose })}
    />
  );
}
