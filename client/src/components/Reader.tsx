import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseQueryResult } from '@tanstack/react-query';
import type { MessageDetail } from '../../../shared/mail.js';
import type { ActionContext } from '../actions/types.js';
import { MessageBody } from './MessageBody.js';
import { AttachmentList } from './AttachmentList.js';
import { ReaderHeader } from './ReaderHeader.js';
import { ReaderPane, ReaderQuery } from './ReaderPane.js';
import { ReaderToolbar } from './ReaderToolbar.js';

interface Props {
  mailboxPath: string;
  uid: number | null;
  query: UseQueryResult<MessageDetail>;
  ctx: ActionContext;
  onBack: () => void;
}

export function Reader({ mailboxPath, uid, query, ctx, onBack }: Props) {
  const { t } = useTranslation('reader');
  const message = query.data;
  useMarkReadOnOpen(mailboxPath, message, ctx);

  return (
    <ReaderPane label={t('label')} backLabel={t('back')} onBack={onBack}>
      {uid === null ? (
        <p className="reader-empty">{t('choose')}</p>
      ) : (
        <ReaderQuery query={query} errorTitle={t('openFailed')} loadingLabel={t('loading')}>
          {(message) => (
            <article className="reader" aria-labelledby="reader-subject">
              <ReaderToolbar ctx={ctx} />
              <ReaderHeader message={message} />
              <MessageBody key={`${mailboxPath}/${message.uid}`} message={message} mailboxPath={mailboxPath} />
              <AttachmentList message={message} mailboxPath={mailboxPath} />
            </article>
          )}
        </ReaderQuery>
      )}
    </ReaderPane>
  );
}

/**
 * Opening an unread message marks it read, once per opening: a later "Mark
 * unread" must stick while the message stays open.
 */
function useMarkReadOnOpen(mailboxPath: string, message: MessageDetail | undefined, ctx: ActionContext) {
  const done = useRef<string | null>(null);
  const run = useRef(ctx.runMessageAction);
  run.current = ctx.runMessageAction;
  const key = message ? `${mailboxPath}/${message.uidValidity}/${message.uid}` : null;
  const unread = message ? !message.flags.includes('\\Seen') : false;
  useEffect(() => {
    if (key === null || done.current === key) return;
    done.current = key;
    if (unread) run.current('markRead');
  }, [key, unread]);
}
