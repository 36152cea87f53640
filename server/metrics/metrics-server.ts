import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/logger.js';
import { registry } from './metrics.js';

/** Loopback only: metrics name routes and load, which the public has no business reading (issue 6 part 6). */
export const METRICS_HOST = '127.0.0.1';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * A plain-HTTP listener of its own, separate from the public HTTPS app, so
 * a reverse proxy in front of the app can never expose /metrics by accident.
 * A Prometheus on the same machine (or an SSH tunnel) scrapes it.
 */
export async function startMetricsServer(port: number, log: Logger): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(text),
      (err: unknown) => {
        log.error({ err }, 'metrics collection failed');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics collection failed\n');
      },
    );
  });
  const bound = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, METRICS_HOST, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  log.info({ port: bound, host: METRICS_HOST }, 'metrics listening');
  return {
    port: bound,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
