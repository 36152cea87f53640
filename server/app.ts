import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { API } from '../shared/api.js';
import { bulkRoutes } from './bulk/routes.js';
import { mailRoutes } from './mail/routes.js';
import { threadRoutes } from './threads/routes.js';
import { folderRoutes } from './folders/routes.js';
import type { FolderEvents } from './push/folder-events.js';
import { filterRoutes } from './filters/routes.js';
import { searchRoutes } from './search/routes.js';
import { composeRoutes } from './compose/routes.js';
import { contactRoutes } from './contacts/routes.js';
import type { ContactsStore } from './store/contacts/store.js';
import type { Outbox } from './outbox/outbox.js';
import { outboxRoutes } from './outbox/routes.js';
import type { SubmissionLimits } from './smtp/limits.js';
import type { UploadStore } from './uploads/store.js';
import { uploadRoutes } from './uploads/routes.js';
import { authRoutes } from './auth/routes.js';
import type { SecretBox } from './session/secret-box.js';
import type { SessionStore } from './session/sessions.js';
import type { LoginThrottle } from './auth/throttle.js';
import type { Config } from './config/config.js';
import { AppError } from './errors.js';
import type { Logger } from './log/logger.js';
import { httpMetrics } from './metrics/metrics.js';
import type { RemoteSenders } from './store/remote-senders.js';
import type { IdentitiesStore } from './store/identities.js';
import { identityRoutes } from './identities/routes.js';
import { SenderIdentities } from './identities/sender.js';
import type { ImageProxy } from './remote/image-proxy.js';
import { remoteRoutes } from './remote/routes.js';
import { settingsRoutes } from './settings/routes.js';
import type { SettingsStore } from './store/settings.js';
import { readCookie, SESSION_COOKIE, clearSessionCookie } from './http/cookies.js';
import { redirectAliases } from './http/aliases.js';
import { healthRoutes } from './http/health.js';
import './http/request-context.js';
import { requireCsrf, sameOriginOnly, securityHeaders } from './http/security.js';
import { requestOrigin } from './net/client-origin.js';

export interface AppDeps {
  config: Config;
  sessions: SessionStore;
  throttle: LoginThrottle;
  secretBox: SecretBox;
  log: Logger;
  uploads: UploadStore;
  outbox: Outbox;
  limits: SubmissionLimits;
  remoteSenders: RemoteSenders;
  identities: IdentitiesStore;
  /** null when remote images are turned off. */
  imageProxy: ImageProxy | null;
  contacts: ContactsStore;
  settings: SettingsStore;
  /** Folder-list changes, for push to the account's other tabs; absent in apps built without push. */
  folderEvents?: FolderEvents;
}

/** Requests that need no session: "who am I" answers 401 itself, login creates one. */
function isPublic(method: string, url: string): boolean {
  return url === API.session && (method === 'GET' || method === 'POST');
}

function sessionMiddleware(sessions: SessionStore): RequestHandler {
  return async (req, _res, next) => {
    const session = await sessions.get(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (session) {
      req.session = session;
      // Connections this request opens name this browser to the IMAP server (DESIGN.md §9).
      session.mail.seenFrom(requestOrigin(req));
    }
    if (isPublic(req.method, req.path)) return next();
    if (!session) return next(new AppError('NOT_AUTHENTICATED', 'Not signed in.'));
    requireCsrf(req);
    next();
  };
}

const REFUSALS_TO_LOG = new Set(['CSRF_FAILED', 'FORBIDDEN_ORIGIN', 'MESSAGE_TOO_LARGE', 'VALIDATION_FAILED', 'REMOTE_REFUSED']);

function errorHandler(sessions: SessionStore, log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let appError: AppError;
    if (err instanceof AppError) appError = err;
    else if (err?.type === 'entity.too.large') appError = new AppError('MESSAGE_TOO_LARGE', 'The request is too large.');
    else if (err?.type === 'entity.parse.failed') appError = new AppError('VALIDATION_FAILED', 'The request body is not valid JSON.');
    else {
      log.error({ err, url: req.originalUrl }, 'unhandled error');
      appError = new AppError('INTERNAL', 'Something went wrong on the server.');
    }
    // A session whose password stopped working (changed on the server) cannot continue.
    if (appError.code === 'AUTH_FAILED' && req.session && !isPublic(req.method, req.path)) {
      void sessions.destroy(req.session.id);
      clearSessionCookie(res);
      appError = new AppError('SESSION_EXPIRED', 'The mail server no longer accepts this session; sign in again.');
    }
    if (appError.code === 'IMAP_UNAVAILABLE' || appError.code === 'IMAP_ERROR') {
      log.warn({ code: appError.code, cause: String((appError.cause as Error)?.message ?? ''), url: req.originalUrl }, 'IMAP request failed');
    }
    if (REFUSALS_TO_LOG.has(appError.code)) {
      // Requests an attacker would make: one line each, with the client address, for the admin's tools.
      log.warn({ event: 'request.refused', code: appError.code, ip: req.ip, method: req.method, url: req.originalUrl }, `webmail refused ${appError.code} from ${req.ip}`);
    }
    if (appError.code === 'RATE_LIMITED' && appError.extra.retryAfter) res.set('Retry-After', String(appError.extra.retryAfter));
    if (res.headersSent) return void res.destroy();
    res.status(appError.status).json(appError.toBody());
  };
}

