import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Draft } from '../../shared/compose.js';
import { AppError } from '../errors.js';
import type { MailSession } from '../imap/session.js';
import { downloadSource } from '../imap/source.js';
import { writeMime, type MimeFile } from '../smtp/compose-mime.js';
import { envelopeRecipients, normaliseAddress, normaliseRecipients, type NormalisedRecipient } from '../mime/addresses.js';
import { htmlToPlainText } from './quote.js';
import type { IdentityResolver, PreparedMessage, UploadFiles } from './types.js';

export const DRAFT_ID_HEADER = 'X-Webmail-Draft-Id';
export const DRAFT_META_HEADER = 'X-Webmail-Draft-Meta';

export interface BuildContext {
  /** The logged-in address: the owner of uploads and identities. */
  owner: string;
  session: MailSession;
  uploads: UploadFiles;
  /** The user's sender identities: From and Reply-To come from them, never from the client. */
  identities: IdentityResolver;
  /** Where built messages are written (`<dataDir>/outgoing`). */
  workDir: string;
  maxMessageBytes: number;
}

export interface CheckedSender {
  from: NormalisedRecipient;
  replyTo: NormalisedRecipient | null;
  identityId: string;
}

/**
 * From and Reply-To of a draft, taken from one of the user's own identities
 * (server/identities): a webmail that let a user pick any From would be a
 * forging tool, whatever the submission server checks. Sending refuses an
 * identity that is not the user's (IDENTITY_NOT_FOUND); saving a draft falls
 * back to the default identity so the text is never lost.
 */
export function checkSender(identities: IdentityResolver, draft: Draft, owner: string, opts: { forDraft: boolean }): CheckedSender {
  const identity = opts.forDraft ? identities.forDraft(owner, draft) : identities.forSending(owner, draft);
  const from = normaliseAddress(identity.address);
  if (!from) throw new AppError('VALIDATION_FAILED', 'The sender must be your own address.', { field: 'from.address' });
  const replyTo = identity.replyTo ? normaliseAddress(identity.replyTo) : null;
  return {
    from: { name: identity.name, address: from.address, envelope: from.envelope },
    replyTo: replyTo ? { name: '', address: replyTo.address, envelope: replyTo.envelope } : null,
    identityId: identity.id,
  };
}

export interface CheckedRecipients extends CheckedSender {
  to: NormalisedRecipient[];
  cc: NormalisedRecipient[];
  bcc: NormalisedRecipient[];
}

/** Validates every address of a message about to be sent; the first bad one is named (INVALID_ADDRESS, field `cc[1]`). */
export function checkRecipients(draft: Draft, owner: string, identities: IdentityResolver): CheckedRecipients {
  const sender = checkSender(identities, draft, owner, { forDraft: false });
  const to = normaliseRecipients(draft.to, 'to');
  const cc = normaliseRecipients(draft.cc, 'cc');
  const bcc = normaliseRecipients(draft.bcc, 'bcc');
  if (to.length + cc.length + bcc.length === 0) throw new AppError('VALIDATION_FAILED', 'Add at least one recipient.', { field: 'to' });
  return { ...sender, to, cc, bcc };
}

