import { useCallback, useEffect, useState } from 'react';
import type { ComposeMode } from '../../../shared/compose.js';
import type { MessageAction } from '../../../shared/api.js';
import type { Mailbox } from '../../../shared/mail.js';
import { COMPOSE_ACTIONS } from '../actions/composeActions.js';
import { MESSAGE_ACTIONS } from '../actions/messageActions.js';
import { NAVIGATION_ACTIONS } from '../actions/navigationActions.js';
import type { ActionContext, MessageTarget } from '../actions/types.js';
import { useKeyboardActions } from '../actions/useKeyboardActions.js';
import { mailboxLabel } from '../mail/mailboxTree.js';
import { actionRemoves, useMessageActionMutation } from '../state/queries/messageActions.js';
import { DEFAULT_SORT, useMessageQuery, useMessageWindow, type ListSort } from '../state/queries/messages.js';
import { PHONE_QUERY, useMediaQuery } from '../state/useMediaQuery.js';
import { navigate } from '../state/route.js';
import { describeError } from '../errors.js';
import { BulkBar } from './bulk/BulkBar.js';
import { useListSelection } from './bulk/useListSelection.js';
import { MessageList } from './MessageList.js';
import { Reader } from './Reader.js';
import { SortSelect } from './SortSelect.js';

const ALL_ACTIONS = [...NAVIGATION_ACTIONS, ...MESSAGE_ACTIONS, ...COMPOSE_ACTIONS];

interface Props {
  mailboxPath: string;
  mailbox: Mailbox | undefined;
  mailboxes: Mailbox[];
  openUid: number | null;
  onShowFolders: () => void;
  /** The compose window has the reader's place. */
  composing: boolean;
  onCompose: (mode: ComposeMode, uid: number | null, mailbox: string) => void;
}

/** One folder's list and reader; remounted per folder, so cursor, pages and order start fresh. */
export function MailboxView({ mailboxPath, mailbox, mailboxes, openUid, onShowFolders, composing, onCompose }: Props) {
  const isPhone = useMediaQuery(PHONE_QUERY);
  const [pages, setPages] = useState<readonly number[]>([0]);
  const [cursor, setCursor] = useState(0);
  const [actionError, setActionError] = useState<string | null>(null);
  const [listSort, setListSort] = useState<ListSort>(DEFAULT_SORT);
  const win = useMessageWindow(mailboxPath, pages, mailbox?.total, listSort);
  const detail = useMessageQuery(mailboxPath, openUid);
  const mutation = useMessageActionMutation();
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
      if (row) navigate({ mailbox: mailboxPath, uid: row.uid });
    },
    [win, mailboxPath],
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
    if (actionRemoves(action, mailbox) && uid === openUid) navigate({ mailbox: mailboxPath, uid: null });
  };

  // A message in Drafts opens where it can be finished: in the compose window.
  const inDrafts = mailbox?.specialUse === 'drafts';
  useEffect(() => {
    if (!inDrafts || openUid === null) return;
    onCompose('draft', openUid, mailboxPath);
    navigate({ mailbox: mailboxPath, uid: null }, { replace: true });
  }, [inDrafts, openUid, mailboxPath, onCompose]);

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
    closeReader: () => navigate({ mailbox: mailboxPath, uid: null }),
    runMessageAction,
    openCompose: (mode) => onCompose(mode, target?.uid ?? null, mailboxPath),
  };
  useKeyboardActions(ALL_ACTIONS, ctx);

  const title = mailbox ? mailboxLabel(mailbox) : mailboxPath;
  return (
    <>
      <section className="pane pane-list" aria-labelledby="list-title">
        <div className="pane-header">
          <button type="button" className="phone-only" onClick={onShowFolders}>
            Folders
          </button>
          <h1 id="list-title" className="pane-title">
            {title}
          </h1>
          <SortSelect
            value={listSort}
            onChange={(next) => {
              // Another order is another list: start again from its top.
              setListSort(next);
              setPages([0]);
              setCursor(0);
            }}
          />
        </div>
        <BulkBar
          mailboxPath={mailboxPath}
          mailbox={mailbox}
          mailboxes={mailboxes}
          total={total}
          list={selection}
          // The list's search criteria once it shows a search: "select all" must then mean its matches.
          search={null}
          openUid={openUid}
          onCloseReader={() => navigate({ mailbox: mailboxPath, uid: null })}
        />
        {actionError && (
          <p className="action-error" role="alert">
            {actionError}
          </p>
        )}
        <MessageList
          key={`${listSort.sort}:${listSort.order}`}
          window={win}
          openUid={openUid}
          cursor={cursor}
          onOpen={open}
          onPagesChange={setPages}
          isChecked={selection.isChecked}
          onCheck={selection.check}
        />
      </section>
      {!composing && (
        <Reader
          mailboxPath={mailboxPath}
          uid={openUid}
          query={detail}
          ctx={ctx}
          onBack={() => navigate({ mailbox: mailboxPath, uid: null })}
        />
      )}
    </>
  );
}
