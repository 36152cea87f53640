import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  index: number;
  subject: string;
  checked: boolean;
  /** `range` when shift was held: extend from the last ticked row. */
  onCheck: (index: number, range: boolean) => void;
}

/** A row's selection box. Its clicks stay its own: they must not open the message. */
export function RowCheckbox({ index, subject, checked, onCheck }: Props) {
  const { t } = useTranslation('bulk');
  const onClick = (event: MouseEvent<HTMLInputElement>) => {
    event.stopPropagation();
    onCheck(index, event.shiftKey);
  };
  return (
    <input
      type="checkbox"
      className="row-check"
      checked={checked}
      // The click handler owns the change (it needs shiftKey); React wants an onChange all the same.
      onChange={() => undefined}
      onClick={onClick}
      aria-label={t('selectRow', { subject: subject || t('noSubject') })}
      // The list handles arrows and Enter; keep the focus there rather than on each box.
      tabIndex={-1}
    />
  );
}
