import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import { AppError } from '../errors.js';

export interface MimeAddress {
  name: string;
  address: string;
}

export interface MimeFile {
  filename: string;
  contentType: string;
  /** A file on disk (an upload, a downloaded original): streamed, never read whole. */
  path: string;
  /** Set for an image referenced from the HTML as cid:… (goes into multipart/related). */
  cid?: string | null;
}

export interface MimeMessage {
  from: MimeAddress;
  /** The identity's Reply-To (RFC 5322 §3.6.2), if it has one. */
  replyTo: MimeAddress | null;
  to: MimeAddress[];
  cc: MimeAddress[];
  /** Written as a header only when `keepBcc` (a draft copy); a sent message carries Bcc in the envelope alone. */
  bcc: MimeAddress[];
  keepBcc: boolean;
  subject: string;
  date: Date;
  /** With angle brackets. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  html: string | null;
  text: string;
  attachments: MimeFile[];
  /** An original message going along as message/rfc822 ("forward as attachment", RFC 2046 §5.2.1). */
  attachedMessage: { path: string; filename: string } | null;
  headers: Record<string, string>;
}

/** Counts bytes and stops the pipeline as soon as the message outgrows `limit`. */
function sizeGuard(limit: number, seen: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen.bytes += chunk.length;
      if (seen.bytes > limit) return cb(new AppError('MESSAGE_TOO_LARGE', `The message is larger than the ${limit} bytes the server accepts.`));
      cb(null, chunk);
    },
  });
}

/**
 * Writes an RFC 5322 message to `file` with nodemailer's MailComposer, which
 * picks the MIME tree: multipart/mixed › multipart/related › multipart/alternative
 * as the parts require. Attachments stream from disk; URLs are never fetched.
 * Returns the size in bytes; throws MESSAGE_TOO_LARGE past `limit`.
 */
export async function writeMime(msg: MimeMessage, file: string, limit: number): Promise<number> {
  const attachments = msg.attachments.map((a) => ({
    filename: a.filename,
    contentType: a.contentType,
    path: a.path,
    ...(a.cid ? { cid: a.cid, contentDisposition: 'inline' } : {}),
  }));
  if (msg.attachedMessage) {
    attachments.push({ filename: msg.attachedMessage.filename, contentType: 'message/rfc822', path: msg.attachedMessage.path });
  }
  const composer = new MailComposer({
    from: msg.from,
    replyTo: msg.replyTo ?? undefined,
    to: msg.to.length ? msg.to : undefined,
    cc: msg.cc.length ? msg.cc : undefined,
    bcc: msg.keepBcc && msg.bcc.length ? msg.bcc : undefined,
    subject: msg.subject,
    date: msg.date,
    messageId: msg.messageId,
    inReplyTo: msg.inReplyTo ?? undefined,
    references: msg.references.length ? msg.references : undefined,
    text: msg.text,
    html: msg.html ?? undefined,
    attachments,
    headers: msg.headers,
    disableUrlAccess: true,
    newline: 'win',
  });
  const node = composer.compile();
  node.keepBcc = msg.keepBcc;
  const seen = { bytes: 0 };
  await pipeline(node.createReadStream(), sizeGuard(limit, seen), createWriteStream(file, { mode: 0o600 }));
  return seen.bytes;
}
