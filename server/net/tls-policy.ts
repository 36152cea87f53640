import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';

// What every TLS connection to the admin's mail server insists on (STYLE.md §3): a verified
// certificate, TLS 1.2 or later, and no silent fallback. imapflow's connections (imap/connect.ts)
// and our own line sockets (line-connection.ts) take it from here.

/** The certificate checks: always verified; a CA file trusts a self-signed or private CA. */
export function tlsTrust(caFile?: string | null): Pick<ConnectionOptions, 'rejectUnauthorized' | 'minVersion' | 'ca'> {
  return { rejectUnauthorized: true, minVersion: 'TLSv1.2', ...(caFile ? { ca: readFileSync(caFile) } : {}) };
}

/** SNI must not be an IP address (RFC 6066 §3); Node verifies an IP against the certificate's SAN itself. */
export function sniName(host: string): string | undefined {
  return isIP(host) ? undefined : host;
}

/** Options for tls.connect to `host`, for a new socket or an upgrade of a plain one. */
export function verifiedTls(host: string, caFile?: string | null): ConnectionOptions {
  const servername = sniName(host);
  return { host, ...(servername ? { servername } : {}), ...tlsTrust(caFile) };
}
