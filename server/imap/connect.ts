import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { Config } from '../config/config.js';
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
}

/**
 * imapflow options for the admin's IMAP server. TLS is explicit (STYLE.md §3):
 * implicit TLS, or STARTTLS required (doSTARTTLS: true fails instead of falling
 * back to plaintext). Certificates are verified as on our own sockets (net/tls-policy.ts).
 */
export function imapOptions(config: Config['imap'], auth: ImapCredentials): ImapFlowOptions {
  return {
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    doSTARTTLS: config.security === 'starttls' ? true : undefined,
    servername: sniName(config.host),
    auth,
    tls: tlsTrust(config.caFile),
    logger: false,
    clientInfo: { name: 'webmail' },
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
