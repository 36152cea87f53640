import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/**
 * Pieces every form of the app is made of, so a refusal reads and sounds the
 * same everywhere (an alert under the fields) and every field has its label.
 */

/** A problem with what was typed, or the server's refusal in words; nothing when there is none. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}

/** The form's buttons: its submit first (held while the request is on its way), then the others. */
export function FormActions({ className, pending, submit, children }: { className: string; pending: boolean; submit: string; children: ReactNode }) {
  return (
    <div className={className}>
      <button type="submit" className="primary" disabled={pending}>
        {submit}
      </button>
      {children}
    </div>
  );
}

/** A labelled input, with an optional note under it that the input is described by. */
export function LabelledInput({ label, note, ...input }: InputHTMLAttributes<HTMLInputElement> & { label: string; note?: ReactNode }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} aria-describedby={note ? `${id}-note` : undefined} />
      {note && (
        <p id={`${id}-note`} className="field-note">
          {note}
        </p>
      )}
    </>
  );
}
