import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../api/http.js';
import { describeError } from '../../errors.js';
import { problemOfField } from './draft.js';

/**
 * Why a save did not happen. A script the mail server refused shows the
 * server's own words (Pigeonhole names the line and the mistake); a field our
 * contract refused gets the sentence for that field; anything else the
 * sentence for its code.
 */
export function SaveProblem({ error, local }: { error: unknown; local?: { key: string; n?: number } | null }) {
  const { t } = useTranslation('filters');
  if (local) {
    return (
      <p className="form-error" role="alert">
        {t(local.key, { n: local.n })}
      </p>
    );
  }
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
    return (
      <p className="form-error" role="alert">
        {t(problem.key, { n: problem.n })}
      </p>
    );
  }
  return (
    <p className="form-error" role="alert">
      {describeError(error)}
    </p>
  );
}
