import { isIP } from 'node:net';

/**
 * Where the person behind a login is (DESIGN.md §9): the browser's address as
 * the webmail saw it (Express `req.ip`, which honours `trust proxy`), and a
 * short log id of the session. The mail servers learn it from the webmail
 * (IMAP ID, ManageSieve XCLIENT) so their penalties, per-IP limits and logs
 * see the real client instead of the webmail's own address.
 */
export interface ClientOrigin {
  ip: string;
  /** The browser's source port, only when the webmail saw the browser's own socket (no proxy in between). */
  port?: number;
  /** A short, non-reversible id of the session (sessionLogId()), never the cookie's id. */
  logId?: string;
}

/**
 * The address as the mail servers should read it, or null when it is not an
 * IP address. The check also guarantees that nothing but address characters
 * reaches a protocol line (no CR/LF, quotes or spaces). An IPv4-mapped IPv6
 * address (`::ffff:192.0.2.1`, what a dual-stack socket reports) becomes the
 * IPv4 address; an IPv6 zone (`%eth0`) is dropped, it means nothing elsewhere.
 */
export function plainAddress(raw: string | undefined): string | null {
  if (!raw) return null;
  const ip = raw.replace(/%.*$/, '').replace(/^::ffff:(?=\d{1,3}(?:\.\d{1,3}){3}$)/i, '');
  return isIP(ip) ? ip : null;
}

/**
 * The origin of one request. `socketAddress`/`socketPort` are the TCP peer's;
 * when `ip` differs from it a proxy sits in between and its port says nothing
 * about the browser, so none is sent.
 */
export function requestOrigin(req: { ip?: string; socket: { remoteAddress?: string; remotePort?: number } }, logId?: string): ClientOrigin | undefined {
  const ip = plainAddress(req.ip);
  if (!ip) return undefined;
  const direct = plainAddress(req.socket.remoteAddress) === ip;
  return { ip, ...(direct && req.socket.remotePort ? { port: req.socket.remotePort } : {}), ...(logId ? { logId } : {}) };
}

/** The fields of an origin that may go on a protocol line, each checked; absent ones are left out. */
export function originFields(origin: ClientOrigin | undefined): { ip: string; port?: number; logId?: string } | null {
  const ip = plainAddress(origin?.ip);
  if (!origin || !ip) return null;
  const port = Number.isInteger(origin.port) && origin.port! > 0 && origin.port! < 65536 ? origin.port : undefined;
  // Dovecot keeps session ids up to 64 characters (LOGIN_MAX_SESSION_ID_LEN); ours are hex.
  const logId = origin.logId && /^[0-9a-f]{1,64}$/.test(origin.logId) ? origin.logId : undefined;
  return { ip, ...(port ? { port } : {}), ...(logId ? { logId } : {}) };
}
