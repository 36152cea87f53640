import { useTranslation } from 'react-i18next';
import { EMAIL_LABELS, PHONE_LABELS } from '../../../shared/contacts.js';
import type { ContactFormState } from './contactForm.js';

type Kind = 'emails' | 'phones';
type Row = { label: string } & Record<string, string>;

/** What differs between a contact's addresses and its phones: the value's field and input type, the usual labels, the words. */
const KINDS = {
  emails: { field: 'address', type: 'email', known: EMAIL_LABELS, blank: { address: '', label: '' }, words: ['emails', 'address', 'addressLabel', 'removeEmail', 'addEmail'] },
  phones: { field: 'number', type: 'tel', known: PHONE_LABELS, blank: { number: '', label: 'mobile' }, words: ['phones', 'phone', 'phoneLabel', 'removePhone', 'addPhone'] },
} as const satisfies Record<Kind, { field: string; type: string; known: readonly string[]; blank: Row; words: readonly string[] }>;

/**
 * A contact's addresses or phones: one row per value with a label select,
 * each removable, and a button for one more. A label select offers the usual
 * words, and keeps an imported label that is not one of them.
 */
export function ContactRows({ kind, form, onChange }: { kind: Kind; form: ContactFormState; onChange: (rows: Row[]) => void }) {
  const { t } = useTranslation('contacts');
  const { field, type, known, blank } = KINDS[kind];
  const [legend, value, label, remove, add] = KINDS[kind].words.map((w) => `form.${w}`) as [string, string, string, string, string];
  const rows = form[kind] as Row[];
  const change = (i: number, patch: Record<string, string>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset>
      <legend>{t(legend)}</legend>
      {rows.map((row, i) => (
        <div className="contact-row" key={i}>
          <input type={type} aria-label={t(value, { n: i + 1 })} value={row[field]} onChange={(e) => change(i, { [field]: e.target.value })} />
          <select aria-label={t(label, { n: i + 1 })} value={row.label} onChange={(e) => change(i, { label: e.target.value })}>
            <option value="">{t('labels.none')}</option>
            {known.map((l) => (
              <option key={l} value={l}>
                {t(`labels.${l}`)}
              </option>
            ))}
            {row.label && !(known as readonly string[]).includes(row.label) && <option value={row.label}>{row.label}</option>}
          </select>
          <button type="button" aria-label={t(remove, { n: i + 1 })} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" className="link-button" onClick={() => onChange([...rows, { ...blank }])}>
        {t(add)}
      </button>
    </fieldset>
  );
}
