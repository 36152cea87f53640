import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/config/config.js';
import { start, type RunningServer, type StartHooks } from '../../server/start.js';
import { createLogger } from '../../server/log/logger.js';

export interface TestWebmail {
  /** https://127.0.0.1:PORT — also the public host, so Origin checks pass for the browser. */
  url: string;
  httpUrl: string;
  /** The self-signed certificate the server generated, to verify it instead of turning verification off. */
  caPem: string;
  readonly server: RunningServer;
  /** The data directory (the SQLite file, uploads, outbox), kept across restarts. */
  dataDir: string;
  stop(): Promise<void>;
  /**
   * Stops the server and starts another process's worth of it on the same
   * port, data directory and configuration, as `systemctl restart` would;
   * `overrides` change settings for the new start (a rotated secret).
   */
  restart(overrides?: Record<string, string>): Promise<void>;
}

/** A free loopback port, known before the server starts so the public host can name it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the real webmail server (as `npm start` would) against the given mail stack settings. */
export async function startWebmail(
  stackEnv: Record<string, string>,
  overrides: Record<string, string> = {},
  opts: { logFile?: string; httpsPort?: number; hooks?: StartHooks } = {},
): Promise<TestWebmail> {
  const httpsPort = opts.httpsPort ?? (await freePort());
  const dataDir = mkdtempSync(path.join(tmpdir(), 'webmail-test-'));
  const env = {
    ...stackEnv,
    WEBMAIL_LISTEN_HOST: '127.0.0.1',
    WEBMAIL_HTTPS_PORT: String(httpsPort),
    WEBMAIL_HTTP_PORT: '0',
    WEBMAIL_PUBLIC_HOST: `127.0.0.1:${httpsPort}`,
    WEBMAIL_DATA_DIR: dataDir,
    WEBMAIL_SESSION_SECRET: randomBytes(32).toString('hex'),
    WEBMAIL_LOG_LEVEL: process.env.WEBMAIL_TEST_LOG_LEVEL ?? 'silent',
    ...overrides,
  };
  const launch = (config: Config) => start(config, createLogger(opts.logFile ? 'info' : config.logLevel, opts.logFile), opts.hooks);
  const config = loadConfig(env);
  let server = await launch(config);
  return {
    url: `https://127.0.0.1:${server.httpsPort}`,
    httpUrl: `http://127.0.0.1:${server.httpPort}`,
    caPem: readFileSync(path.join(config.dataDir, 'tls', 'self-signed.crt'), 'utf8'),
    get server() {
      return server;
    },
    dataDir,
    stop: () => server.stop(),
    async restart(more = {}) {
      await server.stop();
      // The redirect listener's port was picked at random; the HTTPS port stays, so URLs and Origin checks still hold.
      server = await launch(loadConfig({ ...env, ...more, WEBMAIL_HTTP_PORT: '0' }));
    },
  };
}
