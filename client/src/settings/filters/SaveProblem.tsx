import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../api/http.js';
import { FormError } from '../../components/forms.js';
import { describeError } from '../../errors.js';
import type { SaveMutation } from '../../state/queries/filters.js';
import { problemOfField } from './draft.js';

/**
 * Why a save did not happen. A script the mail server refused shows the
 * server's own words (Pigeonhole names the line and the mistake); a field our
 * contract refused gets the sentence for that field; anything else the
 * sentence for its code.
 */
export function SaveProblem({ error, local }: { error: unknown; local?: { key: string; n?: number } | null }) {
  const { t } = useTranslation('filters');
  if (local) return <FormError message={t(local.key, { n: local.n })} />;
  if (!error) return null;
  if (error instanceof ApiRequestError && error.code === 'SIEVE_INVALID') {
    return (
      <div className="form-error" role="alert">
        <p>{t('refused')}</p>
        <pre className="sieve-error" data-testid="sieve-error">
          {error.message}
        </pre>
      </div>
    );
  }
  if (error instanceof ApiRequestError && error.code === 'VALIDATION_FAILED') {
    const problem = problemOfField(error.field);
    return <FormError message={t(problem.key, { n: problem.n })} />;
  }
  return <FormError message={describeError(error)} />;
}

/** The end of both filter editors: why the last save failed, the save button, and what the save is doing. */
export function SaveFooter({ save, label, local }: { save: SaveMutation; label: string; local?: { key: string; n?: number } | null }) {
  const { t } = useTranslation('filters');
  return (
    <>
      <SaveProblem error={save.error} local={local ?? null} />
      <button type="submit" className="primary" disabled={save.isPending}>
        {label}
      </button>
      <p className="form-status" role="status">
        {save.isPending ? t('saving') : save.isSuccess ? t('saved') : ''}
      </p>
    </>
  );
}
