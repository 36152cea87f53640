import { useMemo, useState } from 'react';
import type { MessageDetail } from '../../../shared/mail.js';
import { sanitizeMailHtml } from '../mail/sanitize.js';
import { attachmentUrl } from '../state/queries/messages.js';
import { HtmlBody } from './HtmlBody.js';
import { TextBody } from './TextBody.js';

interface Props {
  message: MessageDetail;
  mailboxPath: string;
}

/**
 * Chooses HTML or text and owns the per-message "Load images" choice: the
 * component is keyed by message, so the choice never carries over to another.
 */
export function MessageBody({ message, mailboxPath }: Props) {
  const [allowRemote, setAllowRemote] = useState(false);
  const [preferText, setPreferText] = useState(false);
  const showHtml = message.html !== null && !(preferText && message.text !== null);

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
    return sanitizeMailHtml(message.html, { allowRemote, inlinePartUrl });
  }, [message, mailboxPath, allowRemote]);

  return (
    <div className="reader-body">
      {message.html !== null && message.text !== null && (
        <button type="button" className="link-button body-switch" onClick={() => setPreferText((v) => !v)}>
          {showHtml ? 'Show plain text' : 'Show formatted'}
        </button>
      )}
      {showHtml && sanitized && sanitized.blockedRemote > 0 && !allowRemote && (
        <div className="banner banner-remote" role="status">
          <span>Remote images are hidden to protect your privacy.</span>
          <button type="button" onClick={() => setAllowRemote(true)}>
            Load images
          </button>
        </div>
      )}
      {showHtml && sanitized ? (
        <HtmlBody html={sanitized.html} allowRemote={allowRemote} />
      ) : message.text !== null ? (
        <TextBody text={message.text} />
      ) : (
        <p className="reader-empty">This message has no text.</p>
      )}
    </div>
  );
}
