import type { QuoteStyle } from '../../shared/settings.js';
import { blankDraft, draftSchema, type ComposeMode, type Draft, type DraftAttachment, type MessageRef } from '../../shared/compose.js';
import { defaultIdentity, type Identity } from '../../shared/identities.js';
import type { MessageDetail } from '../../shared/mail.js';
import { AppError } from '../errors.js';
import { chooseIdentity } from '../identities/choose.js';
import { getMessage, openPart } from '../imap/messages.js';
import { fetchHeaderFields } from '../imap/source.js';
import type { BuildContext } from './build.js';
import { cleanHeaderText, newDraftId, reopenDraft } from './drafts.js';
import { forwardBody, replyBody } from './quote.js';
import type { QuoteLanguage } from './quote-phrases.js';
import { forwardSubject, parseMessageIds, replyRecipients, replyReferences, replySubject } from './reply-rules.js';

/** Copies the original's attachments into uploads, streaming each part from IMAP (forward, edit as new). */
async function copyAttachments(ctx: BuildContext, orig: MessageDetail): Promise<DraftAttachment[]> {
  const out: DraftAttachment[] = [];
  for (const a of orig.attachments) {
    const part = await openPart(ctx.session, orig.path, orig.uid, a.partId);
    try {
      const stored = await ctx.uploads.createFromStream(ctx.owner, { filename: a.filename || 'attachment', contentType: a.contentType }, part.content);
      const cid = a.inline && a.contentId && /^[\w.@-]{1,100}$/.test(a.contentId) ? a.contentId : null;
      out.push({ uploadId: stored.uploadId, filename: stored.filename, contentType: stored.contentType, size: stored.size, contentId: cid });
    } finally {
      part.done();
    }
  }
  return out;
}

function clean(list: MessageDetail['to']): Draft['to'] {
  return list
    .filter((a) => a.address.length >= 3)
    .map((a) => ({ name: cleanHeaderText(a.name, 200), address: cleanHeaderText(a.address, 320) }));
}

/** A blank draft sent as `identity` (the login address when the user has none to offer). */
function emptyDraft(owner: string, identity: Identity | null): Draft {
  const draft = blankDraft(newDraftId(), identity ? { name: identity.name, address: identity.address } : { name: '', address: owner });
  draft.identityId = identity?.id ?? null;
  return draft;
}

/**
 * A Draft to start composing from: a reply (threaded, quoting, to the right
 * people), a forward (inline with the header block and the attachments, or
 * the whole original as an attachment), "edit as new" from Sent, or a saved
 * draft to continue. The client decides the format; replies follow the
 * original's (HTML when it has HTML). The draft names the identity it starts
 * with (`identityId`): the one the original was addressed to.
 */
export async function prefill(ctx: BuildContext, mode: ComposeMode, ref: MessageRef | null, options: { quoteStyle: QuoteStyle; lang?: QuoteLanguage } = { quoteStyle: 'top' }): Promise<Draft> {
  const identities = ctx.identities.list(ctx.owner);
  if (mode === 'new') return emptyDraft(ctx.owner, defaultIdentity(identities));
  if (!ref) throw new AppError('VALIDATION_FAILED', 'mailbox and uid are required for this mode.', { field: 'uid' });
  if (mode === 'draft') return reopenDraft(ctx, ref);

  const orig = await getMessage(ctx.session, ref.mailbox, ref.uid);
  const headers = await fetchHeaderFields(ctx.session, ref.mailbox, ref.uid, ['references', 'delivered-to', 'x-original-to']);
  // Answer as the identity the original was sent to (issue 7 part 2).
  const identity = chooseIdentity(identities, mode, {
    from: orig.from,
    to: orig.to,
    cc: orig.cc,
    deliveredTo: [headers.get('delivered-to'), headers.get('x-original-to')],
  });
  const draft = emptyDraft(ctx.owner, identity);
  // Every address the user sends as counts as "me": reply-all leaves them all out.
  const self = [ctx.owner, ...identities.map((i) => i.address)];
  const format: Draft['format'] = orig.html !== null || orig.text === null ? 'html' : 'text';
  draft.format = format;
  draft.source = { mode, message: { mailbox: ref.mailbox, uid: ref.uid } };
  const subject = cleanHeaderText(orig.subject);

  switch (mode) {
    case 'reply':
    case 'replyAll': {
      const { to, cc } = replyRecipients({ from: orig.from, replyTo: orig.replyTo, to: orig.to, cc: orig.cc }, self, mode === 'replyAll');
      draft.to = clean(to);
      draft.cc = clean(cc);
      draft.subject = replySubject(subject);
      draft.inReplyTo = orig.headerMessageId;
      draft.references = replyReferences({
        references: parseMessageIds(headers.get('references')),
        inReplyTo: orig.inReplyTo,
        messageId: orig.headerMessageId,
      });
      const body = replyBody({ date: orig.date, from: orig.from, html: orig.html, text: orig.text }, format, options.quoteStyle, options.lang);
      draft.html = body.html;
      draft.text = body.text;
      break;
    }
    case 'forward': {
      draft.subject = forwardSubject(subject);
      const body = forwardBody({ date: orig.date, from: orig.from, to: orig.to, subject, html: orig.html, text: orig.text }, format, options.lang);
      draft.html = body.html;
      draft.text = body.text;
      draft.attachments = await copyAttachments(ctx, orig);
      break;
    }
    case 'forwardAsAttachment':
      draft.format = 'html';
      draft.subject = forwardSubject(subject);
      draft.attachMessage = { mailbox: ref.mailbox, uid: ref.uid };
      break;
    case 'editAsNew':
      // A new message: same people and content, no threading headers, nothing flagged afterwards.
      draft.to = clean(orig.to);
      draft.cc = clean(orig.cc);
      draft.bcc = clean(orig.bcc);
      draft.subject = subject;
      draft.html = format === 'html' ? (orig.html ?? '') : null;
      draft.text = orig.text ?? '';
      draft.attachments = await copyAttachments(ctx, orig);
      break;
  }
  if (draft.format === 'text') draft.html = null;
  return draftSchema.parse(draft);
}
