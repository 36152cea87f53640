import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDetail } from '../../../shared/mail.js';
import { remoteImagePath } from '../../../shared/remote.js';
import { describeError } from '../errors.js';
import { sanitizeMailHtml } from '../mail/sanitize.js';
import { attachmentUrl } from '../state/queries/messages.js';
import { useRemoteSenderMutation, useRemoteSendersQuery } from '../state/queries/remoteSenders.js';
import { useSettings } from '../state/queries/settings.js';
import { HtmlBody } from './HtmlBody.js';
import { TextBody } from './TextBody.js';

interface Props {
  message: MessageDetail;
  mailboxPath: string;
}

/** Absolute, like inline part URLs: the sanitiser's scheme check sees every URL it writes. */
function proxyUrl(remote: string): string {
  return new URL(remoteImagePath(remote), window.location.href).href;
}

/**
 * Chooses HTML or text and owns the per-message "Load images" choice: the
 * component is keyed by message, so the choice never carries over to another.
 * The user's settings decide the rest: HTML or text first, and remote images
 * never without asking ("ask"), at once for senders on the "always load" list
 * ("trusted"), or at once for everyone ("always"). Either way the images come
 * through the webmail's proxy, never from the sender's server.
 */
export function MessageBody({ message, mailboxPath }: Props) {
  const { t } = useTranslation('reader');
  const { preferHtml, remoteContent } = useSettings();
  const [loadOnce, setLoadOnce] = useState(false);
  const [preferText, setPreferText] = useState(!preferHtml);
  const showHtml = message.html !== null && !(preferText && message.text !== null);
  const sender = message.from?.address ? message.from.address.toLowerCase() : null;
  const senders = useRemoteSendersQuery();
  const changeSender = useRemoteSenderMutation();
  const trustsSenders = remoteContent === 'trusted';
  const senderAlways = trustsSenders && sender !== null && (senders.data?.senders.includes(sender) ?? false);
  const allowRemote = loadOnce || senderAlways || remoteContent === 'always';

  const sanitized = useMemo(() => {
    if (message.html === null) return null;
    const inlinePartUrl = (contentId: string) => {
      const part =
        message.attachments.find((a) => a.contentId === contentId) ??
        message.attachments.find((a) => a.contentId?.toLowerCase() === contentId.toLowerCase());
      // Absolute: the URL must pass the sanitiser's scheme check like any other.
      return part ? new URL(attachmentUrl(mailboxPath, message.uid, part.partId, true), window.location.href).href : null;
    };
    // Always from the original HTML: opting in re-sanitises, it never edits the earlier output.
    return allowRemote ? sanitizeMailHtml(message.html, { allowRemote, proxyUrl, inlinePartUrl }) : sanitizeMailHtml(message.html, { allowRemote, inlinePartUrl });
  }, [message, mailboxPath, allowRemote]);

  return (
    <div className="reader-body">
      {message.html !== null && message.text !== null && (
        <button type="button" className="link-button body-switch" onClick={() => setPreferText((v) => !v)}>
          {showHtml ? t('showPlain') : t('showFormatted')}
        </button>
      )}
      {showHtml && sanitized && sanitized.blockedRemote > 0 && !allowRemote && (
        <div className="banner banner-remote" role="status">
          <span>{t('remote.hidden')}</span>
          <button type="button" onClick={() => setLoadOnce(true)}>
            {t('remote.load')}
          </button>
          {sender && trustsSenders && (
            <button type="button" onClick={() => changeSender.mutate({ address: sender, always: true })}>
              {t('remote.always', { sender })}
            </button>
          )}
        </div>
      )}
      {showHtml && sanitized && senderAlways && sanitized.proxiedRemote > 0 && (
        <div className="banner banner-remote-always" role="status">
          <span>{t('remote.alwaysOn', { sender })}</span>
          <button type="button" className="link-button" onClick={() => changeSender.mutate({ address: sender, always: false })}>
            {t('remote.stop')}
          </button>
        </div>
      )}
      {changeSender.isError && (
        <p className="form-error" role="alert">
          {describeError(changeSender.error)}
        </p>
      )}
      {showHtml && sanitized ? (
        <HtmlBody html={sanitized.html} />
      ) : message.text !== null ? (
        <TextBody text={message.text} />
      ) : (
        <p className="reader-empty">{t('noText')}</p>
      )}
    </div>
  );
}
