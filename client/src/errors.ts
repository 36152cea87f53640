import type { ErrorCode } from '../../shared/errors.js';

/**
 * Codes the client produces itself, for failures that never reach the server
 * or come back without our JSON error body (a proxy's 502 page, a dropped
 * connection, an answer that does not match the contract).
 */
export const CLIENT_ERROR_CODES = ['NETWORK_ERROR', 'BAD_RESPONSE'] as const;
export type ClientErrorCode = ErrorCode | (typeof CLIENT_ERROR_CODES)[number];

/**
 * The one table of sentences people see (STYLE.md §4: errors are codes, the
 * client maps them once). Typed as a full Record so a code added to
 * shared/errors.ts without a sentence here is a compile error.
 */
export const ERROR_SENTENCES: Record<ClientErrorCode, string> = {
  AUTH_FAILED: 'The email address or password is not right. Check both and try again.',
  NOT_AUTHENTICATED: 'You are signed out. Please sign in again.',
  SESSION_EXPIRED: 'Your session has ended. Please sign in again.',
  CSRF_FAILED: 'Your session could not be verified. Reload the page and try again.',
  FORBIDDEN_ORIGIN: 'This request came from a page the webmail does not trust, so it was refused.',
  RATE_LIMITED: 'Too many attempts in a short time. Please wait a little and try again.',
  VALIDATION_FAILED: 'Something in the request was not accepted. Check what you entered and try again.',
  NOT_FOUND: 'That could not be found.',
  MAILBOX_NOT_FOUND: 'This folder no longer exists. It may have been renamed or deleted.',
  MESSAGE_NOT_FOUND: 'This message no longer exists. It may have been moved or deleted.',
  ATTACHMENT_NOT_FOUND: 'This attachment could not be found in the message.',
  SPECIAL_MAILBOX_MISSING: 'The folder this needs (such as Trash or Junk) does not exist on your mail server.',
  UIDVALIDITY_CHANGED: 'This folder changed on the mail server. Reload the folder to see its current messages.',
  MESSAGE_TOO_LARGE: 'This is larger than the mail server accepts.',
  IMAP_UNAVAILABLE: 'The mail server is not answering right now. Your mail is safe; please try again in a minute.',
  IMAP_ERROR: 'The mail server refused the request. Please try again.',
  INVALID_ADDRESS: 'One of the addresses is not a valid email address. Check the highlighted recipient.',
  SMTP_AUTH_FAILED: 'The outgoing mail server did not accept your sign-in, so nothing was sent. Your message is saved in Drafts.',
  SMTP_UNAVAILABLE: 'The outgoing mail server is not answering right now. Your message is saved in Drafts; try sending again in a moment.',
  SMTP_REJECTED: 'The outgoing mail server refused this message. Your message is saved in Drafts.',
  UPLOAD_NOT_FOUND: 'That attachment is no longer on the server. Please attach the file again.',
  UPLOAD_INCOMPLETE: 'An attachment has not finished uploading yet.',
  UPLOAD_OFFSET_MISMATCH: 'The upload got out of step; it will resume from where the server left off.',
  OUTBOX_NOT_FOUND: 'That message is no longer waiting to be sent.',
  TOO_LATE_TO_CANCEL: 'Too late to undo: the message has already been sent.',
  REMOTE_REFUSED: 'This image points at an address the webmail will not fetch from, so it was not loaded.',
  REMOTE_NOT_IMAGE: 'This remote content is not an image the webmail shows, so it was not loaded.',
  REMOTE_TOO_LARGE: 'This remote image is too large to load.',
  REMOTE_FAILED: 'The remote image could not be fetched. The site may be down or slow.',
  REMOTE_DISABLED: 'Loading remote images is turned off on this webmail.',
  FOLDER_EXISTS: 'A folder with that name already exists there. Choose another name.',
  FOLDER_INVALID_NAME: 'That folder name cannot be used. Names cannot be empty or contain the folder separator.',
  FOLDER_PROTECTED: 'This folder is needed by the mail server (such as Inbox, Sent or Trash) and cannot be changed this way.',
  SIEVE_INVALID: 'The mail server did not accept this filter. Its reason is shown below.',
  SIEVE_UNAVAILABLE: 'The filter service of your mail server is not answering right now. Please try again later.',
  CONTACT_NOT_FOUND: 'That contact no longer exists.',
  IDENTITY_NOT_FOUND: 'That sender identity no longer exists.',
  INTERNAL: 'Something went wrong on the webmail server. Please try again.',
  NETWORK_ERROR: 'The webmail server cannot be reached. Check your connection and try again.',
  BAD_RESPONSE: 'The webmail server sent an answer this page does not understand. Reload the page and try again.',
};

/** Anything with a code from the table: ApiRequestError, or a test double. */
interface CodedError {
  code: ClientErrorCode;
  retryAfter?: number | undefined;
}

function isCoded(err: unknown): err is CodedError {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' && err.code in ERROR_SENTENCES;
}

/** The sentence to show a person for any thrown value. */
export function describeError(err: unknown): string {
  if (!isCoded(err)) return 'Something went wrong. Please try again.';
  if (err.code === 'RATE_LIMITED' && err.retryAfter !== undefined && err.retryAfter > 0) {
    const s = err.retryAfter;
    const wait = s < 90 ? `${s} second${s === 1 ? '' : 's'}` : `${Math.ceil(s / 60)} minutes`;
    return `Too many attempts in a short time. Please try again in ${wait}.`;
  }
  return ERROR_SENTENCES[err.code];
}
