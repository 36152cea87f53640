import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { SecretBox } from './session/secret-box.js';
import { SessionStore } from './session/sessions.js';
import { LoginThrottle } from './auth/throttle.js';
import type { Config } from './config/config.js';
import { createLogger, type Logger } from './log/logger.js';
import { loadTlsPair } from './tls/certificate.js';
import path from 'node:path';
import { createDeliverer } from './compose/deliver.js';
import { recipientCollector, type ShouldCollect } from './contacts/collect.js';
import { SqliteContactsStore } from './store/contacts/sqlite.js';
import { openDatabase } from './store/db.js';
import { Outbox } from './outbox/outbox.js';
import { SqliteOutboxStore } from './store/outbox.js';
import { SqliteSessionRecords, sessionLogId } from './store/sessions.js';
import { claimDataDir } from './store/data-dir.js';
import { MailSession } from './imap/session.js';
import { SubmissionLimits } from './smtp/limits.js';
import { UploadStore } from './uploads/store.js';
import { startMetricsServer, type MetricsServer } from './metrics/metrics-server.js';
import { trackSources } from './metrics/metrics.js';
import { RemoteSenders } from './store/remote-senders.js';
import { settingsOwner, SqliteSettingsStore } from './store/settings.js';
import { DEFAULT_SETTINGS } from '../shared/settings.js';
import { SqliteIdentities } from './store/identities.js';
import { ImageProxy } from './remote/image-proxy.js';
import { createApp } from './app.js';
import { redirectToHttps } from './http/redirect.js';
import { attachPush, type PushHub } from './push/hub.js';
import { FolderEvents } from './push/folder-events.js';

export interface RunningServer {
  httpsPort: number;
  /** null when the redirect listener is off. */
  httpPort: number | null;
  sessions: SessionStore;
  uploads: UploadStore;
  outbox: Outbox;
  /** null when WEBMAIL_METRICS_PORT is off. */
  metricsPort: number | null;
  push: PushHub;
  stop(): Promise<void>;
}

