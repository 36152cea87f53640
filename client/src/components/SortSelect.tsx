import type { ListSort } from '../state/queries/messages.js';

/** The orders offered in the list header; the first is the server's default. */
export const SORT_CHOICES: ReadonlyArray<{ value: string; label: string; sort: ListSort }> = [
  { value: 'arrival:desc', label: 'Newest first', sort: { sort: 'arrival', order: 'desc' } },
  { value: 'arrival:asc', label: 'Oldest first', sort: { sort: 'arrival', order: 'asc' } },
  { value: 'from:asc', label: 'Sender', sort: { sort: 'from', order: 'asc' } },
  { value: 'subject:asc', label: 'Subject', sort: { sort: 'subject', order: 'asc' } },
  { value: 'size:desc', label: 'Size', sort: { sort: 'size', order: 'desc' } },
];

interface Props {
  value: ListSort;
  onChange: (sort: ListSort) => void;
}

/** A small "Sort by" select for the list header. */
export function SortSelect({ value, onChange }: Props) {
  const current = `${value.sort}:${value.order}`;
  return (
    <label className="list-sort" style={{ marginLeft: 'auto' }}>
      <span className="visually-hidden">Sort by</span>
      <select
        value={current}
        onChange={(e) => {
          const choice = SORT_CHOICES.find((c) => c.value === e.target.value);
          if (choice) onChange(choice.sort);
        }}
      >
        {SORT_CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