/** A draft may hold half-typed addresses: valid ones are normalised, the rest kept as typed so nothing is lost. */
function lenient(list: Draft['to']): NormalisedRecipient[] {
  return list.map((r) => {
    const n = normaliseAddress(r.address);
    return { name: r.name.trim(), address: n?.address ?? r.address.trim(), envelope: n?.envelope ?? r.address.trim() };
  });
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** Message-ID `<random@domain-of-from>` (RFC 5322 §3.6.4): unique without revealing anything. */
export function newMessageId(fromEnvelope: string): string {
  return `<${randomUUID()}@${domainOf(fromEnvelope)}>`;
}

/** base64 grows a file by 78/57 (76 characters and CRLF per 57 bytes). */
function encodedSize(bytes: number): number {
  return Math.ceil(bytes / 57) * 78;
}

function emlName(subject: string): string {
  const base = subject.replace(/[^\p{L}\p{N} ._-]+/gu, ' ').trim().slice(0, 80) || 'message';
  return `${base}.eml`;
}

/**
 * Draft → an RFC 5322 message in a file: From and Reply-To (the identity), To, Cc, Subject,
 * Date, Message-ID, In-Reply-To, References; HTML with a text alternative
 * derived from it; uploads as attachments, pasted images as cid: parts, the
 * original as message/rfc822 when forwarding as attachment. A message for
 * sending never has a Bcc header (RFC 5322 §3.6.3 allows either way; we never
 * reveal Bcc); a draft copy keeps it, so reopening the draft loses nothing.
 */
export async function prepareMessage(ctx: BuildContext, draft: Draft, opts: { forDraft: boolean }): Promise<PreparedMessage> {
  const checked: CheckedRecipients = opts.forDraft
    ? { ...checkSender(ctx.identities, draft, ctx.owner, opts), to: lenient(draft.to), cc: lenient(draft.cc), bcc: lenient(draft.bcc) }
    : checkRecipients(draft, ctx.owner, ctx.identities);

  const files: MimeFile[] = [];
  let estimate = 0;
  for (const a of draft.attachments) {
    const stored = await ctx.uploads.requireComplete(ctx.owner, a.uploadId);
    estimate += encodedSize(stored.size);
    // Pasted images travel inline only beside HTML; in a text message they are ordinary attachments.
    files.push({ filename: a.filename, contentType: a.contentType, path: stored.path, cid: draft.format === 'html' ? a.contentId : null });
  }
  if (estimate > ctx.maxMessageBytes) {
    throw new AppError('MESSAGE_TOO_LARGE', `The attachments need about ${estimate} bytes once encoded; the limit is ${ctx.maxMessageBytes}.`);
  }

  mkdirSync(ctx.workDir, { recursive: true, mode: 0o700 });
  const stem = path.join(ctx.workDir, `${Date.now()}-${randomBytes(9).toString('base64url')}`);
  const rawPath = `${stem}.eml`;
  const originalPath = `${stem}.original.eml`;
  let attachedMessage: { path: string; filename: string } | null = null;
  try {
    if (draft.attachMessage && !opts.forDraft) {
      await downloadSource(ctx.session, draft.attachMessage.mailbox, draft.attachMessage.uid, originalPath, ctx.maxMessageBytes);
      attachedMessage = { path: originalPath, filename: emlName(draft.subject.replace(/^fwd:\s*/i, '')) };
    }
    const html = draft.format === 'html' ? (draft.html ?? '') : null;
    const text = html !== null ? htmlToPlainText(html) : draft.text;
    const messageId = newMessageId(checked.from.envelope);
    const headers: Record<string, string> = { 'X-Mailer': 'webmail' };
    if (opts.forDraft) {
      headers[DRAFT_ID_HEADER] = draft.draftId;
      const meta = encodeDraftMeta({ ...draft, identityId: checked.identityId });
      if (meta) headers[DRAFT_META_HEADER] = meta;
    }
    const size = await writeMime(
      {
        from: { name: checked.from.name, address: checked.from.address },
        replyTo: checked.replyTo ? { name: '', address: checked.replyTo.address } : null,
        to: checked.to,
        cc: checked.cc,
        bcc: checked.bcc,
        keepBcc: opts.forDraft,
        subject: draft.subject,
        date: new Date(),
        messageId,
        inReplyTo: draft.inReplyTo,
        references: draft.references,
        html,
        text,
        attachments: files,
        attachedMessage,
        headers,
      },
      rawPath,
      ctx.maxMessageBytes,
    );
    return {
      rawPath,
      envelope: { from: checked.from.envelope, to: envelopeRecipients([checked.to, checked.cc, checked.bcc]) },
      messageId,
      size,
    };
  } catch (err) {
    await rm(rawPath, { force: true });
    throw err;
  } finally {
    await rm(originalPath, { force: true });
  }
}

/**
 * What a draft needs beyond its headers to continue where it stopped: what it
 * answers (to flag it after sending), the message to attach, the format. Our
 * own header, base64 JSON, read back through the Draft schema on reopen.
 */
export function encodeDraftMeta(draft: Draft): string | null {
  const meta = JSON.stringify({ v: 1, source: draft.source, attachMessage: draft.attachMessage, format: draft.format, identityId: draft.identityId });
  const encoded = Buffer.from(meta, 'utf8').toString('base64');
  // One header line must stay under 998 characters (RFC 5322 §2.1.1).
  return encoded.length <= 900 ? encoded : null;
}
