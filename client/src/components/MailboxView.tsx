import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComposeMode } from '../../../shared/compose.js';
import type { MessageAction } from '../../../shared/api.js';
import type { Mailbox } from '../../../shared/mail.js';
import { KEYBOARD_ACTIONS } from '../actions/keyboardActions.js';
import type { ActionContext, MessageTarget } from '../actions/types.js';
import { useKeyboardActions } from '../actions/useKeyboardActions.js';
import { mailboxLabel } from '../mail/mailboxTree.js';
import { actionRemoves, useMessageActionMutation } from '../state/queries/messageActions.js';
import { DEFAULT_SORT, useMessageQuery, useMessageWindow, type ListSort } from '../state/queries/messages.js';
import { useSettings } from '../state/queries/settings.js';
import { useConversationView } from '../state/conversationView.js';
import { useThreadList } from '../state/threadList.js';
import { PHONE_QUERY, useMediaQuery } from '../state/useMediaQuery.js';
import { navigate, type Route } from '../state/route.js';
import type { Criteria } from '../mail/searchParams.js';
import { SearchBox } from './search/SearchBox.js';
import { SearchResultsBar } from './search/SearchResultsBar.js';
import { describeError } from '../errors.js';
import { useMessageDragSource } from '../folders/useMessageDrag.js';
import { BulkBar } from './bulk/BulkBar.js';
import { useListSelection } from './bulk/useListSelection.js';
import { ListPaneHeader } from './ListPaneHeader.js';
import { MessageList } from './MessageList.js';
import { Reader } from './Reader.js';
import { SortSelect } from './SortSelect.js';
import { ConversationReader } from './threads/ConversationReader.js';
import { ConversationToggle } from './threads/ConversationToggle.js';
import { ThreadList } from './threads/ThreadList.js';

const ALL_ACTIONS = KEYBOARD_ACTIONS;
const NO_PAGES: readonly number[] = [];

interface Props {
  mailboxPath: string;
  mailbox: Mailbox | undefined;
  mailboxes: Mailbox[];
  openUid: number | null;
  onShowFolders: () => void;
  /** The compose window has the reader's place. */
  composing: boolean;
  onCompose: (mode: ComposeMode, uid: number | null, mailbox: string) => void;
  /** A search in this folder: the list is its virtual mailbox (client/src/components/search). */
  search?: Criteria | null;
}

