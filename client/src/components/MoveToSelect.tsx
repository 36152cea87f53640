import { useId, type ChangeEvent } from 'react';
import type { Mailbox } from '../../../shared/mail.js';
import { mailboxLabel } from '../mail/mailboxTree.js';

interface Props {
  mailboxes: Mailbox[];
  /** The folder on screen, which is not a destination. */
  current: string | undefined;
  onMove: (target: string) => void;
  /** The hidden label and the select's first line, in the caller's words. */
  label: string;
  placeholder: string;
  disabled?: boolean;
}

/** "Move to…": every other selectable folder; picking one moves and resets the select. */
export function MoveToSelect({ mailboxes, current, onMove, label, placeholder, disabled = false }: Props) {
  const id = useId();
  const destinations = mailboxes.filter((m) => m.selectable && m.path !== current);
  if (destinations.length === 0) return null;
  const onChange = (event: ChangeEvent<HTMLSelectElement>) => {
    const target = event.target.value;
    event.target.value = '';
    if (target) onMove(target);
  };
  return (
    <span className="move-to">
      <label htmlFor={`${id}-move`} className="visually-hidden">
        {label}
      </label>
      <select id={`${id}-move`} defaultValue="" onChange={onChange} disabled={disabled}>
        <option value="" disabled>
          {placeholder}
        </option>
        {destinations.map((m) => (
          <option key={m.path} value={m.path}>
            {m.specialUse ? mailboxLabel(m) : m.path}
          </option>
        ))}
      </select>
    </span>
  );
}
