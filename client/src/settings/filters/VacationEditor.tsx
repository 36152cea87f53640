import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Vacation } from '../../../../shared/filters.js';
import { splitAddresses } from './draft.js';

/** The automatic reply: on/off, its days, subject, message, how often, and the user's other addresses. */
export function VacationEditor({ vacation, onChange }: { vacation: Vacation; onChange: (v: Vacation) => void }) {
  const { t } = useTranslation('filters');
  const id = useId();
  // Typed as text and split on change, so a half-typed list keeps its commas.
  const [addresses, setAddresses] = useState(vacation.addresses.join(', '));
  const set = (patch: Partial<Vacation>) => onChange({ ...vacation, ...patch });

  return (
    <section className="filters-vacation" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('vacation.title')}</h3>
      <label>
        <input type="checkbox" checked={vacation.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> {t('vacation.enabled')}
      </label>
      <fieldset disabled={!vacation.enabled} className="filters-vacation-fields">
        <div className="filters-line">
          <label htmlFor={`${id}-from`}>{t('vacation.from')}</label>
          <input id={`${id}-from`} type="date" value={vacation.from ?? ''} onChange={(e) => set({ from: e.target.value || null })} />
          <label htmlFor={`${id}-until`}>{t('vacation.until')}</label>
          <input id={`${id}-until`} type="date" value={vacation.until ?? ''} min={vacation.from ?? undefined} onChange={(e) => set({ until: e.target.value || null })} />
        </div>
        <p className="filters-hint">{t('vacation.datesHint')}</p>
        <label htmlFor={`${id}-subject`}>{t('vacation.subject')}</label>
        <input id={`${id}-subject`} value={vacation.subject} maxLength={200} onChange={(e) => set({ subject: e.target.value.replace(/[\r\n]/g, ' ') })} />
        <p className="filters-hint">{t('vacation.subjectHint')}</p>
        <label htmlFor={`${id}-body`}>{t('vacation.body')}</label>
        <textarea id={`${id}-body`} rows={6} value={vacation.body} maxLength={10_000} onChange={(e) => set({ body: e.target.value })} />
        <label htmlFor={`${id}-days`}>{t('vacation.days')}</label>
        <input id={`${id}-days`} type="number" min={1} max={60} value={vacation.days} onChange={(e) => set({ days: Number(e.target.value) || 1 })} />
        <label htmlFor={`${id}-addresses`}>{t('vacation.addresses')}</label>
        <input
          id={`${id}-addresses`}
          value={addresses}
          onChange={(e) => {
            setAddresses(e.target.value);
            set({ addresses: splitAddresses(e.target.value) });
          }}
        />
        <p className="filters-hint">{t('vacation.addressesHint')}</p>
      </fieldset>
    </section>
  );
}
