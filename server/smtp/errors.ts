import { AppError } from '../errors.js';

/** The fields nodemailer puts on its errors (lib/errors.js); the text is never read. */
export interface SmtpLikeError {
  code?: string;
  responseCode?: number;
  command?: string;
  originalCode?: string;
}

/** nodemailer codes that mean the submission server could not be reached, or the link broke. */
const UNAVAILABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE']);

/**
 * Normalises a nodemailer failure into one AppError (STYLE.md §4), by code and
 * SMTP reply code only. 552 is "exceeded storage allocation" (RFC 5321 §4.2.3),
 * which servers also answer to MAIL FROM SIZE= (RFC 1870 §6.1).
 */
export function smtpToAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as SmtpLikeError;
  const reply = typeof e.responseCode === 'number' ? e.responseCode : 0;
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH' || reply === 535 || reply === 534) {
    return new AppError('SMTP_AUTH_FAILED', 'The submission server refused the sign-in.', { cause: err });
  }
  // nodemailer refuses a message larger than the EHLO SIZE before sending it: EMESSAGE at MAIL FROM without a reply.
  if (reply === 552 || (e.code === 'EMESSAGE' && reply === 0 && e.command === 'MAIL FROM')) {
    return new AppError('MESSAGE_TOO_LARGE', 'The submission server does not accept a message this large.', { cause: err });
  }
  if ((e.code && UNAVAILABLE.has(e.code)) || (e.originalCode && UNAVAILABLE.has(e.originalCode))) {
    return new AppError('SMTP_UNAVAILABLE', 'The submission server is not answering.', { cause: err });
  }
  // 4yz replies are transient (RFC 5321 §4.2.1): the same message may go through later.
  if (reply >= 400 && reply < 500) {
    return new AppError('SMTP_UNAVAILABLE', 'The submission server cannot take the message right now.', { cause: err });
  }
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE' || reply >= 500) {
    return new AppError('SMTP_REJECTED', 'The submission server refused the message or a recipient.', { cause: err });
  }
  return new AppError('SMTP_UNAVAILABLE', 'Sending failed on the way to the submission server.', { cause: err });
}
