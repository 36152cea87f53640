import { useId, type ReactNode } from 'react';

/** Small labelled controls for the settings panels: each change is saved by the caller at once. */

export interface Choice<T extends string | number> {
  value: T;
  label: string;
}

export function SelectField<T extends string | number>({
  label,
  help,
  value,
  choices,
  onChange,
}: {
  label: string;
  help?: string;
  value: T;
  choices: readonly Choice<T>[];
  onChange: (value: T) => void;
}) {
  const id = useId();
  return (
    <div className="settings-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={String(value)}
        aria-describedby={help ? `${id}-help` : undefined}
        onChange={(e) => {
          const picked = choices.find((c) => String(c.value) === e.target.value);
          if (picked) onChange(picked.value);
        }}
      >
        {choices.map((c) => (
          <option key={String(c.value)} value={String(c.value)}>
            {c.label}
          </option>
        ))}
      </select>
      {help && (
        <p id={`${id}-help`} className="settings-help">
          {help}
        </p>
      )}
    </div>
  );
}

export function CheckboxField({ label, help, checked, onChange }: { label: string; help?: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="settings-field settings-check">
      <input id={id} type="checkbox" checked={checked} aria-describedby={help ? `${id}-help` : undefined} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
      {help && (
        <p id={`${id}-help`} className="settings-help">
          {help}
        </p>
      )}
    </div>
  );
}

export function RadioGroup<T extends string>({ legend, value, choices, onChange }: { legend: string; value: T; choices: readonly Choice<T>[]; onChange: (value: T) => void }) {
  const name = useId();
  return (
    <fieldset className="settings-field settings-radios">
      <legend>{legend}</legend>
      {choices.map((c) => (
        <label key={c.value}>
          <input type="radio" name={name} value={c.value} checked={value === c.value} onChange={() => onChange(c.value)} />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}

export function SettingsGroup({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="settings-group" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

/** Keeps the current value selectable when it is not one of the offered ones (set by another version, or by hand). */
export function withCurrent<T extends string | number>(choices: Choice<T>[], current: T, label: (v: T) => string): Choice<T>[] {
  return choices.some((c) => c.value === current) ? choices : [...choices, { value: current, label: label(current) }];
}
