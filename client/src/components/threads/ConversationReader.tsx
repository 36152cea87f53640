import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { MessageDetail } from '../../../../shared/mail.js';
import type { Conversation } from '../../../../shared/threads.js';
import type { ActionContext } from '../../actions/types.js';
import { useMessageActionMutation } from '../../state/queries/messageActions.js';
import { invalidateThreadRows, threadKeys, useConversationQuery } from '../../state/queries/threads.js';
import { ReaderPane, ReaderQuery } from '../ReaderPane.js';
import { ReaderToolbar } from '../ReaderToolbar.js';
import { ConversationMessage } from './ConversationMessage.js';
import './threads.css';

interface Props {
  mailboxPath: string;
  /** The message opened from the list: its conversation is shown, and it is open in the stack. */
  uid: number;
  ctx: ActionContext;
  onBack: () => void;
}

const keyOf = (m: MessageDetail) => `${m.path}\n${m.uid}`;

/**
 * The reader in conversation view: the whole conversation as one stack,
 * oldest first, the user's own replies from Sent among them. Older messages
 * show as a header line until clicked; the newest, and the one opened from
 * the list, are open.
 */
export function ConversationReader({ mailboxPath, uid, ctx, onBack }: Props) {
  const { t } = useTranslation('threads');
  const query = useConversationQuery(mailboxPath, uid);
  const conversation = query.data;
  const sentPath = ctx.mailboxes.find((m) => m.specialUse === 'sent')?.path ?? null;
  // The person's own clicks, over the defaults (newest and opened message open).
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(new Map());
  const focusRef = useRef<HTMLLIElement>(null);
  useMarkConversationRead(mailboxPath, uid, conversation);

  const newest = conversation?.messages.at(-1);
  const focus = conversation?.messages.find((m) => m.path === mailboxPath && m.uid === uid) ?? newest;
  const isOpen = (m: MessageDetail) => toggled.get(keyOf(m)) ?? (m === newest || m === focus);

  // Bring the opened message into view once; below it the newer ones follow.
  const focusKey = focus ? keyOf(focus) : null;
  useEffect(() => {
    if (focusKey && focusRef.current && typeof focusRef.current.scrollIntoView === 'function') focusRef.current.scrollIntoView({ block: 'nearest' });
  }, [focusKey]);

  return (
    <ReaderPane label={t('reader.label')} backLabel={t('reader.back')} onBack={onBack}>
      <ReaderQuery query={query} errorTitle={t('reader.error')} loadingLabel={t('reader.loading')}>
        {(conversation) => (
          <div className="reader conversation" aria-labelledby="conversation-subject">
            <ReaderToolbar ctx={ctx} />
            <header className="reader-header">
              <h2 id="conversation-subject" className="reader-subject">
                {conversation.subject || t('list.noSubject')}
              </h2>
              <p className="conversation-count">{t('reader.count', { count: conversation.messages.length })}</p>
              {conversation.omitted > 0 && (
                <p className="banner banner-note" role="note">
                  {t('reader.omitted', { count: conversation.omitted })}
                </p>
              )}
            </header>
            <ol className="conversation-stack" aria-label={t('reader.messages')}>
              {conversation.messages.map((m) => (
                <li key={keyOf(m)} ref={m === focus ? focusRef : undefined}>
                  <ConversationMessage
                    message={m}
                    expanded={isOpen(m)}
                    fromSent={sentPath !== null && m.path === sentPath}
                    onToggle={() => setToggled((prev) => new Map(prev).set(keyOf(m), !isOpen(m)))}
                  />
                </li>
              ))}
            </ol>
          </div>
        )}
      </ReaderQuery>
    </ReaderPane>
  );
}

/**
 * Opening a conversation reads it: its unread messages are marked read, once
 * per opening, one request per mailbox (the thread's and Sent). The stack
 * shows it at once; the thread list catches up when the server agreed.
 */
function useMarkConversationRead(mailboxPath: string, uid: number, conversation: Conversation | undefined) {
  const qc = useQueryClient();
  const mutation = useMessageActionMutation();
  const mutate = useRef(mutation.mutate);
  mutate.current = mutation.mutate;
  const done = useRef<string | null>(null);
  const openedKey = conversation ? `${mailboxPath}\n${uid}` : null;
  useEffect(() => {
    if (!conversation || openedKey === null || done.current === openedKey) return;
    done.current = openedKey;
    const unread = new Map<string, number[]>();
    for (const m of conversation.messages) if (!m.flags.includes('\\Seen')) unread.set(m.path, [...(unread.get(m.path) ?? []), m.uid]);
    if (unread.size === 0) return;
    qc.setQueryData<Conversation>(threadKeys.conversation(mailboxPath, uid), (c) =>
      c ? { ...c, messages: c.messages.map((m) => (m.flags.includes('\\Seen') ? m : { ...m, flags: [...m.flags, '\\Seen'] })) } : c,
    );
    for (const [path, uids] of unread) {
      mutate.current({ mailbox: path, uids, action: 'markRead' }, { onSettled: () => invalidateThreadRows(qc, path) });
    }
  }, [conversation, openedKey, mailboxPath, uid, qc]);
}
