import { useTranslation } from 'react-i18next';
import type { Criteria } from '../../mail/searchParams.js';
import { navigate } from '../../state/route.js';
import { describeCriteria } from './describe.js';

interface Props {
  mailboxPath: string;
  folderLabel: string;
  criteria: Criteria;
  /** Matches, once the first page told us. */
  total: number | undefined;
}

/** Above a folder's search results: how many match what, the way back to the folder, and the wider search. */
export function SearchResultsBar({ mailboxPath, folderLabel, criteria, total }: Props) {
  const { t, i18n } = useTranslation('search');
  const query = describeCriteria(criteria, t, i18n.language);
  return (
    <div className="search-results-bar">
      <h2 className="search-results-heading" aria-live="polite">
        {total === undefined ? t('results.searching', { query }) : t('results.heading', { count: total, query })}
      </h2>
      <div className="search-results-actions">
        <button type="button" onClick={() => navigate({ mailbox: mailboxPath, uid: null })}>
          {t('results.back', { folder: folderLabel })}
        </button>
        <button type="button" className="link-button" onClick={() => navigate({ mailbox: null, uid: null, search: criteria })}>
          {t('results.allFolders')}
        </button>
      </div>
    </div>
  );
}
