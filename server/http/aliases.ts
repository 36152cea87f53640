import type { RequestHandler } from 'express';

/**
 * Sends requests for an alias (webmail.example.com) to the same path on the
 * canonical host. Only configured names redirect, and the target comes from
 * configuration, so a forged Host header can never make an open redirect.
 */
export function redirectAliases(aliases: string[], publicHost: string): RequestHandler {
  const names = new Set(aliases);
  return (req, res, next) => {
    if (names.size === 0 || !names.has((req.hostname ?? '').toLowerCase())) return next();
    const path = req.originalUrl.startsWith('/') && !req.originalUrl.startsWith('//') ? req.originalUrl : '/';
    res.redirect(301, `https://${publicHost}${path}`);
  };
}
