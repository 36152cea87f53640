import type { ListSort } from '../state/queries/messages.js';
import { useTranslation } from 'react-i18next';

/** The orders offered in the list header; the first is the server's default. `label` is a key of the mail namespace. */
export const SORT_CHOICES: ReadonlyArray<{ value: string; label: string; sort: ListSort }> = [
  { value: 'arrival:desc', label: 'list.sort.newest', sort: { sort: 'arrival', order: 'desc' } },
  { value: 'arrival:asc', label: 'list.sort.oldest', sort: { sort: 'arrival', order: 'asc' } },
  { value: 'from:asc', label: 'list.sort.sender', sort: { sort: 'from', order: 'asc' } },
  { value: 'subject:asc', label: 'list.sort.subject', sort: { sort: 'subject', order: 'asc' } },
  { value: 'size:desc', label: 'list.sort.size', sort: { sort: 'size', order: 'desc' } },
];

interface Props {
  value: ListSort;
  onChange: (sort: ListSort) => void;
}

/** A small "Sort by" select for the list header. */
export function SortSelect({ value, onChange }: Props) {
  const { t } = useTranslation('mail');
  const current = `${value.sort}:${value.order}`;
  return (
    <label className="list-sort" style={{ marginLeft: 'auto' }}>
      <span className="visually-hidden">{t('list.sort.label')}</span>
      <select
        value={current}
        onChange={(e) => {
          const choice = SORT_CHOICES.find((c) => c.value === e.target.value);
          if (choice) onChange(choice.sort);
        }}
      >
        {SORT_CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {t(c.label)}
          </option>
        ))}
      </select>
    </label>
  );
}