/** Builds the HTTPS app (STYLE.md §7): every dependency passed in, nothing read from the environment here. */
export function createApp(deps: AppDeps): Express {
  const { config, sessions, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.use(httpMetrics());
  app.set('trust proxy', config.http.trustProxy);
  app.use(securityHeaders({ hsts: config.http.hsts }));
  app.use(redirectAliases(config.http.hostAliases, config.http.publicHost));
  app.use(compression());
  app.use(healthRoutes(config));

  const api = express.Router();
  api.use(express.json({ limit: '8mb' }));
  api.use(sameOriginOnly(`https://${config.http.publicHost}`));
  api.use(sessionMiddleware(sessions));
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(authRoutes(deps));
  api.use(threadRoutes());
  api.use(mailRoutes());
  api.use(folderRoutes(deps.folderEvents ?? null));
  api.use(searchRoutes(config));
  api.use(bulkRoutes({ log }));
  api.use(uploadRoutes(deps.uploads));
  api.use(outboxRoutes(deps.outbox));
  api.use(remoteRoutes({ proxy: deps.imageProxy, senders: deps.remoteSenders, log }));
  api.use(contactRoutes({ store: deps.contacts }));
  api.use(settingsRoutes(deps.settings));
  api.use(identityRoutes({ store: deps.identities, policy: config.identities.addresses }));
  api.use(filterRoutes({ sieve: config.sieve, log }));
  api.use(
    composeRoutes({
      config,
      uploads: deps.uploads,
      identities: new SenderIdentities(deps.identities, config.identities.addresses),
      outbox: deps.outbox,
      limits: deps.limits,
      secretBox: deps.secretBox,
      uploadChunkBytes: deps.uploads.chunkBytes,
      settings: deps.settings,
    }),
  );
  api.use((_req, _res, next) => next(new AppError('NOT_FOUND', 'No such API endpoint.')));
  // Mounted without a prefix so routes match the full paths in shared/api.ts.
  app.use((req, res, next) => (req.path === '/api' || req.path.startsWith('/api/') ? api(req, res, next) : next()));

  // Metrics live on their own loopback listener; here the path is just absent, not the SPA.
  app.all('/metrics', (_req, _res, next) => next(new AppError('NOT_FOUND', 'No such endpoint.')));

  const staticDir = config.http.staticDir;
  const index = path.join(staticDir, 'index.html');
  // Hashed asset names never change content, so they may be cached for a year.
  app.use('/assets', express.static(path.join(staticDir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  app.use(
    express.static(staticDir, {
      index: false,
      maxAge: 0,
      // The service worker must be revalidated on every check, or a deploy's new shell list waits for the cache.
      setHeaders: (res, file) => void (path.basename(file) === 'sw.js' && res.setHeader('Cache-Control', 'no-cache')),
    }),
  );
  app.get(/^\/(?!api\/).*/, (_req, res) => {
    if (!existsSync(index)) return void res.status(503).type('text/plain').send('The web client is not built: run npm run build.');
    res.set('Cache-Control', 'no-cache');
    res.sendFile(index);
  });

  app.use(errorHandler(sessions, log));
  return app;
}
