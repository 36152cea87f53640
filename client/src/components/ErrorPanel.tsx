import { describeError } from '../errors.js';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  error: unknown;
  onRetry?: () => void;
}

/** A failure said in words, with a way to try again. */
export function ErrorPanel({ title, error, onRetry }: Props) {
  const { t } = useTranslation();
  return (
    <div className="error-panel" role="alert">
      <p className="error-title">{title}</p>
      <p>{describeError(error)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}
