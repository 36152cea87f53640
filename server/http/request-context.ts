import type { Session } from '../auth/sessions.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by the session middleware for logged-in requests. */
      session?: Session;
    }
  }
}

export {};
