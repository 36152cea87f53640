import { useEffect, useState } from 'react';
import type { SessionInfo } from '../../../shared/api.js';
import { defaultMailbox, mailboxLabel } from '../mail/mailboxTree.js';
import { useMailboxesQuery } from '../state/queries/mailboxes.js';
import { navigate, useRoute } from '../state/route.js';
import { AppHeader } from './AppHeader.js';
import { MailboxPane } from './MailboxPane.js';
import { MailboxView } from './MailboxView.js';

/** The signed-in app: header, folders, and the current folder's list and reader. */
export function MailApp({ session }: { session: SessionInfo }) {
  const route = useRoute();
  const mailboxesQuery = useMailboxesQuery();
  const mailboxes = mailboxesQuery.data;
  const [showFolders, setShowFolders] = useState(false);

  // No folder in the URL: open the Inbox, replacing the entry so Back leaves the app as expected.
  const fallback = mailboxes ? defaultMailbox(mailboxes)?.path : undefined;
  useEffect(() => {
    if (route.mailbox === null && fallback) navigate({ mailbox: fallback, uid: null }, { replace: true });
  }, [route.mailbox, fallback]);

  const mailboxPath = route.mailbox ?? fallback ?? null;
  const mailbox = mailboxes?.find((m) => m.path === mailboxPath);

  useEffect(() => {
    const name = mailbox ? mailboxLabel(mailbox) : 'Webmail';
    document.title = mailbox && mailbox.unread > 0 ? `${name} (${mailbox.unread}) – Webmail` : `${name} – Webmail`;
  }, [mailbox]);

  // On a phone one pane shows at a time; this says which (styles.css reads it).
  const pane = showFolders ? 'mailboxes' : route.uid !== null ? 'reader' : 'list';
  return (
    <div className="app" data-pane={pane}>
      <AppHeader address={session.user.address} />
      <div className="panes">
        <MailboxPane
          mailboxes={mailboxes}
          error={mailboxesQuery.error}
          onRetry={() => void mailboxesQuery.refetch()}
          current={mailboxPath}
          onPick={() => setShowFolders(false)}
        />
        {mailboxPath !== null ? (
          <MailboxView
            key={mailboxPath}
            mailboxPath={mailboxPath}
            mailbox={mailbox}
            mailboxes={mailboxes ?? []}
            openUid={route.uid}
            onShowFolders={() => setShowFolders(true)}
          />
        ) : (
          <section className="pane pane-list" aria-label="Messages" aria-busy={mailboxesQuery.isPending}>
            {mailboxes && <p className="list-empty">There are no folders to show.</p>}
          </section>
        )}
      </div>
    </div>
  );
}
