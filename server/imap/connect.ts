import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { Config } from '../config/config.js';
import { originFields, type ClientOrigin } from '../net/client-origin.js';
import { sniName, tlsTrust } from '../net/tls-policy.js';
import { toAppError } from './errors.js';

/**
 * An open connection, as this folder's helpers take it. Code outside
 * server/imap/ holds one under this name and never imports imapflow itself.
 */
export type ImapClient = ImapFlow;

export interface ImapCredentials {
  user: string;
  pass: string;
  /** The browser this login serves, told to the server before authenticating; absent for the server's own work. */
  origin?: ClientOrigin;
}

/**
 * RFC 2971 ID fields that name the real client. Dovecot takes them before
 * login from `login_trusted_networks` only (else it ignores them), and then
 * uses them as the connection's remote address for auth penalties,
 * `mail_max_userip_connections` and its log (`rip=`, `session=`).
 */
export function originId(origin: ClientOrigin | undefined): Record<string, string> {
  const o = originFields(origin);
  if (!o) return {};
  return {
    'x-originating-ip': o.ip,
    ...(o.port ? { 'x-originating-port': String(o.port) } : {}),
    ...(o.logId ? { 'x-session-id': o.logId } : {}),
  };
}

/**
 * imapflow options for the admin's IMAP server. TLS is explicit (STYLE.md §3):
 * implicit TLS, or STARTTLS required (doSTARTTLS: true fails instead of falling
 * back to plaintext). Certificates are verified as on our own sockets (net/tls-policy.ts).
 */
export function imapOptions(config: Config['imap'], { user, pass, origin }: ImapCredentials): ImapFlowOptions {
  return {
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    doSTARTTLS: config.security === 'starttls' ? true : undefined,
    servername: sniName(config.host),
    auth: { user, pass },
    tls: tlsTrust(config.caFile),
    logger: false,
    // imapflow sends ID before authenticating when the server offers it then (Dovecot does).
    clientInfo: { name: 'webmail', ...originId(origin) },
    // Our own requests come in bursts; an IDLE between each pair costs two round trips.
    autoIdleDelay: 30_000,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    // No QRESYNC on the command connection: once enabled, every FETCH answer carries a
    // MODSEQ to parse (RFC 7162 §3.1.4.1), about 8% of a list page here. The IDLE
    // connection that turns changes into push events is where it belongs.
  };
}

/** Opens and authenticates one connection; failures come back as AppError (AUTH_FAILED, IMAP_UNAVAILABLE, …). */
export async function connectImap(config: Config['imap'], auth: ImapCredentials, extra: Partial<ImapFlowOptions> = {}): Promise<ImapFlow> {
  const client = new ImapFlow({ ...imapOptions(config, auth), ...extra });
  // imapflow emits 'error' for socket failures after connect; an unhandled one would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (err) {
    client.close();
    throw toAppError(err);
  }
}
