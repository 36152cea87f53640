import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type Router } from 'express';
import { afterAll, beforeAll } from 'vitest';
import { AppError } from '../../../server/errors.js';
import type { Session } from '../../../server/session/sessions.js';

export interface RouteResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- whatever JSON the route answers; each test checks the shape it expects
}

export interface RouteServer {
  /** http://127.0.0.1:PORT */
  readonly base: string;
  /** One request as `user` (the x-test-user header; '' for none), JSON unless `body` is a Buffer; a fresh connection each time. */
  request(user: string, method: string, url: string, body?: Buffer | object, headers?: Record<string, string>): Promise<RouteResponse>;
}

/**
 * One feature's routes over real HTTP on loopback, for the file's tests: a
 * small express app with the JSON parser, the session taken from an
 * x-test-user header in place of the cookie, and AppErrors answered with
 * their status and body as the real app does. `routes` is called in
 * beforeAll, after the file's own earlier hooks built what it needs.
 */
export function useRouteServer(routes: () => Router): RouteServer {
  let server: http.Server | undefined;
  let base: string | undefined;
  beforeAll(async () => {
    const app = express();
    app.use(express.json());
    app.use((req, _res, next) => {
      const address = req.get('x-test-user');
      if (address) req.session = { address } as Session;
      next();
    });
    app.use(routes());
    const onError: ErrorRequestHandler = (err, _req, res, _next) => {
      const e = err instanceof AppError ? err : new AppError('INTERNAL', String(err));
      // Too late for a status once the answer has begun: drop the connection instead.
      if (res.headersSent) return void res.destroy();
      res.status(e.status).json(e.toBody());
    };
    app.use(onError);
    const s = app.listen(0, '127.0.0.1');
    server = s;
    await new Promise((r) => s.once('listening', r));
    base = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
  });
  const baseUrl = () => {
    if (!base) throw new Error('the route server runs only while the tests do');
    return base;
  };
  return {
    get base() {
      return baseUrl();
    },
    request(user, method, url, body, headers = {}) {
      const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
      const h: Record<string, string> = { 'x-test-user': user, ...headers };
      if (payload && !h['content-type']) h['content-type'] = 'application/json';
      return new Promise((resolve, reject) => {
        const req = http.request(new URL(url, baseUrl()), { method, headers: h, agent: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, headers: res.headers, json: raw ? JSON.parse(raw) : null });
          });
        });
        req.on('error', reject);
        req.end(payload);
      });
    },
  };
}
