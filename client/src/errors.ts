import type { ErrorCode } from '../../shared/errors.js';
import { i18n } from './i18n/index.js';
import en from './i18n/locales/en/errors.json' with { type: 'json' };

/**
 * Codes the client produces itself, for failures that never reach the server
 * or come back without our JSON error body (a proxy's 502 page, a dropped
 * connection, an answer that does not match the contract).
 */
export const CLIENT_ERROR_CODES = ['NETWORK_ERROR', 'BAD_RESPONSE'] as const;
export type ClientErrorCode = ErrorCode | (typeof CLIENT_ERROR_CODES)[number];

/**
 * The one table of sentences people see (STYLE.md §4: errors are codes, the
 * client maps them once), kept in the `errors` translation namespace. The
 * English table is typed as a full Record so a code added to shared/errors.ts
 * without a sentence is a compile error; locales.test.ts holds French to the
 * same keys.
 */
export const ERROR_SENTENCES: Record<ClientErrorCode, string> = en.codes;

/** Anything with a code from the table: ApiRequestError, or a test double. */
interface CodedError {
  code: ClientErrorCode;
  retryAfter?: number | undefined;
}

function isCoded(err: unknown): err is CodedError {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' && err.code in ERROR_SENTENCES;
}

/** The sentence to show a person for any thrown value, in the current language. */
export function describeError(err: unknown): string {
  const t = i18n.getFixedT(null, 'errors');
  if (!isCoded(err)) return t('fallback');
  if (err.code === 'RATE_LIMITED' && err.retryAfter !== undefined && err.retryAfter > 0) {
    const s = err.retryAfter;
    const wait = s < 90 ? t('seconds', { count: s }) : t('minutes', { count: Math.ceil(s / 60) });
    return t('rateLimitedWait', { wait });
  }
  return t(`codes.${err.code}`);
}
