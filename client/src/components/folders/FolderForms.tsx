import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mailbox } from '../../../../shared/mail.js';
import { describeError } from '../../errors.js';
import { parentChoices } from '../../folders/folderTree.js';
import { mailboxLabel } from '../../mail/mailboxTree.js';
import { useCreateFolderMutation, useMoveFolderMutation, useRenameFolderMutation } from '../../state/queries/folders.js';
import { FormError, LabelledInput } from '../forms.js';
import { Dialog } from './Dialog.js';

/** The value of the "top level" option: no mailbox path is empty. */
const TOP = '';

interface FormProps {
  /** Which form: its title and its button say so (the folder's name in the title). */
  kind: 'create' | 'rename' | 'move';
  folder?: Mailbox;
  /** The request the form sends: its button waits for it, its refusal is shown. */
  mutation: { isPending: boolean; error: unknown };
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}

/** A dialog with a form; a refusal is shown in it and what was typed stays, so nothing is lost. */
function FolderForm({ kind, folder, mutation, onSubmit, onClose, children }: FormProps) {
  const { t } = useTranslation('folders');
  const send = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Dialog title={t(`${kind}.title`, { name: folder ? mailboxLabel(folder) : '' })} onClose={onClose}>
      <form className="folder-form" onSubmit={send}>
        {children}
        <FormError message={mutation.error != null ? describeError(mutation.error) : null} />
        <div className="folder-dialog-actions">
          <button type="button" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className="primary" disabled={mutation.isPending}>
            {t(`${kind}.submit`)}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Rename and move answer the folder's new path: the view follows it there, and the dialog closes. */
function followTo(onDone: (path: string) => void, onClose: () => void) {
  return ({ path }: { path: string }) => {
    onDone(path);
    onClose();
  };
}

function ParentSelect({ value, onChange, mailboxes, moving }: { value: string; onChange: (v: string) => void; mailboxes: Mailbox[]; moving: Mailbox | null }) {
  const { t } = useTranslation('folders');
  const id = useId();
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
  const [name, setName] = useState('');
  const [parentPath, setParentPath] = useState(parent ?? TOP);
  const create = useCreateFolderMutation();
  return (
    <FolderForm kind="create" mutation={create} onClose={onClose} onSubmit={() => create.mutate({ parent: parentPath === TOP ? null : parentPath, name }, { onSuccess: onClose })}>
      <LabelledInput label={t('form.name')} value={name} onChange={(e) => setName(e.target.value)} autoFocus required maxLength={200} />
      <ParentSelect value={parentPath} onChange={setParentPath} mailboxes={mailboxes} moving={null} />
    </FolderForm>
  );
}

export function RenameFolderForm({ mailbox, onDone, onClose }: { mailbox: Mailbox; onDone: (path: string) => void; onClose: () => void }) {
  const { t } = useTranslation('folders');
  const [name, setName] = useState(mailbox.name);
  const rename = useRenameFolderMutation();
  return (
    <FolderForm kind="rename" folder={mailbox} mutation={rename} onClose={onClose} onSubmit={() => rename.mutate({ path: mailbox.path, newName: name }, { onSuccess: followTo(onDone, onClose) })}>
      <LabelledInput label={t('form.newName')} value={name} onChange={(e) => setName(e.target.value)} autoFocus required maxLength={200} />
    </FolderForm>
  );
}

export function MoveFolderForm({ mailbox, mailboxes, onDone, onClose }: { mailbox: Mailbox; mailboxes: Mailbox[]; onDone: (path: string) => void; onClose: () => void }) {
  const [parentPath, setParentPath] = useState(mailbox.parentPath ?? TOP);
  const move = useMoveFolderMutation();
  return (
    <FolderForm
      kind="move"
      folder={mailbox}
      mutation={move}
      onClose={onClose}
      onSubmit={() => move.mutate({ path: mailbox.path, newParent: parentPath === TOP ? null : parentPath }, { onSuccess: followTo(onDone, onClose) })}
    >
      <ParentSelect value={parentPath} onChange={setParentPath} mailboxes={mailboxes} moving={mailbox} />
    </FolderForm>
  );
}
