import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/contacts.js';
import { describeError } from '../errors.js';
import { useContactGroupsQuery, useContactsQuery, useDeleteContactMutation } from '../state/queries/contacts.js';
import { ContactForm } from './ContactForm.js';
import { displayName } from './contactForm.js';
import { GroupsSection } from './GroupsSection.js';
import { ImportExport } from './ImportExport.js';
import './contacts.css';

/** The address book, as a section of the settings screen (#/settings/contacts). */
export function ContactsPanel() {
  const { t } = useTranslation('contacts');
  const [q, setQ] = useState('');
  /** The contact being edited: null for a new one, undefined when the editor is closed. */
  const [editing, setEditing] = useState<Contact | null | undefined>(undefined);
  const [confirming, setConfirming] = useState<string | null>(null);
  const list = useContactsQuery(q.trim());
  const groups = useContactGroupsQuery();
  const remove = useDeleteContactMutation();
  const groupName = new Map((groups.data ?? []).map((g) => [g.id, g.name]));
  const contacts = list.data?.contacts ?? [];

  return (
    <div className="contacts">
      <h2 className="settings-heading">{t('title')}</h2>
      <div className="contacts-toolbar">
        <input type="search" aria-label={t('search')} placeholder={t('search')} value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="button" className="primary" onClick={() => setEditing(null)}>
          {t('new')}
        </button>
      </div>

      {editing !== undefined && <ContactForm key={editing?.id ?? 'new'} contact={editing} groups={groups.data ?? []} onDone={() => setEditing(undefined)} />}

      {list.error != null && <p role="alert" className="form-error">{describeError(list.error)}</p>}
      {list.isSuccess && contacts.length === 0 && <p className="muted">{q.trim() ? t('noMatch', { q: q.trim() }) : t('empty')}</p>}
      <ul className="contact-list" aria-label={t('list')}>
        {contacts.map((c) => (
          <li key={c.id} className="contact-item">
            <div className="contact-summary">
              <span className="contact-name">{c.name || t('unnamed')}</span>
              <span className="contact-addresses">{c.emails.map((e) => e.address).join(', ')}</span>
              {c.groups.length > 0 && <span className="contact-groups-of">{c.groups.map((g) => groupName.get(g)).filter(Boolean).join(', ')}</span>}
            </div>
            {confirming === c.id ? (
              <span className="contact-confirm">
                {t('confirmDelete', { name: displayName(c) })}{' '}
                <button type="button" onClick={() => remove.mutate(c.id, { onSettled: () => setConfirming(null) })} disabled={remove.isPending}>
                  {t('confirm')}
                </button>{' '}
                <button type="button" onClick={() => setConfirming(null)}>
                  {t('cancel')}
                </button>
              </span>
            ) : (
              <span className="contact-item-actions">
                <button type="button" aria-label={t('edit', { name: displayName(c) })} onClick={() => setEditing(c)}>
                  {t('editShort')}
                </button>
                <button type="button" aria-label={t('delete', { name: displayName(c) })} onClick={() => setConfirming(c.id)}>
                  {t('deleteShort')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {remove.error != null && <p role="alert" className="form-error">{describeError(remove.error)}</p>}
      {list.data && list.data.total > contacts.length && <p className="muted">{t('more', { shown: contacts.length, total: list.data.total })}</p>}

      <GroupsSection groups={groups.data ?? []} />
      <ImportExport />
    </div>
  );
}
