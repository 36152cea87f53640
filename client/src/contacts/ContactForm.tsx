import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EMAIL_LABELS, PHONE_LABELS, type Contact, type ContactGroup } from '../../../shared/contacts.js';
import { ApiRequestError } from '../api/http.js';
import { describeError } from '../errors.js';
import { useSaveContactMutation } from '../state/queries/contacts.js';
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

  /** A label select offers the usual words, and keeps an imported label that is not one of them. */
  const labelOptions = (known: readonly string[], current: string) => (
    <>
      <option value="">{t('labels.none')}</option>
      {known.map((l) => (
        <option key={l} value={l}>
          {t(`labels.${l}`)}
        </option>
      ))}
      {current && !known.includes(current) && <option value={current}>{current}</option>}
    </>
  );

  const error = problem ?? (save.error ? saveError(save.error) : null);
  return (
    <form className="contact-form" aria-label={title} onSubmit={submit} noValidate>
      <h3>{title}</h3>
      <label className="contact-field">
        <span>{t('form.name')}</span>
        <input type="text" value={form.name} maxLength={200} autoFocus onChange={(e) => update((f) => void (f.name = e.target.value))} />
      </label>

      <fieldset>
        <legend>{t('form.emails')}</legend>
        {form.emails.map((row, i) => (
          <div className="contact-row" key={i}>
            <input
              type="email"
              aria-label={t('form.address', { n: i + 1 })}
              value={row.address}
              onChange={(e) => update((f) => void (f.emails[i]!.address = e.target.value))}
            />
            <select aria-label={t('form.addressLabel', { n: i + 1 })} value={row.label} onChange={(e) => update((f) => void (f.emails[i]!.label = e.target.value))}>
              {labelOptions(EMAIL_LABELS, row.label)}
            </select>
            <button type="button" aria-label={t('form.removeEmail', { n: i + 1 })} onClick={() => update((f) => void f.emails.splice(i, 1))}>
              ×
            </button>
          </div>
        ))}
        <button type="button" className="link-button" onClick={() => update((f) => void f.emails.push({ address: '', label: '' }))}>
          {t('form.addEmail')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('form.phones')}</legend>
        {form.phones.map((row, i) => (
          <div className="contact-row" key={i}>
            <input type="tel" aria-label={t('form.phone', { n: i + 1 })} value={row.number} onChange={(e) => update((f) => void (f.phones[i]!.number = e.target.value))} />
            <select aria-label={t('form.phoneLabel', { n: i + 1 })} value={row.label} onChange={(e) => update((f) => void (f.phones[i]!.label = e.target.value))}>
              {labelOptions(PHONE_LABELS, row.label)}
            </select>
            <button type="button" aria-label={t('form.removePhone', { n: i + 1 })} onClick={() => update((f) => void f.phones.splice(i, 1))}>
              ×
            </button>
          </div>
        ))}
        <button type="button" className="link-button" onClick={() => update((f) => void f.phones.push({ number: '', label: 'mobile' }))}>
          {t('form.addPhone')}
        </button>
      </fieldset>

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

      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <div className="contact-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t('form.saving') : t('form.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
