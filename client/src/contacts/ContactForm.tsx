import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, ContactGroup } from '../../../shared/contacts.js';
import { ApiRequestError } from '../api/http.js';
import { FormActions, FormError } from '../components/forms.js';
import { describeError } from '../errors.js';
import { useSaveContactMutation } from '../state/queries/contacts.js';
import { ContactRows } from './ContactRows.js';
import { formOf, formProblem, inputOf, type ContactFormState } from './contactForm.js';

interface Props {
  /** null: a new contact. */
  contact: Contact | null;
  groups: ContactGroup[];
  onDone: () => void;
}

/** The editor of one contact: a name, several addresses and phones with labels, notes, groups. */
export function ContactForm({ contact, groups, onDone }: Props) {
  const { t } = useTranslation('contacts');
  const [form, setForm] = useState<ContactFormState>(() => formOf(contact));
  const [problem, setProblem] = useState<string | null>(null);
  const save = useSaveContactMutation();
  /** The server names the field it refused (emails.2.address): point at the row, not just "something". */
  const saveError = (err: unknown) => {
    const field = err instanceof ApiRequestError && err.code === 'VALIDATION_FAILED' ? (err.field ?? '') : '';
    const row = /^(emails|phones)\.(\d+)\./.exec(field);
    if (row) return t(row[1] === 'emails' ? 'form.invalidAddress' : 'form.invalidPhone', { n: Number(row[2]) + 1 });
    return describeError(err);
  };
  const title = contact ? t('form.editTitle') : t('form.newTitle');

  const update = (change: (draft: ContactFormState) => void) =>
    setForm((f) => {
      const next = structuredClone(f);
      change(next);
      return next;
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local = formProblem(form);
    if (local) return setProblem(t(`form.${local}`));
    setProblem(null);
    save.mutate({ id: contact?.id ?? null, contact: inputOf(form) }, { onSuccess: onDone });
  };

  const error = problem ?? (save.error ? saveError(save.error) : null);
  return (
    <form className="contact-form" aria-label={title} onSubmit={submit} noValidate>
      <h3>{title}</h3>
      <label className="contact-field">
        <span>{t('form.name')}</span>
        <input type="text" value={form.name} maxLength={200} autoFocus onChange={(e) => update((f) => void (f.name = e.target.value))} />
      </label>

      {(['emails', 'phones'] as const).map((kind) => (
        <ContactRows key={kind} kind={kind} form={form} onChange={(rows) => update((f) => void Object.assign(f, { [kind]: rows }))} />
      ))}

      <label className="contact-field">
        <span>{t('form.notes')}</span>
        <textarea rows={3} value={form.notes} maxLength={10_000} onChange={(e) => update((f) => void (f.notes = e.target.value))} />
      </label>

      {groups.length > 0 && (
        <fieldset>
          <legend>{t('form.groups')}</legend>
          {groups.map((g) => (
            <label key={g.id} className="contact-check">
              <input
                type="checkbox"
                checked={form.groups.includes(g.id)}
                onChange={(e) => update((f) => void (f.groups = e.target.checked ? [...f.groups, g.id] : f.groups.filter((id) => id !== g.id)))}
              />
              {g.name}
            </label>
          ))}
        </fieldset>
      )}

      <FormError message={error} />
      <FormActions className="contact-actions" pending={save.isPending} submit={save.isPending ? t('form.saving') : t('form.save')}>
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
      </FormActions>
    </form>
  );
}
