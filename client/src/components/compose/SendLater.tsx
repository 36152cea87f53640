import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** "Send later": a local date and time, sent to the server as an ISO instant. */
export function SendLater({ disabled, onSchedule }: { disabled: boolean; onSchedule: (iso: string) => void }) {
  const { t } = useTranslation('compose');
  const id = useId();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (!open) {
    return (
      <button type="button" disabled={disabled} onClick={() => setOpen(true)}>
        {t('later.open')}
      </button>
    );
  }
  const confirm = () => {
    // datetime-local has no zone: new Date() reads it as the browser's local time.
    const when = new Date(value);
    if (!value || Number.isNaN(when.getTime())) return setProblem(t('later.choose'));
    if (when.getTime() <= Date.now()) return setProblem(t('later.future'));
    setProblem(null);
    onSchedule(when.toISOString());
  };
  return (
    <span className="send-later">
      <label htmlFor={`${id}-at`}>{t('later.at')}</label>
      <input id={`${id}-at`} type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="button" disabled={disabled} onClick={confirm}>
        {t('later.schedule')}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        {t('cancel')}
      </button>
      {problem && (
        <span className="form-error" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}
