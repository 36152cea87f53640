import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import SMTPConnection, { type SMTPConnectionOptions, type SMTPConnectionSendInfo } from 'nodemailer/lib/smtp-connection';
import type { Config } from '../config/config.js';
import { smtpToAppError } from './errors.js';

export interface SmtpCredentials {
  user: string;
  pass: string;
}

export interface SubmitResult {
  accepted: string[];
  rejected: string[];
  /** The EHLO lines seen on this connection (after STARTTLS): the limits cache learns SIZE from them. */
  ehlo: string[];
  response: string;
}

/**
 * Options for one submission connection (RFC 6409). TLS is explicit, as for
 * IMAP (STYLE.md §3): implicit TLS on 465 (RFC 8314), or STARTTLS required on
 * 587, so a server that stops offering STARTTLS gets an error, never the
 * password in clear. Certificates are verified; a CA file trusts a private CA.
 */
export function smtpOptions(config: Config['smtp']): SMTPConnectionOptions {
  const ca = config.caFile ? readFileSync(config.caFile) : undefined;
  return {
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    // SNI must not be an IP address (RFC 6066 §3).
    servername: isIP(config.host) ? undefined : config.host,
    tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2', ...(ca ? { ca } : {}) },
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    // Inactivity while streaming a large message to a slow server; the whole send has no fixed cap.
    socketTimeout: 60_000,
    logger: false,
  };
}

/**
 * Runs `steps` on a fresh connection and closes it whatever happens. The
 * connection reports socket failures as 'error' events, not through the
 * callbacks, so each step races them.
 */
export async function withSmtpConnection<T>(
  options: SMTPConnectionOptions,
  steps: (conn: SMTPConnection, call: <R>(fn: (cb: (err: Error | null, res?: R) => void) => void) => Promise<R>) => Promise<T>,
): Promise<T> {
  const conn = new SMTPConnection(options);
  let onError: (err: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    onError = reject;
  });
  failed.catch(() => undefined);
  conn.on('error', (err: Error) => onError(err));
  conn.once('end', () => onError(Object.assign(new Error('connection closed'), { code: 'ECONNECTION' })));
  const call = <R>(fn: (cb: (err: Error | null, res?: R) => void) => void): Promise<R> =>
    Promise.race([
      new Promise<R>((resolve, reject) => fn((err, res) => (err ? reject(err) : resolve(res as R)))),
      failed,
    ]);
  try {
    await call<void>((cb) => conn.connect((err) => cb(err ?? null)));
    const result = await steps(conn, call);
    onError = () => undefined;
    conn.quit();
    return result;
  } catch (err) {
    throw smtpToAppError(err);
  } finally {
    onError = () => undefined;
    conn.close();
  }
}

/**
 * Submits one prepared message with the user's own credentials (SMTP AUTH,
 * RFC 4954), streaming it from disk: the envelope decides the recipients, so
 * Bcc addresses travel only there and never in a header.
 */
export async function submitMessage(
  config: Config['smtp'],
  auth: SmtpCredentials,
  envelope: { from: string; to: string[]; size: number },
  open: () => Readable,
): Promise<SubmitResult> {
  return withSmtpConnection(smtpOptions(config), async (conn, call) => {
    await call<boolean>((cb) => conn.login({ user: auth.user, pass: auth.pass }, (err, ok) => cb(err, ok)));
    const info = await call<SMTPConnectionSendInfo>((cb) => conn.send(envelope, open(), (err, res) => cb(err, res)));
    return { accepted: info.accepted, rejected: info.rejected, ehlo: info.ehlo ?? [], response: info.response };
  });
}
