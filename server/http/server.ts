import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { SecretBox } from '../auth/secret-box.js';
import { SessionStore } from '../auth/sessions.js';
import { LoginThrottle } from '../auth/throttle.js';
import type { Config } from '../config/config.js';
import { createLogger, type Logger } from '../log/logger.js';
import { loadTlsPair } from '../tls/certificate.js';
import { createApp } from './app.js';
import { redirectToHttps } from './redirect.js';

export interface RunningServer {
  httpsPort: number;
  /** null when the redirect listener is off. */
  httpPort: number | null;
  sessions: SessionStore;
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

function close(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts the HTTPS app and the redirecting HTTP listener; port 0 picks free ports (tests). */
export async function start(config: Config, log: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const tls = await loadTlsPair({
    certFile: config.http.tlsCertFile,
    keyFile: config.http.tlsKeyFile,
    dataDir: config.dataDir,
    hostname: config.http.publicHost,
  });
  if (tls.selfSigned) log.warn('using a self-signed TLS certificate from the data directory; set WEBMAIL_TLS_CERT and WEBMAIL_TLS_KEY for production');

  const sessions = new SessionStore({ idleMs: config.session.idleMinutes * 60_000, maxAgeMs: config.session.maxHours * 3600_000 });
  const throttle = new LoginThrottle({
    perIp: config.login.maxFailuresPerIp,
    perAccount: config.login.maxFailuresPerAccount,
    windowMs: config.login.windowMinutes * 60_000,
  });
  const pruner = setInterval(() => throttle.prune(), 60_000);
  pruner.unref();
  const app = createApp({ config, sessions, throttle, secretBox: new SecretBox(config.session.secret), log });

  const httpsServer = https.createServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, app);
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
    async stop() {
      clearInterval(pruner);
      await Promise.all([close(httpsServer), httpServer ? close(httpServer) : Promise.resolve()]);
      await sessions.closeAll();
    },
  };
}
