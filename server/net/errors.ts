/**
 * How a line connection failed, as a code the protocol on top maps to its own
 * AppError (server/imap/errors.ts, server/sieve/client.ts), never by the text.
 * Socket and TLS failures keep Node's own codes (ECONNREFUSED, ECONNRESET,
 * DEPTH_ZERO_SELF_SIGNED_CERT, …); these are the ones this module adds.
 */
export type LineErrorCode =
  /** A deadline passed waiting for an answer, or nothing moved for the idle time. */
  | 'LINE_TIMEOUT'
  /** The peer closed the connection. */
  | 'LINE_CLOSED'
  /** The peer sent more than any answer we wait for may hold: nothing after it can be trusted. */
  | 'LINE_TOO_LONG'
  /** Bytes arrived before the TLS upgrade (STARTTLS response injection, CVE-2011-0411). */
  | 'STARTTLS_INJECTION';

export class LineError extends Error {
  override readonly name = 'LineError';
  constructor(
    readonly code: LineErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Codes of a link that went away (as opposed to one that misbehaved): the caller may simply reconnect. */
export const LINK_DOWN_CODES: ReadonlySet<string> = new Set<LineErrorCode>(['LINE_TIMEOUT', 'LINE_CLOSED']);