function listen(server: http.Server | https.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Stops accepting and lets requests under way finish (a bulk action's
 * stream, an upload, a search) for up to `graceMs`, then cuts what is left
 * (issue 12). Keep-alive connections are closed as soon as they fall idle.
 */
function drain(server: http.Server | https.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** What start() can be given besides the configuration: answers owned by other stores (and tests). */
export interface StartHooks {
  /** The user's "collect recipients" setting; every user collects until the settings store answers it. */
  shouldCollect?: ShouldCollect;
}

/** Starts the HTTPS app and the redirecting HTTP listener; port 0 picks free ports (tests). */
export async function start(config: Config, log: Logger = createLogger(config.logLevel), hooks: StartHooks = {}): Promise<RunningServer> {
  // First: an unusable data directory, or one another process holds, stops the start here.
  const dataDir = claimDataDir(config.dataDir);
  const tls = await loadTlsPair({
    certFile: config.http.tlsCertFile,
    keyFile: config.http.tlsKeyFile,
    dataDir: config.dataDir,
    hostname: config.http.publicHost,
  });
  if (tls.selfSigned) log.warn('using a self-signed TLS certificate from the data directory; set WEBMAIL_TLS_CERT and WEBMAIL_TLS_KEY for production');

  const db = openDatabase(path.join(config.dataDir, 'webmail.sqlite'));
  const secretBox = new SecretBox(config.session.secret, { previousSecret: config.session.previousSecret });
  const sessions = new SessionStore({
    idleMs: config.session.idleMinutes * 60_000,
    maxAgeMs: config.session.maxHours * 3600_000,
    records: new SqliteSessionRecords(db),
    resume: (record) => {
      // Opened once here: an altered or unknown sealing ends the session now, not at its first IMAP reconnect.
      const { plain, stale } = secretBox.opened(record.sealedPassword);
      const sealed = stale ? secretBox.seal(plain) : record.sealedPassword;
      const mail = MailSession.resume(config.imap, () => ({ user: record.address, pass: secretBox.open(sealed) }), sessionLogId(record.key));
      return { mail, resealed: stale ? sealed : null };
    },
    onRefused: (address, err) => log.warn({ event: 'session.refused', user: address, reason: (err as Error)?.message }, 'a stored session could not be opened; it is signed out'),
  });
  const throttle = new LoginThrottle({
    perIp: config.login.maxFailuresPerIp,
    perAccount: config.login.maxFailuresPerAccount,
    windowMs: config.login.windowMinutes * 60_000,
  });
  const pruner = setInterval(() => throttle.prune(), 60_000);
  pruner.unref();
  const uploads = new UploadStore({ dir: path.join(config.dataDir, 'uploads'), maxBytes: config.compose.maxMessageBytes, chunkBytes: 1024 * 1024 });
  const limits = new SubmissionLimits(config);
  // The admin's undo delay is the default of every user who never chose their own.
  const settings = new SqliteSettingsStore(db, { defaults: { ...DEFAULT_SETTINGS, undoSendSeconds: config.compose.undoSeconds }, log });
  const contacts = new SqliteContactsStore(db);
  // Recipients of sent mail join the address book when the user's "collect recipients" setting is on.
  const shouldCollect = hooks.shouldCollect ?? ((owner: string) => settings.get(settingsOwner(owner)).collectRecipients);
  const onSubmitted = recipientCollector({ store: contacts, shouldCollect, log });
  const { deliver, onFailed } = createDeliverer({ config, limits, log, onSubmitted });
  const outbox = new Outbox({ store: new SqliteOutboxStore(db), dir: path.join(config.dataDir, 'outbox'), secretBox, deliver, onFailed, log });
  outbox.start();
  // Uploads never attached to a sent message (a closed tab, a discarded draft) go after a day.
  const uploadSweeper = setInterval(() => void uploads.sweep(24 * 3600_000).catch((err) => log.warn({ err }, 'upload sweep failed')), 3600_000);
  uploadSweeper.unref();
  const remoteSenders = new RemoteSenders(db);
  const identities = new SqliteIdentities(db);
  const imageProxy = config.remoteImages.enabled ? new ImageProxy({ maxBytes: config.remoteImages.maxBytes, timeoutMs: config.remoteImages.timeoutMs }) : null;
  const untrack = trackSources({ sessions, outbox });
  const metrics: MetricsServer | null = config.metrics.port === null ? null : await startMetricsServer(config.metrics.port, log);
  const folderEvents = new FolderEvents();
  const app = createApp({ config, sessions, throttle, secretBox, log, uploads, outbox, limits, remoteSenders, imageProxy, contacts, settings, identities, folderEvents });

  const httpsServer = https.createServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, app);
  const push = attachPush(httpsServer, { config, sessions, log, folderEvents });
  const httpsPort = await listen(httpsServer, config.http.httpsPort, config.http.listenHost);
  let httpServer: http.Server | null = null;
  let httpPort: number | null = null;
  if (config.http.httpPort !== null) {
    httpServer = http.createServer(redirectToHttps(config.http.publicHost));
    httpPort = await listen(httpServer, config.http.httpPort, config.http.listenHost);
  }
  log.info({ httpsPort, httpPort, publicHost: config.http.publicHost, imap: `${config.imap.host}:${config.imap.port}` }, 'webmail listening');

  return {
    httpsPort,
    httpPort,
    sessions,
    uploads,
    outbox,
    metricsPort: metrics?.port ?? null,
    push,
    async stop() {
      untrack();
      await metrics?.close();
      clearInterval(pruner);
      await push.close();
      clearInterval(uploadSweeper);
      await Promise.all([drain(httpsServer, config.shutdown.graceMs), httpServer ? drain(httpServer, 0) : Promise.resolve()]);
      // Sends under way finish; waiting messages stay in the database for the next start.
      await outbox.stop();
      // Sessions stay stored for the next start; their IMAP connections close.
      await sessions.closeAll();
      db.close();
      dataDir.release();
    },
  };
}
