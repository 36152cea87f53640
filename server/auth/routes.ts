import { Router, type Request } from 'express';
import { API, loginRequestSchema, type SessionInfo } from '../../shared/api.js';
import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import { MailSession } from '../imap/session.js';
import { clearSessionCookie, setSessionCookie } from '../http/cookies.js';
import { parseInput } from '../http/validate.js';
import type { Logger } from '../log/logger.js';
import { countLogin } from '../metrics/metrics.js';
import type { SecretBox } from '../session/secret-box.js';
import { newToken, type Session, type SessionStore } from '../session/sessions.js';
import { requestOrigin } from '../net/client-origin.js';
import { sessionKey, sessionLogId } from '../store/sessions.js';
import type { LoginThrottle } from './throttle.js';

export interface AuthDeps {
  config: Config;
  sessions: SessionStore;
  throttle: LoginThrottle;
  secretBox: SecretBox;
  log: Logger;
}

export function sessionInfo(session: Session, config: Config): SessionInfo {
  return { user: { address: session.address }, csrfToken: session.csrfToken, idleTimeoutSeconds: config.session.idleMinutes * 60 };
}

/** Login, logout and "who am I". The IMAP host is the configured one, never the user's choice (DESIGN.md §1). */
export function authRoutes(deps: AuthDeps): Router {
  const { config, sessions, throttle, secretBox, log } = deps;
  const router = Router();

  router.get(API.session, (req, res) => {
    if (!req.session) throw new AppError('NOT_AUTHENTICATED', 'Not signed in.');
    res.json(sessionInfo(req.session, config));
  });

  router.post(API.session, async (req: Request, res) => {
    const { address, password } = parseInput(loginRequestSchema, req.body);
    const ip = req.ip ?? 'unknown';
    const wait = throttle.retryAfter(ip, address);
    if (wait > 0) {
      countLogin('throttled');
      log.warn({ event: 'auth.throttled', ip, user: address }, `webmail login throttled for ${address} from ${ip}`);
      throw new AppError('RATE_LIMITED', 'Too many failed sign-in attempts; wait and try again.', { retryAfter: wait });
    }
    const sealed = secretBox.seal(password);
    // The id is drawn now so the IMAP login already carries its log id (x-session-id) with the browser's address.
    const id = newToken();
    let mail: MailSession;
    try {
      mail = await MailSession.open(config.imap, () => ({ user: address, pass: secretBox.open(sealed) }), requestOrigin(req, sessionLogId(sessionKey(id))));
    } catch (err) {
      if (err instanceof AppError && err.code === 'AUTH_FAILED') {
        throttle.recordFailure(ip, address);
        countLogin('failure');
        // One line an admin's fail2ban can match: "webmail auth failure ... from <ip>".
        log.warn({ event: 'auth.failure', ip, user: address }, `webmail auth failure for ${address} from ${ip}`);
      } else {
        countLogin('error');
        log.error({ event: 'auth.imap_unavailable', err: (err as Error)?.cause ?? err }, 'IMAP login failed for a reason other than credentials');
      }
      throw err;
    }
    throttle.recordSuccess(address);
    countLogin('success');
    // Logging in again from the same browser replaces the old session.
    const previous = req.session;
    if (previous) await sessions.destroy(previous.id);
    const session = sessions.create(address, mail, sealed, id);
    setSessionCookie(res, session.id, config.session.maxHours * 3600_000);
    log.info({ event: 'auth.login', ip, user: address }, 'login');
    res.json(sessionInfo(session, config));
  });

  router.delete(API.session, async (req, res) => {
    if (req.session) {
      await sessions.destroy(req.session.id);
      log.info({ event: 'auth.logout', user: req.session.address }, 'logout');
    }
    clearSessionCookie(res);
    res.status(204).end();
  });

  return router;
}
