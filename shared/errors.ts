import { z } from 'zod';

/**
 * The one registry of error codes (STYLE.md §4). The server turns every failure
 * into one of these; the client maps each code to a sentence in one table.
 * The HTTP status travels with the code so routes never pick one ad hoc.
 */
export const ERROR_STATUS = {
  AUTH_FAILED: 401,
  NOT_AUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN_ORIGIN: 403,
  RATE_LIMITED: 429,
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  MAILBOX_NOT_FOUND: 404,
  MESSAGE_NOT_FOUND: 404,
  ATTACHMENT_NOT_FOUND: 404,
  SPECIAL_MAILBOX_MISSING: 409,
  UIDVALIDITY_CHANGED: 409,
  MESSAGE_TOO_LARGE: 413,
  IMAP_UNAVAILABLE: 503,
  IMAP_ERROR: 502,
  INVALID_ADDRESS: 400,
  SMTP_AUTH_FAILED: 502,
  SMTP_UNAVAILABLE: 503,
  SMTP_REJECTED: 502,
  UPLOAD_NOT_FOUND: 404,
  UPLOAD_INCOMPLETE: 409,
  UPLOAD_OFFSET_MISMATCH: 409,
  OUTBOX_NOT_FOUND: 404,
  TOO_LATE_TO_CANCEL: 409,
  REMOTE_REFUSED: 403,
  REMOTE_NOT_IMAGE: 415,
  REMOTE_TOO_LARGE: 413,
  REMOTE_FAILED: 502,
  REMOTE_DISABLED: 403,
  FOLDER_EXISTS: 409,
  FOLDER_INVALID_NAME: 400,
  FOLDER_PROTECTED: 409,
  SIEVE_INVALID: 400,
  SIEVE_UNAVAILABLE: 503,
  CONTACT_NOT_FOUND: 404,
  IDENTITY_NOT_FOUND: 404,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export const errorCodeSchema = z.enum(ERROR_CODES);

/** The body of every non-2xx JSON answer. `message` is for logs and developers; people see the client's sentence. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    /** Seconds to wait before retrying (RATE_LIMITED). */
    retryAfter: z.number().int().nonnegative().optional(),
    /** The request field that failed validation (VALIDATION_FAILED). */
    field: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
