import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mailbox } from '../../../../shared/mail.js';
import { describeError } from '../../errors.js';
import { displayName, formatListDate } from '../../mail/format.js';
import { buildMailboxTree, mailboxLabel, type MailboxNode } from '../../mail/mailboxTree.js';
import { formatCriteria, type Criteria } from '../../mail/searchParams.js';
import { useSearchAllQuery, type FolderResult } from '../../state/queries/search.js';
import { formatRoute, navigate } from '../../state/route.js';
import { ErrorPanel } from '../ErrorPanel.js';
import { ListPaneHeader } from '../ListPaneHeader.js';
import { describeCriteria } from './describe.js';
import { SearchBox } from './SearchBox.js';

interface Props {
  criteria: Criteria;
  mailboxes: Mailbox[];
  /** The folder "this folder" means in the form, and where "back" goes. */
  homePath: string;
  onShowFolders: () => void;
}

/** Folder paths in the order of the folder pane, so the groups read like the tree. */
function treeOrder(mailboxes: Mailbox[]): Map<string, number> {
  const order = new Map<string, number>();
  const walk = (nodes: MailboxNode[]) =>
    nodes.forEach((n) => {
      order.set(n.mailbox.path, order.size);
      walk(n.children);
    });
  walk(buildMailboxTree(mailboxes));
  return order;
}

/**
 * The results across all folders, shown as they stream in: one group per
 * folder with matches (its count, its newest rows, and "show all", which
 * opens that folder's own search list), failures said per folder.
 */
export function SearchAllView({ criteria, mailboxes, homePath, onShowFolders }: Props) {
  const { t, i18n } = useTranslation('search');
  const query = useSearchAllQuery(criteria);
  const state = query.data;
  const order = useMemo(() => treeOrder(mailboxes), [mailboxes]);
  const byPath = useMemo(() => new Map(mailboxes.map((m) => [m.path, m])), [mailboxes]);
  const label = (path: string) => {
    const m = byPath.get(path);
    return m ? mailboxLabel(m) : path;
  };
  const phrase = describeCriteria(criteria, t, i18n.language);
  const home = byPath.get(homePath);

  const shown = [...(state?.results ?? [])]
    .filter((r) => !('total' in r) || r.total > 0)
    .sort((a, b) => (order.get(a.path) ?? order.size) - (order.get(b.path) ?? order.size));
  const withoutMatches = (state?.results ?? []).filter((r) => 'total' in r && r.total === 0).length;
  const done = state?.done === true;

  let heading: string;
  if (done || (state && state.total > 0)) heading = t('all.heading', { count: state!.total, query: phrase });
  else heading = t('all.starting', { query: phrase });

  return (
    <>
      <section className="pane pane-list" aria-labelledby="search-all-title">
        <ListPaneHeader titleId="search-all-title" title={t('all.title')} onShowFolders={onShowFolders}>
          <SearchBox key={formatCriteria(criteria)} mailboxPath={homePath} folderLabel={home ? mailboxLabel(home) : homePath} current={criteria} allFolders />
        </ListPaneHeader>
        <div className="search-all" aria-busy={!done}>
          <h2 className="search-results-heading" aria-live="polite">
            {heading}
          </h2>
          {state && !done && state.folders !== null && (
            <p className="search-progress" role="status">
              {t('all.progress', { searched: state.results.length, folders: state.folders })}
            </p>
          )}
          {query.isError && <ErrorPanel title={t('all.failed')} error={query.error} onRetry={() => void query.refetch()} />}
          {shown.map((r) => (
            <FolderGroup key={r.path} result={r} label={label(r.path)} criteria={criteria} />
          ))}
          {done && state.total === 0 && <p className="list-empty">{t('all.none')}</p>}
          {done && state.total > 0 && withoutMatches > 0 && <p className="search-progress">{t('all.noMatchFolders', { count: withoutMatches })}</p>}
          <button type="button" onClick={() => navigate({ mailbox: homePath, uid: null })}>
            {t('all.back')}
          </button>
        </div>
      </section>
      <section className="pane pane-reader">
        <p className="reader-empty">{t('all.pick')}</p>
      </section>
    </>
  );
}

function FolderGroup({ result, label, criteria }: { result: FolderResult; label: string; criteria: Criteria }) {
  const { t } = useTranslation('search');
  const id = useId();
  if (!('total' in result)) {
    return (
      <section className="search-group" aria-labelledby={id}>
        <h3 id={id} className="search-group-title">
          {label}
        </h3>
        <p className="search-group-error" role="note">
          {t('all.folderError', { reason: describeError(result.error) })}
        </p>
      </section>
    );
  }
  return (
    <section className="search-group" aria-labelledby={id}>
      <h3 id={id} className="search-group-title">
        {label} <span className="search-group-count">{t('all.count', { count: result.total })}</span>
      </h3>
      <ul className="search-group-rows">
        {result.items.map((m) => (
          <li key={m.uid}>
            <a className="search-hit" data-uid={m.uid} href={formatRoute({ mailbox: result.path, uid: m.uid, search: criteria })}>
              <span className="row-line">
                <span className="row-from">{displayName(m.from)}</span>
                <time className="row-date" dateTime={m.date}>
                  {formatListDate(m.date)}
                </time>
              </span>
              <span className="row-subject">{m.subject || t('all.noSubject')}</span>
            </a>
          </li>
        ))}
      </ul>
      <a className="search-show-all" href={formatRoute({ mailbox: result.path, uid: null, search: criteria })}>
        {t('all.showAll', { folder: label })}
      </a>
    </section>
  );
}
