import { AppError } from '../errors.js';
import { LINK_DOWN_CODES } from '../net/errors.js';

/** Node, imapflow and net/ codes that mean "the server could not be reached or the link broke". */
const UNAVAILABLE_CODES = new Set([
  ...LINK_DOWN_CODES,
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'NoConnection',
  'EConnectionClosed',
  'StateLogout',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
  'ETIMEOUT',
]);

interface ImapFlowLikeError {
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  serverResponseCode?: string;
  mailboxMissing?: boolean;
  responseStatus?: string;
}

/** True for TLS verification failures (self-signed, expired, wrong name): the admin must fix the CA file. */
function isTlsError(err: ImapFlowLikeError & { message?: string }): boolean {
  const code = err.code ?? '';
  // STARTTLS_INJECTION: bytes in clear after STARTTLS (net/line-connection.ts), as bad as a forged certificate.
  return Boolean(err.tlsFailed) || code === 'STARTTLS_INJECTION' || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/.test(code);
}

/**
 * Normalises whatever imapflow throws into one AppError (STYLE.md §4). Only
 * structured fields are read (codes, flags, response codes), never the text.
 */
export function toAppError(err: unknown, context: { mailbox?: string } = {}): AppError {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as ImapFlowLikeError;
  if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED') {
    return new AppError('AUTH_FAILED', 'The address or password is not correct.', { cause: err });
  }
  if (isTlsError(e)) {
    return new AppError('IMAP_UNAVAILABLE', 'The mail server could not be reached securely.', { cause: err });
  }
  if (e.code && UNAVAILABLE_CODES.has(e.code)) {
    return new AppError('IMAP_UNAVAILABLE', 'The mail server is not answering.', { cause: err });
  }
  if (e.mailboxMissing || e.serverResponseCode === 'NONEXISTENT') {
    return new AppError('MAILBOX_NOT_FOUND', `No mailbox named ${JSON.stringify(context.mailbox ?? '')}.`, { cause: err });
  }
  // RFC 5530 §3: CREATE or RENAME onto a name that is taken.
  if (e.serverResponseCode === 'ALREADYEXISTS') {
    return new AppError('FOLDER_EXISTS', 'A folder with that name already exists.', { cause: err });
  }
  if (e.serverResponseCode === 'UNAVAILABLE' || e.serverResponseCode === 'SERVERBUG') {
    return new AppError('IMAP_UNAVAILABLE', 'The mail server cannot serve this request right now.', { cause: err });
  }
  return new AppError('IMAP_ERROR', 'The mail server refused the request.', { cause: err });
}

/**
 * True when `err` (or what it wraps, as toAppError's AppErrors do) says the link to the server
 * went away: refused, reset, closed, timed out. That is the weather, not a fault: the caller
 * reconnects. A refusal, a certificate the CA file does not vouch for, or a TypeError is not.
 */
export function isLinkDown(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  }
  return false;
}
