import type { Response } from 'express';

/**
 * The session cookie. The __Host- prefix makes the browser refuse it unless it
 * is Secure, host-only and Path=/, so no sibling subdomain can plant or read it.
 */
export const SESSION_COOKIE = '__Host-webmail-session';

/** Reads one cookie from a Cookie header without trusting its shape. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const piece of header.split(';')) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    if (piece.slice(0, eq).trim() === name) {
      const value = piece.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

export function setSessionCookie(res: Response, id: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, id, { httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: maxAgeMs });
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'lax', path: '/' });
}
