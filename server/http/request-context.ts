import type { Request } from 'express';
import type { Session } from '../session/sessions.js';
import { AppError } from '../errors.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- augmenting Express's Request is done through its global namespace
  namespace Express {
    interface Request {
      /** Set by the session middleware for logged-in requests. */
      session?: Session;
    }
  }
}

/** The logged-in session of a request behind the session middleware; NOT_AUTHENTICATED otherwise. */
export function sessionOf(req: Request): Session {
  if (!req.session) throw new AppError('NOT_AUTHENTICATED', 'Not signed in.');
  return req.session;
}
