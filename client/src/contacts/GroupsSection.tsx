import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactGroup } from '../../../shared/contacts.js';
import { ApiRequestError } from '../api/http.js';
import { describeError } from '../errors.js';
import { useDeleteGroupMutation, useSaveGroupMutation } from '../state/queries/contacts.js';

/**
 * Groups: create, rename, delete. Members are chosen in each contact's
 * editor (its group checkboxes); a group picked in compose adds them all.
 */
export function GroupsSection({ groups }: { groups: ContactGroup[] }) {
  const { t } = useTranslation('contacts');
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const save = useSaveGroupMutation();
  const remove = useDeleteGroupMutation();

  const errorText = (err: unknown) =>
    err instanceof ApiRequestError && err.code === 'VALIDATION_FAILED' && err.field === 'name' ? t('groups.exists') : describeError(err);

  const create = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    save.mutate({ id: null, group: { name: name.trim(), memberIds: [] } }, { onSuccess: () => setName('') });
  };
  const rename = (e: FormEvent, group: ContactGroup) => {
    e.preventDefault();
    if (!renaming?.name.trim()) return;
    save.mutate({ id: group.id, group: { name: renaming.name.trim(), memberIds: group.memberIds } }, { onSuccess: () => setRenaming(null) });
  };

  return (
    <section className="contact-groups" aria-label={t('groups.title')}>
      <h3>{t('groups.title')}</h3>
      {groups.length === 0 && <p className="muted">{t('groups.none')}</p>}
      <ul>
        {groups.map((g) => (
          <li key={g.id}>
            {renaming?.id === g.id ? (
              <form onSubmit={(e) => rename(e, g)} className="contact-inline">
                <input aria-label={t('groups.newName', { name: g.name })} value={renaming.name} maxLength={100} autoFocus onChange={(e) => setRenaming({ id: g.id, name: e.target.value })} />
                <button type="submit">{t('form.save')}</button>
                <button type="button" onClick={() => setRenaming(null)}>
                  {t('cancel')}
                </button>
              </form>
            ) : (
              <>
                <span className="contact-group-name">{g.name}</span> <span className="muted">{t('groups.members', { count: g.memberIds.length })}</span>{' '}
                <button type="button" className="link-button" aria-label={t('groups.rename', { name: g.name })} onClick={() => setRenaming({ id: g.id, name: g.name })}>
                  {t('groups.renameShort')}
                </button>{' '}
                <button type="button" className="link-button" aria-label={t('groups.delete', { name: g.name })} disabled={remove.isPending} onClick={() => remove.mutate(g.id)}>
                  {t('groups.deleteShort')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={create} className="contact-inline">
        <input aria-label={t('groups.name')} placeholder={t('groups.name')} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={save.isPending || !name.trim()}>
          {t('groups.create')}
        </button>
      </form>
      {(save.error ?? remove.error) != null && (
        <p role="alert" className="form-error">
          {errorText(save.error ?? remove.error)}
        </p>
      )}
    </section>
  );
}
