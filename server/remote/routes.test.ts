import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteImagePath } from '../../shared/remote.js';
import type { Session } from '../session/sessions.js';
import { AppError } from '../errors.js';
import { createLogger } from '../log/logger.js';
import type { RemoteSenders } from '../store/remote-senders.js';
import { ImageProxy } from './image-proxy.js';
import { remoteRoutes } from './routes.js';

// The route's answer for an image that passes: its headers and bytes. The
// proxy is aimed at a loopback "remote" server by a policy injected here only;
// remote.int.test.ts proves the real app refuses loopback.

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(5000, 3)]);
let remote: http.Server;
let app: http.Server;
let remotePort: number;
let appPort: number;

beforeAll(async () => {
  remote = http.createServer((req, res) => {
    if (req.url === '/pixel') res.writeHead(200, { 'content-type': 'image/jpeg', 'set-cookie': 'track=1' }).end(PNG);
    else if (req.url === '/huge') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(PNG);
      const t = setInterval(() => res.write(Buffer.alloc(16 * 1024)), 1);
      res.on('close', () => clearInterval(t));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => remote.listen(0, '127.0.0.1', r));
  remotePort = (remote.address() as AddressInfo).port;

  const proxy = new ImageProxy({
    maxBytes: 64 * 1024,
    timeoutMs: 3000,
    policy: { isAllowedAddress: (a) => a === '127.0.0.1', allowedPorts: new Set([remotePort]) },
    resolve: async () => [{ address: '127.0.0.1', family: 4 }],
  });
  const e = express();
  e.use((req, _res, next) => {
    req.session = { address: 'alice@example.test' } as Session;
    next();
  });
  e.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store'); // as the API router does; the image route overrides it
    next();
  });
  e.use(remoteRoutes({ proxy, senders: {} as RemoteSenders, log: createLogger('silent') }));
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    const e2 = err instanceof AppError ? err : new AppError('INTERNAL', 'x');
    res.status(e2.status).json(e2.toBody());
  };
  e.use(onError);
  app = http.createServer(e);
  await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
  appPort = (app.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const s of [remote, app]) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

function get(path: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer; aborted: boolean }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: appPort, path }, (res) => {
        const chunks: Buffer[] = [];
        let aborted = false;
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('aborted', () => (aborted = true));
        res.on('error', () => (aborted = true));
        res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), aborted: aborted || !res.complete }));
      })
      .on('error', reject);
  });
}

describe('GET /api/remote-image, answering', () => {
  it('with the bytes, the sniffed type, nosniff, a sandboxing CSP and a private cache; no remote cookie passes', async () => {
    const res = await get(remoteImagePath(`http://images.example.com:${remotePort}/pixel`));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(res.headers['cache-control']).toBe('private, max-age=86400');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body.equals(PNG)).toBe(true);
  });

  it('cuts the answer off when a streamed image passes the cap', async () => {
    const res = await get(remoteImagePath(`http://images.example.com:${remotePort}/huge`));
    expect(res.status).toBe(200);
    expect(res.aborted).toBe(true);
    expect(res.body.length).toBeLessThanOrEqual(64 * 1024 + 16 * 1024);
  });

  it('with a coded error when the remote answers no image', async () => {
    const res = await get(remoteImagePath(`http://images.example.com:${remotePort}/missing`));
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body.toString()).error.code).toBe('REMOTE_FAILED');
  });
});
