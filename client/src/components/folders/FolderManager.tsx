import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mailbox } from '../../../../shared/mail.js';
import { describeError } from '../../errors.js';
import { depthOf, isInbox } from '../../folders/folderTree.js';
import { mailboxLabel } from '../../mail/mailboxTree.js';
import { useMailboxesQuery } from '../../state/queries/mailboxes.js';
import { useSubscribeFolderMutation } from '../../state/queries/folders.js';
import { FolderDialog, type FolderDialogState } from './FolderDialog.js';
import { folderActions } from './FolderMenu.js';
import { QuotaBar } from './QuotaBar.js';
import './folders.css';

/** Special-use folders first, then the rest in path order, so subfolders sit under their parent. */
function ordered(mailboxes: Mailbox[]): Mailbox[] {
  const special = (m: Mailbox) => (isInbox(m) ? 0 : m.specialUse ? 1 : 2);
  return [...mailboxes].sort((a, b) => special(a) - special(b) || a.path.localeCompare(b.path));
}

/**
 * The full folder manager (settings › Folders): every folder, subscribed or
 * not, with its actions and a "Show in folder list" switch (SUBSCRIBE).
 */
export function FolderManager() {
  const { t } = useTranslation('folders');
  const query = useMailboxesQuery();
  const subscribe = useSubscribeFolderMutation();
  // Shown at once, in the click's own render: the cache's optimistic copy lands a tick later,
  // and a controlled checkbox would snap back in between (as GeneralPanel does for settings).
  const [pending, setPending] = useState<Record<string, boolean>>({});
  useEffect(() => {
    if (!subscribe.isPending) setPending({});
  }, [subscribe.isPending]);
  const [dialog, setDialog] = useState<FolderDialogState | null>(null);
  const mailboxes = query.data;
  return (
    <div className="folder-manager">
      <h2 className="settings-heading">{t('manager.title')}</h2>
      <p>{t('manager.intro')}</p>
      <div className="folder-manager-actions">
        <button type="button" className="primary" onClick={() => setDialog({ kind: 'create', parent: null })}>
          {t('pane.newFolder')}
        </button>
      </div>
      {subscribe.error != null && (
        <p className="form-error" role="alert">
          {describeError(subscribe.error)}
        </p>
      )}
      {!mailboxes ? (
        query.error != null ? (
          <p className="form-error" role="alert">
            {describeError(query.error)}
          </p>
        ) : (
          <p role="status">{t('manager.loading')}</p>
        )
      ) : (
        <table className="folder-table">
          <thead>
            <tr>
              <th scope="col">{t('manager.folder')}</th>
              <th scope="col">{t('manager.messages')}</th>
              <th scope="col">{t('manager.shown')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('manager.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ordered(mailboxes).map((m) => {
              const label = mailboxLabel(m);
              return (
                <tr key={m.path} className={m.subscribed ? undefined : 'is-unsubscribed'}>
                  <th scope="row" className="folder-cell-name" style={{ paddingLeft: `${8 + depthOf(m) * 18}px` }} title={m.path}>
                    {label}
                  </th>
                  <td className="folder-cell-count">{m.selectable ? m.total : ''}</td>
                  <td>
                    {m.selectable && (
                      <input
                        type="checkbox"
                        aria-label={t('manager.showInList', { name: label })}
                        checked={(pending[m.path] ?? m.subscribed) || isInbox(m)}
                        disabled={isInbox(m)}
                        onChange={(e) => {
                          const subscribed = e.target.checked;
                          setPending((p) => ({ ...p, [m.path]: subscribed }));
                          subscribe.mutate({ path: m.path, subscribed });
                        }}
                      />
                    )}
                  </td>
                  <td>
                    <div className="folder-row-actions" role="group" aria-label={t('menu.label', { name: label })}>
                      {folderActions(m, t, setDialog).map((a) => (
                        <button key={a.key} type="button" onClick={a.run}>
                          {a.label}
                        </button>
                      ))}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <QuotaBar />
      {dialog && mailboxes && <FolderDialog state={dialog} mailboxes={mailboxes} onClose={() => setDialog(null)} />}
    </div>
  );
}
