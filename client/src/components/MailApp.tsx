import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../shared/api.js';
import type { ComposeMode, Draft, OutboxEntry } from '../../../shared/compose.js';
import { useComposeLimitsQuery } from '../state/queries/compose.js';
import type { ComposeRequest } from './compose/ComposeWindow.js';
import { RestoreDrafts } from './compose/RestoreDrafts.js';
import { SendToast, type PendingSend } from './compose/SendToast.js';
import { defaultMailbox, mailboxLabel } from '../mail/mailboxTree.js';
import { useMailboxesQuery } from '../state/queries/mailboxes.js';
import { navigate, useRoute } from '../state/route.js';
import { AppHeader } from './AppHeader.js';
import { usePush } from '../state/push.js';
import { ConnectionNotice } from './PushStatus.js';
import { OfflineNotice } from './OfflineNotice.js';
import { useOfflineSync } from '../state/queries/offlineSync.js';
import { MailboxPane } from './MailboxPane.js';
import { MailboxView } from './MailboxView.js';
import { SettingsView } from '../settings/SettingsView.js';
import { ShortcutHelp } from '../settings/ShortcutHelp.js';
import { useApplySettings } from '../settings/useApplySettings.js';
import { useSettings } from '../state/queries/settings.js';
import { formatCriteria } from '../mail/searchParams.js';
import { SearchAllView } from './search/SearchAllView.js';

// The editor (TipTap/ProseMirror) is most of the compose code: load it when first needed, not with the inbox.
const ComposeWindow = lazy(async () => ({ default: (await import('./compose/ComposeWindow.js')).ComposeWindow }));

