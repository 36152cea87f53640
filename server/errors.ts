import { ERROR_STATUS, type ApiError, type ErrorCode } from '../shared/errors.js';

/**
 * The one error type routes throw. Adapters (IMAP, SMTP) convert library errors
 * into it; `message` is a developer-facing sentence, never internal text from a
 * library, so it can reach the browser.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { retryAfter?: number; field?: string; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }

  toBody(): ApiError {
    const error: ApiError['error'] = { code: this.code, message: this.message };
    if (this.extra.retryAfter !== undefined) error.retryAfter = this.extra.retryAfter;
    if (this.extra.field !== undefined) error.field = this.extra.field;
    return { error };
  }
}
