import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isSearch, SEARCH_TEXT_MAX } from '../../../../shared/search.js';
import type { Criteria } from '../../mail/searchParams.js';
import { navigate } from '../../state/route.js';
import { AdvancedSearchForm } from './AdvancedSearchForm.js';
import './search.css';

interface Props {
  /** The folder a search in "this folder" runs in, and where clearing returns. */
  mailboxPath: string;
  folderLabel: string;
  /** The search on screen, if any. */
  current: Criteria | null;
  /** True on the all-folders results, where a new search keeps that scope. */
  allFolders?: boolean;
}

/**
 * The quick box (from, to, subject or body) and its advanced form. A search
 * is a route (client/src/state/route.ts), so it survives a reload and Back
 * returns to the previous one. Enter searches; Esc, or clearing, returns to
 * the folder. The parent remounts this per search, so the box shows the
 * search on screen.
 */
export function SearchBox({ mailboxPath, folderLabel, current, allFolders = false }: Props) {
  const { t } = useTranslation('search');
  const formId = useId();
  const [text, setText] = useState(current?.text ?? '');
  const [open, setOpen] = useState(false);

  const go = (criteria: Criteria, scope: 'folder' | 'all') => {
    setOpen(false);
    if (!isSearch(criteria)) return navigate({ mailbox: mailboxPath, uid: null });
    navigate({ mailbox: scope === 'all' ? null : mailboxPath, uid: null, search: criteria });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The other criteria of the search on screen stay: typing refines it.
    const value = text.trim();
    go({ ...current, text: value || undefined }, allFolders ? 'all' : 'folder');
  };

  const clear = () => {
    setText('');
    if (current || allFolders) navigate({ mailbox: mailboxPath, uid: null });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    clear();
  };

  return (
    <div className="search-box">
      <form role="search" className="search-quick" onSubmit={submit}>
        <input
          type="search"
          aria-label={t('box.label')}
          placeholder={t('box.placeholder')}
          enterKeyHint="search"
          maxLength={SEARCH_TEXT_MAX}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        {(current !== null || allFolders || text !== '') && (
          <button type="button" className="search-clear" aria-label={t('box.clear')} title={t('box.clear')} onClick={clear}>
            ×
          </button>
        )}
        <button type="button" aria-expanded={open} aria-controls={formId} onClick={() => setOpen((o) => !o)}>
          {t('box.options')}
        </button>
      </form>
      {open && (
        <AdvancedSearchForm
          id={formId}
          initial={{ ...current, text: text.trim() || undefined }}
          initialScope={allFolders ? 'all' : 'folder'}
          folderLabel={folderLabel}
          onSearch={go}
          onCancel={() => setOpen(false)}
        />
      )}
    </div>
  );
}