/** The signed-in app: header, folders, and the current folder's list and reader. */
export function MailApp({ session }: { session: SessionInfo }) {
  const { t } = useTranslation('mail');
  const route = useRoute();
  const mailboxesQuery = useMailboxesQuery();
  const mailboxes = mailboxesQuery.data;
  const [showFolders, setShowFolders] = useState(false);
  // The compose window replaces the reader; its key remounts it for each new opening.
  const [compose, setCompose] = useState<{ key: number; request: ComposeRequest } | null>(null);
  const [pending, setPending] = useState<(PendingSend & { key: number })[]>([]);
  // Fetched early, so the compose window shows its size limit the moment it opens.
  useComposeLimitsQuery();
  // Theme and language follow the user's settings while signed in.
  useApplySettings();
  const { undoSendSeconds } = useSettings();

  const openCompose = useCallback((request: ComposeRequest) => {
    setShowFolders(false);
    setCompose({ key: Date.now(), request });
  }, []);
  const openDraft = useCallback((draft: Draft) => openCompose({ kind: 'draft', draft, unsaved: true }), [openCompose]);
  const onComposeMode = useCallback(
    (mode: ComposeMode, uid: number | null, mailbox: string) =>
      openCompose(mode === 'new' || uid === null ? { kind: 'new' } : { kind: 'prefill', mode, mailbox, uid }),
    [openCompose],
  );
  const onSent = (entry: OutboxEntry, scheduled: boolean) => {
    setCompose(null);
    setPending((p) => [...p, { key: Date.now(), entry, scheduled, undoSeconds: undoSendSeconds }]);
  };

  // No folder in the URL: open the Inbox, replacing the entry so Back leaves the app as expected.
  const fallback = mailboxes ? defaultMailbox(mailboxes)?.path : undefined;
  // (#/search?… has no folder either: it is the search across all of them.)
  const searchAll = route.mailbox === null && route.search !== undefined;
  useEffect(() => {
    if (route.mailbox === null && route.settings === undefined && !searchAll && fallback) navigate({ mailbox: fallback, uid: null }, { replace: true });
  }, [route.mailbox, route.settings, searchAll, fallback]);
  // One object per search, not per render (the route is parsed afresh each time): the list's
  // callbacks and memoised rows depend on it. The key is the search's identity.
  const searchKey = route.search ? formatCriteria(route.search) : '';
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the search's text on purpose: route.search is a new object every render
  const search = useMemo(() => route.search ?? null, [searchKey]);

  const mailboxPath = route.mailbox ?? fallback ?? null;
  const mailbox = mailboxes?.find((m) => m.path === mailboxPath);

  // Opening another message while composing shows it; the draft is saved on the way out.
  // (Not in Drafts, where opening a message is what opens the compose window.)
  const [lastUid, setLastUid] = useState(route.uid);
  if (route.uid !== lastUid) {
    setLastUid(route.uid);
    if (route.uid !== null && mailbox?.specialUse !== 'drafts') setCompose(null);
  }

  // Live updates for INBOX and the folder on screen (the socket lives in state/push.ts).
  usePush(mailboxPath);
  // Changes made offline go out when the link returns (queue in offline/store.ts).
  useOfflineSync(session.user.address);

  // The tab title counts unread mail in the Inbox, whichever folder is open: "(3) Inbox — Webmail".
  // `t` changes with the language, so the title is written again in the new one.
  const inboxUnread = mailboxes?.find((m) => m.specialUse === 'inbox')?.unread ?? 0;
  useEffect(() => {
    const name = mailbox ? mailboxLabel(mailbox) : t('appName');
    document.title = inboxUnread > 0 ? t('documentTitleUnread', { name, unread: inboxUnread }) : t('documentTitle', { name });
  }, [mailbox, inboxUnread, t]);

  // On a phone one pane shows at a time; this says which (styles.css reads it).
  const pane = showFolders ? 'mailboxes' : compose ? 'compose' : route.uid !== null ? 'reader' : 'list';
  return (
    <div className="app" data-pane={pane}>
      <AppHeader address={session.user.address} onCompose={() => openCompose({ kind: 'new' })} />
      <ConnectionNotice />
      <OfflineNotice account={session.user.address} />
      <RestoreDrafts account={session.user.address} onRestore={openDraft} />
      {route.settings !== undefined ? (
        <SettingsView section={route.settings} onClose={() => navigate({ mailbox: fallback ?? null, uid: null })} />
      ) : (
      <div className="panes">
        <MailboxPane
          mailboxes={mailboxes}
          error={mailboxesQuery.error}
          onRetry={() => void mailboxesQuery.refetch()}
          current={searchAll ? null : mailboxPath}
          onPick={() => setShowFolders(false)}
          onReopenDraft={(draft) => openCompose({ kind: 'draft', draft, unsaved: false })}
        />
        {searchAll && search ? (
          <SearchAllView criteria={search} mailboxes={mailboxes ?? []} homePath={mailboxPath ?? 'INBOX'} onShowFolders={() => setShowFolders(true)} />
        ) : mailboxPath !== null ? (
          <MailboxView
            key={`${mailboxPath}?${searchKey}`}
            search={search}
            mailboxPath={mailboxPath}
            mailbox={mailbox}
            mailboxes={mailboxes ?? []}
            openUid={route.uid}
            onShowFolders={() => setShowFolders(true)}
            composing={compose !== null}
            onCompose={onComposeMode}
          />
        ) : (
          <section className="pane pane-list" aria-label={t('list.label')} aria-busy={mailboxesQuery.isPending}>
            {mailboxes && <p className="list-empty">{t('list.noFolders')}</p>}
          </section>
        )}
        {compose && (
          <Suspense
            fallback={
              <section className="pane pane-compose" aria-busy="true">
                <p className="reader-empty" role="status">
                  {t('openingEditor')}
                </p>
              </section>
            }
          >
            <ComposeWindow
              key={compose.key}
              request={compose.request}
              account={session.user.address}
              onClose={() => setCompose(null)}
              onSent={onSent}
            />
          </Suspense>
        )}
      </div>
      )}
      <ShortcutHelp />
      <div className="toasts">
        {pending.map((p) => (
          <SendToast
            key={p.key}
            pending={p}
            onUndone={(draft) => {
              setPending((list) => list.filter((x) => x.key !== p.key));
              openCompose({ kind: 'draft', draft, unsaved: false });
            }}
            onDone={() => setPending((list) => list.filter((x) => x.key !== p.key))}
          />
        ))}
      </div>
    </div>
  );
}