/** One folder's list and reader; remounted per folder, so cursor, pages and order start fresh. */
export function MailboxView({ mailboxPath, mailbox, mailboxes, openUid, onShowFolders, composing, onCompose, search = null }: Props) {
  const isPhone = useMediaQuery(PHONE_QUERY);
  const { t } = useTranslation('search');
  const [pages, setPages] = useState<readonly number[]>([0]);
  const [cursor, setCursor] = useState(0);
  const [actionError, setActionError] = useState<string | null>(null);
  const [listSort, setListSort] = useState<ListSort>(DEFAULT_SORT);
  const { pageSize, keyboardShortcuts } = useSettings();
  // Conversation view: the thread list stands in for the plain one (its rows are thread or member rows).
  // A search always lists messages: its matches are the rows.
  const [conversationView, setThreaded] = useConversationView();
  const threaded = conversationView && !search;
  const threadList = useThreadList(mailboxPath, threaded);
  const plainWin = useMessageWindow(mailboxPath, threaded ? NO_PAGES : pages, mailbox?.total, listSort, pageSize, search);
  const win = threaded ? threadList.window : plainWin;
  // Every route from here stays in the search on screen, if any.
  const at = (uid: number | null): Route => ({ mailbox: mailboxPath, uid, ...(search ? { search } : {}) });
  const detail = useMessageQuery(mailboxPath, openUid);
  const mutation = useMessageActionMutation();
  // Rows drag onto folders; a multi-selection passes its UIDs here as the second argument.
  const drag = useMessageDragSource(mailboxPath);
  const total = win.total ?? 0;

  const selection = useListSelection({ rowAt: win.rowAt, pages, cursor, total });

  const cursorRow = win.rowAt(cursor);
  let target: MessageTarget | null = null;
  if (openUid !== null) {
    const d = detail.data;
    target = d ? { uid: d.uid, flags: d.flags, spam: d.spam.tagged } : cursorRow?.uid === openUid ? cursorRow : null;
  } else if (cursorRow) {
    target = cursorRow;
  }

  const open = useCallback(
    (index: number) => {
      const row = win.rowAt(index);
      setCursor(index);
      if (row) navigate({ mailbox: mailboxPath, uid: row.uid, ...(search ? { search } : {}) });
    },
    [win, mailboxPath, search],
  );

  const runMessageAction = (action: MessageAction, destination?: string) => {
    if (!target) return;
    const uid = target.uid;
    setActionError(null);
    mutation.mutate(
      { mailbox: mailboxPath, uids: [uid], action, ...(destination ? { target: destination } : {}) },
      { onError: (err) => setActionError(describeError(err)) },
    );
    // The message is leaving this folder: close it rather than show a ghost.
    if (actionRemoves(action, mailbox) && uid === openUid) navigate(at(null));
  };

  // A message in Drafts opens where it can be finished: in the compose window.
  const inDrafts = mailbox?.specialUse === 'drafts';
  useEffect(() => {
    if (!inDrafts || openUid === null) return;
    onCompose('draft', openUid, mailboxPath);
    navigate({ mailbox: mailboxPath, uid: null, ...(search ? { search } : {}) }, { replace: true });
  }, [inDrafts, openUid, mailboxPath, onCompose, search]);

  const ctx: ActionContext = {
    mailbox,
    mailboxes,
    target,
    readerOpen: openUid !== null,
    isPhone,
    cursor,
    total,
    moveCursor: (delta) => setCursor((c) => Math.min(Math.max(0, c + delta), Math.max(0, total - 1))),
    openCursor: () => open(cursor),
    closeReader: () => navigate(at(null)),
    runMessageAction,
    openCompose: (mode) => onCompose(mode, target?.uid ?? null, mailboxPath),
  };
  useKeyboardActions(ALL_ACTIONS, ctx, keyboardShortcuts);

  const title = mailbox ? mailboxLabel(mailbox) : mailboxPath;
  // Another order or view is another list: start again from its top.
  const startAtTop = () => {
    setPages([0]);
    setCursor(0);
  };
  return (
    <>
      <section className="pane pane-list" aria-labelledby="list-title">
        <ListPaneHeader titleId="list-title" title={title} onShowFolders={onShowFolders}>
          <SearchBox mailboxPath={mailboxPath} folderLabel={title} current={search} />
          <span className="list-tools">
            {!threaded && (
              <SortSelect
                value={listSort}
                onChange={(next) => {
                  setListSort(next);
                  startAtTop();
                }}
              />
            )}
            <ConversationToggle
              on={threaded}
              onChange={(on) => {
                setThreaded(on);
                startAtTop();
              }}
            />
          </span>
        </ListPaneHeader>
        {search && <SearchResultsBar mailboxPath={mailboxPath} folderLabel={title} criteria={search} total={win.total} />}
        <BulkBar
          mailboxPath={mailboxPath}
          mailbox={mailbox}
          mailboxes={mailboxes}
          total={total}
          list={selection}
          // In a search, "select all" means its matches.
          search={search}
          openUid={openUid}
          onCloseReader={() => navigate({ mailbox: mailboxPath, uid: null })}
        />
        {actionError && (
          <p className="action-error" role="alert">
            {actionError}
          </p>
        )}
        {threaded ? (
          <ThreadList model={threadList} openUid={openUid} cursor={cursor} onOpen={open} />
        ) : (
          <MessageList
            key={`${listSort.sort}:${listSort.order}`}
            window={win}
            openUid={openUid}
            cursor={cursor}
            onOpen={open}
            onPagesChange={setPages}
            drag={drag}
            selection={selection}
            {...(search ? { emptyText: t('results.empty') } : {})}
          />
        )}
      </section>
      {!composing &&
        (threaded && openUid !== null ? (
          <ConversationReader key={openUid} mailboxPath={mailboxPath} uid={openUid} ctx={ctx} onBack={ctx.closeReader} />
        ) : (
          <Reader mailboxPath={mailboxPath} uid={openUid} query={detail} ctx={ctx} onBack={ctx.closeReader} />
        ))}
    </>
  );
}
