import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { CSRF_HEADER } from '../../shared/api.js';
import { AppError } from '../errors.js';
import { tokensEqual } from '../session/sessions.js';

/**
 * The app's own CSP (DESIGN.md §5): no inline script, no eval. Inline styles
 * are allowed because HTML mail carries its CSS in <style> elements and the
 * sandboxed srcdoc iframe inherits this policy; style cannot run code.
 * Images come from the webmail itself and data: only: remote images in mail
 * load through the webmail's image proxy (/api/remote-image) once the user
 * asks, so no page of the app ever makes a request to a tracker's server.
 */
export function securityHeaders(opts: { hsts: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
      },
    },
    strictTransportSecurity: opts.hsts ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  });
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses state-changing requests from other sites: the browser's own
 * Sec-Fetch-Site and Origin must agree with the configured public origin.
 * Together with JSON-only bodies (which a cross-site form cannot send without
 * a CORS preflight we never grant), this covers login, where no token exists yet.
 */
export function sameOriginOnly(publicOrigin: string): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!UNSAFE_METHODS.has(req.method)) return next();
    const site = req.get('sec-fetch-site');
    const origin = req.get('origin');
    if ((site && site !== 'same-origin' && site !== 'none') || (origin && origin !== publicOrigin)) {
      return next(new AppError('FORBIDDEN_ORIGIN', 'Requests from other sites are refused.'));
    }
    next();
  };
}

/** The synchroniser-token check for every state-changing request of a logged-in session. */
export function requireCsrf(req: Request): void {
  if (!UNSAFE_METHODS.has(req.method)) return;
  const sent = req.get(CSRF_HEADER);
  const expected = req.session?.csrfToken;
  if (!sent || !expected || !tokensEqual(sent, expected)) {
    throw new AppError('CSRF_FAILED', 'The request is missing its security token; reload the page.');
  }
}
