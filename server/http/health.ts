import { connect } from 'node:net';
import { Router } from 'express';
import type { Config } from '../config/config.js';

/** Whether a TCP connection to host:port opens within `timeoutMs`. */
function reachable(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Probes for load balancers and systemd/Kubernetes-style supervisors:
 * /healthz says the process answers; /readyz also that the IMAP server can be
 * reached (checked at most every few seconds, so a probe storm never becomes
 * a connection storm on the mail server). Neither reveals anything else.
 */
export function healthRoutes(config: Config, cacheMs = 5_000): Router {
  const router = Router();
  let last: { at: number; ok: boolean } | null = null;
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (!last || Date.now() - last.at > cacheMs) last = { at: Date.now(), ok: await reachable(config.imap.host, config.imap.port, 2_000) };
    res.set('Cache-Control', 'no-store').status(last.ok ? 200 : 503).json({ status: last.ok ? 'ready' : 'imap-unreachable' });
  });
  return router;
}
