import { useTranslation } from 'react-i18next';
import type { MessageAction } from '../../../../shared/api.js';
import { isAbort } from '../../api/http.js';
import { describeError } from '../../errors.js';
import { BulkActionError, type BulkProgress } from '../../state/queries/bulk.js';

interface Props {
  running: boolean;
  action: MessageAction | null;
  progress: BulkProgress | null;
  affected: number | null;
  error: unknown;
  onStop: () => void;
  onDismiss: () => void;
}

/** The running action's progress bar (fed by the streamed lines), then how it ended. */
export function BulkStatus({ running, action, progress, affected, error, onStop, onDismiss }: Props) {
  const { t } = useTranslation('bulk');
  if (running && action) {
    const total = progress?.total ?? null;
    const done = progress?.done ?? 0;
    return (
      <div className="bulk-progress" role="status">
        <span>{t(`running.${action}`)}</span>
        <progress max={total ?? undefined} value={total === null ? undefined : done} aria-label={t('progressLabel')} />
        <span className="bulk-progress-count">{total === null ? t('resolving') : t('progress', { done, total })}</span>
        <button type="button" onClick={onStop}>
          {t('stop')}
        </button>
      </div>
    );
  }
  if (error) {
    const done = error instanceof BulkActionError ? error.done : (progress?.done ?? 0);
    const text = isAbort(error) ? t('stopped', { done }) : t('failed', { reason: describeError(error), done });
    return (
      <p className="bulk-outcome is-error" role="alert">
        {text}{' '}
        <button type="button" className="link-button" onClick={onDismiss}>
          {t('dismiss')}
        </button>
      </p>
    );
  }
  if (affected !== null) {
    return (
      <p className="bulk-outcome" role="status">
        {t('finished', { count: affected })}{' '}
        <button type="button" className="link-button" onClick={onDismiss}>
          {t('dismiss')}
        </button>
      </p>
    );
  }
  return null;
}
