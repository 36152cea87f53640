import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mailbox } from '../../../shared/mail.js';
import { buildMailboxTree, type MailboxNode } from '../mail/mailboxTree.js';
import { formatRoute } from '../state/route.js';
import type { Draft } from '../../../shared/compose.js';
import { paneMailboxes } from '../folders/folderTree.js';
import { useFolderDrop } from '../folders/useFolderDrop.js';
import { useSubscribeFolderMutation } from '../state/queries/folders.js';
import { ScheduledList } from './compose/ScheduledList.js';
import { ErrorPanel } from './ErrorPanel.js';
import { FolderDialog, type FolderDialogState } from './folders/FolderDialog.js';
import { FolderMenu } from './folders/FolderMenu.js';
import { QuotaBar } from './folders/QuotaBar.js';
import './folders/folders.css';

interface Props {
  mailboxes: Mailbox[] | undefined;
  error: unknown;
  onRetry: () => void;
  current: string | null;
  onPick: () => void;
  /** Reopens a message taken back from the server's outbox. */
  onReopenDraft: (draft: Draft) => void;
}

/**
 * The folder tree; folders are links to their route so they work like links
 * (new tab, back). Each has a menu of folder actions and takes dropped
 * messages; unsubscribed folders show only in the manager (settings).
 */
export function MailboxPane({ mailboxes, error, onRetry, current, onPick, onReopenDraft }: Props) {
  const { t, i18n } = useTranslation('folders');
  // Built again when the language changes: special folders are named, and names sorted, in the UI language.
  const language = i18n.language;
  const tree = useMemo(() => (mailboxes ? buildMailboxTree(paneMailboxes(mailboxes, current), language) : []), [mailboxes, current, language]);
  const [dialog, setDialog] = useState<FolderDialogState | null>(null);
  const drop = useFolderDrop();
  const subscribe = useSubscribeFolderMutation();
  const actions: RowActions = {
    drop: drop.propsFor,
    open: setDialog,
    setSubscribed: (m, subscribed) => subscribe.mutate({ path: m.path, subscribed }),
  };
  return (
    <nav className="pane pane-mailboxes" aria-label={t('pane.label')}>
      <div className="mailboxes-header">
        <h2 className="pane-title">{t('pane.title')}</h2>
        <button type="button" className="icon-button" aria-label={t('pane.newFolder')} title={t('pane.newFolder')} onClick={() => setDialog({ kind: 'create', parent: null })}>
          +
        </button>
        <a className="icon-button" href={formatRoute({ mailbox: null, uid: null, settings: 'folders' })} aria-label={t('pane.manage')} title={t('pane.manage')}>
          ⚙
        </a>
      </div>
      {drop.error && (
        <p className="action-error" role="alert">
          {drop.error}{' '}
          <button type="button" className="link-button" onClick={drop.clearError}>
            {t('pane.dismiss')}
          </button>
        </p>
      )}
      {error != null && !mailboxes ? (
        <ErrorPanel title={t('pane.loadFailed')} error={error} onRetry={onRetry} />
      ) : !mailboxes ? (
        <ul className="mailbox-list" aria-busy="true">
          {[1, 2, 3, 4, 5].map((i) => (
            <li key={i} className="skeleton mailbox-skeleton" />
          ))}
        </ul>
      ) : (
        <MailboxItems nodes={tree} current={current} onPick={onPick} actions={actions} />
      )}
      <ScheduledList onReopen={onReopenDraft} />
      <QuotaBar />
      {dialog && mailboxes && <FolderDialog state={dialog} mailboxes={mailboxes} onClose={() => setDialog(null)} />}
    </nav>
  );
}

interface RowActions {
  drop: ReturnType<typeof useFolderDrop>['propsFor'];
  open: (state: FolderDialogState) => void;
  setSubscribed: (mailbox: Mailbox, subscribed: boolean) => void;
}

function MailboxItems({ nodes, current, onPick, actions }: { nodes: MailboxNode[]; current: string | null; onPick: () => void; actions: RowActions }) {
  const { t } = useTranslation('folders');
  return (
    <ul className="mailbox-list">
      {nodes.map((node) => {
        const m = node.mailbox;
        return (
          <li key={m.path}>
            <div className="mailbox-row" {...actions.drop(m)}>
              {m.selectable ? (
                <a
                  className="mailbox-link"
                  href={formatRoute({ mailbox: m.path, uid: null })}
                  aria-current={m.path === current ? 'page' : undefined}
                  data-special-use={m.specialUse ?? undefined}
                  title={m.path}
                  onClick={onPick}
                >
                  <span className="mailbox-name">{node.label}</span>
                  {m.unread > 0 && (
                    <>
                      <span className="mailbox-unread" aria-hidden="true">
                        {m.unread}
                      </span>
                      <span className="visually-hidden">{t('pane.unread', { count: m.unread })}</span>
                    </>
                  )}
                </a>
              ) : (
                <span className="mailbox-group">{node.label}</span>
              )}
              <FolderMenu mailbox={m} open={actions.open} setSubscribed={(s) => actions.setSubscribed(m, s)} />
            </div>
            {node.children.length > 0 && <MailboxItems nodes={node.children} current={current} onPick={onPick} actions={actions} />}
          </li>
        );
      })}
    </ul>
  );
}
