import { useId, useState } from 'react';

/** "Send later": a local date and time, sent to the server as an ISO instant. */
export function SendLater({ disabled, onSchedule }: { disabled: boolean; onSchedule: (iso: string) => void }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (!open) {
    return (
      <button type="button" disabled={disabled} onClick={() => setOpen(true)}>
        Send later
      </button>
    );
  }
  const confirm = () => {
    // datetime-local has no zone: new Date() reads it as the browser's local time.
    const when = new Date(value);
    if (!value || Number.isNaN(when.getTime())) return setProblem('Choose a date and time.');
    if (when.getTime() <= Date.now()) return setProblem('Choose a time in the future.');
    setProblem(null);
    onSchedule(when.toISOString());
  };
  return (
    <span className="send-later">
      <label htmlFor={`${id}-at`}>Send at</label>
      <input id={`${id}-at`} type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="button" disabled={disabled} onClick={confirm}>
        Schedule
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {problem && (
        <span className="form-error" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}
