import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mailbox } from '../../../../shared/mail.js';
import { describeError } from '../../errors.js';
import { parentChoices } from '../../folders/folderTree.js';
import { mailboxLabel } from '../../mail/mailboxTree.js';
import { useCreateFolderMutation, useMoveFolderMutation, useRenameFolderMutation } from '../../state/queries/folders.js';
import { Dialog } from './Dialog.js';

/** The value of the "top level" option: no mailbox path is empty. */
const TOP = '';

interface FormProps {
  title: string;
  submit: string;
  pending: boolean;
  error: unknown;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}

/** A dialog with a form; a refusal is shown in it and what was typed stays, so nothing is lost. */
function FolderForm({ title, submit, pending, error, onSubmit, onClose, children }: FormProps) {
  const { t } = useTranslation('folders');
  const send = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <form className="folder-form" onSubmit={send}>
        {children}
        {error != null && (
          <p className="form-error" role="alert">
            {describeError(error)}
          </p>
        )}
        <div className="folder-dialog-actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" disabled={pending}>
            {submit}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ParentSelect({ id, value, onChange, mailboxes, moving }: { id: string; value: string; onChange: (v: string) => void; mailboxes: Mailbox[]; moving: Mailbox | null }) {
  const { t } = useTranslation('folders');
  return (
    <>
      <label htmlFor={id}>{t('form.parent')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {parentChoices(mailboxes, moving, t('form.topLevel')).map((c) => (
          <option key={c.path ?? TOP} value={c.path ?? TOP}>
            {c.label}
          </option>
        ))}
      </select>
    </>
  );
}

export function CreateFolderForm({ parent, mailboxes, onClose }: { parent: string | null; mailboxes: Mailbox[]; onClose: () => void }) {
  const { t } = useTranslation('folders');
  const id = useId();
  const [name, setName] = useState('');
  const [parentPath, setParentPath] = useState(parent ?? TOP);
  const create = useCreateFolderMutation();
  return (
    <FolderForm
      title={t('create.title')}
      submit={t('create.submit')}
      pending={create.isPending}
      error={create.error}
      onClose={onClose}
      onSubmit={() => create.mutate({ parent: parentPath === TOP ? null : parentPath, name }, { onSuccess: onClose })}
    >
      <label htmlFor={`${id}-name`}>{t('form.name')}</label>
      <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} autoFocus required maxLength={200} />
      <ParentSelect id={`${id}-parent`} value={parentPath} onChange={setParentPath} mailboxes={mailboxes} moving={null} />
    </FolderForm>
  );
}

export function RenameFolderForm({ mailbox, onDone, onClose }: { mailbox: Mailbox; onDone: (path: string) => void; onClose: () => void }) {
  const { t } = useTranslation('folders');
  const id = useId();
  const [name, setName] = useState(mailbox.name);
  const rename = useRenameFolderMutation();
  const done = ({ path }: { path: string }) => {
    onDone(path);
    onClose();
  };
  return (
    <FolderForm
      title={t('rename.title', { name: mailboxLabel(mailbox) })}
      submit={t('rename.submit')}
      pending={rename.isPending}
      error={rename.error}
      onClose={onClose}
      onSubmit={() => rename.mutate({ path: mailbox.path, newName: name }, { onSuccess: done })}
    >
      <label htmlFor={`${id}-name`}>{t('form.newName')}</label>
      <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} autoFocus required maxLength={200} />
    </FolderForm>
  );
}

export function MoveFolderForm({ mailbox, mailboxes, onDone, onClose }: { mailbox: Mailbox; mailboxes: Mailbox[]; onDone: (path: string) => void; onClose: () => void }) {
  const { t } = useTranslation('folders');
  const id = useId();
  const [parentPath, setParentPath] = useState(mailbox.parentPath ?? TOP);
  const move = useMoveFolderMutation();
  const done = ({ path }: { path: string }) => {
    onDone(path);
    onClose();
  };
  return (
    <FolderForm
      title={t('move.title', { name: mailboxLabel(mailbox) })}
      submit={t('move.submit')}
      pending={move.isPending}
      error={move.error}
      onClose={onClose}
      onSubmit={() => move.mutate({ path: mailbox.path, newParent: parentPath === TOP ? null : parentPath }, { onSuccess: done })}
    >
      <ParentSelect id={`${id}-parent`} value={parentPath} onChange={setParentPath} mailboxes={mailboxes} moving={mailbox} />
    </FolderForm>
  );
}
