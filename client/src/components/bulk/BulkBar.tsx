import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageAction } from '../../../../shared/api.js';
import type { Mailbox } from '../../../../shared/mail.js';
import type { SearchCriteria } from '../../../../shared/search.js';
import { describeError } from '../../errors.js';
import { mailboxLabel } from '../../mail/mailboxTree.js';
import { useBulkAction } from '../../state/queries/bulk.js';
import { actionRemoves, useMessageActionMutation } from '../../state/queries/messageActions.js';
import { explicitUids, isSelected, toBulkSelection } from '../../state/selection.js';
import { BulkStatus } from './BulkStatus.js';
import { BulkToolbar } from './BulkToolbar.js';
import { OPTIMISTIC_MAX } from './bulkActions.js';
import { SelectAllBanner } from './SelectAllBanner.js';
import type { ListSelection } from './useListSelection.js';
import './bulk.css';

interface Props {
  mailboxPath: string;
  mailbox: Mailbox | undefined;
  mailboxes: Mailbox[];
  total: number;
  list: ListSelection;
  /** The search the list shows, if any: "select all" then means all its matches. */
  search: Partial<SearchCriteria> | null;
  openUid: number | null;
  /** Called when the open message is among those leaving the folder. */
  onCloseReader: () => void;
}

/**
 * Above the list: the "select page" box, the selection's count and toolbar,
 * the select-all banner, and the running action's progress.
 */
export function BulkBar({ mailboxPath, mailbox, mailboxes, total, list, search, openUid, onCloseReader }: Props) {
  const { t } = useTranslation('bulk');
  const bulk = useBulkAction();
  const quick = useMessageActionMutation();
  const [quickError, setQuickError] = useState<string | null>(null);
  const pageBox = useRef<HTMLInputElement>(null);
  const { selection, count } = list;
  const folder = mailbox ? mailboxLabel(mailbox) : mailboxPath;
  const partly = count > 0 && !list.pageSelected;

  useEffect(() => {
    if (pageBox.current) pageBox.current.indeterminate = partly;
  }, [partly]);

  const act = (action: MessageAction, target?: string) => {
    setQuickError(null);
    bulk.dismiss();
    if (actionRemoves(action, mailbox) && openUid !== null && isSelected(selection, openUid)) onCloseReader();
    const uids = explicitUids(selection);
    if (uids && uids.length <= OPTIMISTIC_MAX) {
      quick.mutate({ mailbox: mailboxPath, uids, action, ...(target ? { target } : {}) }, { onError: (err) => setQuickError(describeError(err)) });
      list.clear();
      return;
    }
    // In Trash, delete is for ever: ask once for a selection this size.
    if (action === 'delete' && mailbox?.specialUse === 'trash' && !window.confirm(t('confirmPurge', { count }))) return;
    bulk.run({ mailbox: mailboxPath, action, ...(target ? { target } : {}), selection: toBulkSelection(selection, search) }, { onSuccess: list.clear });
  };

  if (total === 0) return null;
  return (
    <div className="bulk-bar">
      <div className="bulk-head">
        <input ref={pageBox} type="checkbox" className="bulk-page-check" checked={list.pageSelected} onChange={list.togglePage} aria-label={t('selectPage')} />
        {count > 0 && (
          <>
            <span className="bulk-count">{t('selected', { count })}</span>
            <BulkToolbar mailbox={mailbox} mailboxes={mailboxes} disabled={bulk.running} onAction={act} />
            {/* With everything selected, the banner below carries "Clear selection". */}
            {selection.mode === 'some' && (
              <button type="button" className="link-button" onClick={list.clear} disabled={bulk.running}>
                {t('clear')}
              </button>
            )}
          </>
        )}
      </div>
      <SelectAllBanner list={list} total={total} folder={folder} />
      {quickError && (
        <p className="bulk-outcome is-error" role="alert">
          {quickError}
        </p>
      )}
      <BulkStatus
        running={bulk.running}
        action={bulk.action}
        progress={bulk.progress}
        affected={bulk.result?.affected ?? null}
        error={bulk.error}
        onStop={bulk.stop}
        onDismiss={bulk.dismiss}
      />
    </div>
  );
}
