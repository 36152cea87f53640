import { useId, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addressProblem, formatRecipient, parseRecipient, parseRecipientList, sameAddress, splitCompleted, type ParsedRecipient } from '../../compose/recipients.js';
import { mergeSuggestions } from '../../compose/suggestions.js';
import { useAddressSuggestions } from '../../state/queries/compose.js';
import { useContactSuggestions } from '../../state/queries/contacts.js';

interface Props {
  label: string;
  value: ParsedRecipient[];
  onChange: (value: ParsedRecipient[]) => void;
  autoFocus?: boolean;
}

/**
 * One of To / Cc / Bcc: finished addresses become chips (comma, semicolon,
 * Enter, Tab, blur or paste); invalid ones stay as red chips that say why.
 * The input is an ARIA 1.2 combobox whose listbox offers the address book's
 * contacts and groups first, then addresses seen in mail; picking a group
 * adds each of its members as a chip.
 */
export function RecipientField({ label, value, onChange, autoFocus }: Props) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [active, setActive] = useState(-1);
  const [focused, setFocused] = useState(false);
  const { t } = useTranslation('contacts');
  const { t: tc } = useTranslation('compose');
  const suggestions = useAddressSuggestions(focused ? text : '');
  const contacts = useContactSuggestions(focused ? text : '');
  const options = text.trim() ? mergeSuggestions(contacts.data, suggestions.data, value) : [];
  const open = focused && options.length > 0;

  const add = (more: ParsedRecipient[]) => {
    const fresh = more.filter((m) => m.address && !value.some((v) => sameAddress(v.address, m.address)));
    if (fresh.length) onChange([...value, ...fresh]);
  };
  const commit = () => {
    if (!text.trim()) return;
    add(parseRecipientList(text));
    setText('');
    setActive(-1);
  };
  const choose = (i: number) => {
    const s = options[i];
    if (!s) return;
    const picked = s.kind === 'group' ? s.members : [s];
    add(picked.map((r) => ({ name: r.name, address: r.address, problem: parseRecipient(r.address).problem })));
    setText('');
    setActive(-1);
    inputRef.current?.focus();
  };
  const edit = (index: number) => {
    const chip = value[index];
    if (!chip) return;
    onChange(value.filter((_, i) => i !== index));
    setText(formatRecipient(chip));
    inputRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (open && e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (a + 1) % options.length);
    } else if (open && e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setActive(-1);
      setFocused(false);
    } else if (e.key === 'Enter' || (e.key === 'Tab' && text.trim())) {
      if (open && active >= 0) {
        e.preventDefault();
        choose(active);
      } else if (text.trim()) {
        if (e.key === 'Enter') e.preventDefault();
        commit();
      }
    } else if (e.key === 'Backspace' && text === '' && value.length > 0) {
      e.preventDefault();
      edit(value.length - 1);
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const pasted = e.clipboardData.getData('text');
    if (!/[,;\n]/.test(pasted)) return;
    e.preventDefault();
    add(parseRecipientList(text + pasted));
    setText('');
  };

  const onInput = (next: string) => {
    const { done, rest } = splitCompleted(next);
    if (done.length) add(done);
    setText(rest);
    setActive(-1);
  };

  const listId = `${id}-list`;
  return (
    <div className="recipient-field">
      <label htmlFor={`${id}-input`} className="field-label">
        {label}
      </label>
      <div className="chips" onClick={() => inputRef.current?.focus()}>
        {value.map((r, i) => {
          // Worded again on each render, so the sentence follows the UI language.
          const problem = r.problem && (addressProblem(r.address) ?? r.problem);
          return (
            <span
              key={`${r.address}-${i}`}
              className={problem ? 'chip chip-invalid' : 'chip'}
              title={problem || (r.name ? `${r.name} <${r.address}>` : r.address)}
              aria-invalid={problem ? true : undefined}
              onDoubleClick={() => edit(i)}
            >
              <span className="chip-text">{r.name || r.address}</span>
              {problem && <span className="visually-hidden"> {tc('recipient.invalid', { problem })}</span>}
              <button type="button" className="chip-remove" aria-label={tc('removeNamed', { name: r.address })} onClick={() => onChange(value.filter((_, j) => j !== i))}>
                ×
              </button>
            </span>
          );
        })}
        <span className="chip-input-wrap">
          <input
            ref={inputRef}
            id={`${id}-input`}
            className="chip-input"
            type="text"
            role="combobox"
            aria-expanded={open}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
            autoComplete="off"
            autoFocus={autoFocus}
            value={text}
            onChange={(e) => onInput(e.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onFocus={() => setFocused(true)}
            onBlur={() => {
              setFocused(false);
              commit();
            }}
          />
          <ul id={listId} role="listbox" aria-label={tc('recipient.suggestions', { label })} className="suggestions" hidden={!open}>
            {open &&
              options.map((s, i) => (
                <li
                  key={s.key}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className="suggestion"
                  // mousedown, not click: keep focus (and the typed text) in the input until chosen.
                  onMouseDown={(e) => {
                    e.preventDefault();
                    choose(i);
                  }}
                >
                  {s.kind === 'group' ? t('suggestion.group', { name: s.name, count: s.members.length }) : s.name ? `${s.name} <${s.address}>` : s.address}
                </li>
              ))}
          </ul>
        </span>
      </div>
    </div>
  );
}
