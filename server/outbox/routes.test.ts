import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express, { type ErrorRequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPOSE_API, draftSchema, outboxListSchema } from '../../shared/compose.js';
import { SecretBox } from '../session/secret-box.js';
import type { Session } from '../session/sessions.js';
import { AppError } from '../errors.js';
import { createLogger } from '../log/logger.js';
import { SqliteOutboxStore } from '../store/outbox.js';
import { openDatabase, type Database } from '../store/db.js';
import { Outbox } from './outbox.js';
import { outboxRoutes } from './routes.js';

/** The outbox routes over loopback HTTP, in a small app with the session taken from a test header. */

let dir: string;
let db: Database;
let outbox: Outbox;
let server: http.Server;
let base: string;

const draft = draftSchema.parse({
  draftId: 'draft-0123456789abcdef',
  from: { name: '', address: 'ann@x.test' },
  to: [{ name: 'Carl', address: 'carl@x.test' }],
  cc: [],
  bcc: [],
  subject: 'Later',
  format: 'text',
  html: null,
  text: 'Hi',
  inReplyTo: null,
  references: [],
  attachments: [],
  source: { mode: 'new', message: null },
  attachMessage: null,
  savedAs: null,
});

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'outbox-routes-'));
  db = openDatabase(path.join(dir, 'webmail.sqlite'));
  outbox = new Outbox({
    store: new SqliteOutboxStore(db),
    dir: path.join(dir, 'outbox'),
    secretBox: new SecretBox('test secret for the outbox routes'),
    deliver: async () => undefined,
    onFailed: async () => undefined,
    log: createLogger('silent'),
  });
  outbox.start();
  const app = express();
  app.use((req, _res, next) => {
    const address = req.get('x-test-user');
    if (address) req.session = { address } as Session;
    next();
  });
  app.use(outboxRoutes(outbox));
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    const e = err instanceof AppError ? err : new AppError('INTERNAL', String(err));
    res.status(e.status).json(e.toBody());
  };
  app.use(onError);
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await outbox?.stop();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  db?.close();
  await rm(dir, { recursive: true, force: true });
});

function request(user: string, method: string, url: string): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- any JSON the route answers; the expectations check its shape
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(url, base), { method, headers: { 'x-test-user': user }, agent: false }, (res) => {
      let raw = '';
      res.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: raw ? JSON.parse(raw) : null }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('outbox routes', () => {
  it('lists the owner\'s waiting message, cancels it with its draft, and hides it from others', async () => {
    const raw = path.join(dir, 'built.eml');
    writeFileSync(raw, 'Subject: Later\r\n\r\nHi\r\n');
    const entry = outbox.schedule('ann@x.test', 'pw', { rawPath: raw, envelope: { from: 'ann@x.test', to: ['carl@x.test'] }, messageId: '<a@x>', size: 20 }, draft, new Date(Date.now() + 3_600_000));

    const list = await request('ann@x.test', 'GET', COMPOSE_API.outbox);
    expect(list.status).toBe(200);
    expect(outboxListSchema.parse(list.json).entries.map((e) => e.id)).toEqual([entry.id]);
    expect(outboxListSchema.parse((await request('bob@x.test', 'GET', COMPOSE_API.outbox)).json).entries).toEqual([]);

    const stolen = await request('bob@x.test', 'DELETE', COMPOSE_API.outboxEntry(entry.id));
    expect(stolen.status).toBe(404);
    expect(stolen.json.error.code).toBe('OUTBOX_NOT_FOUND');

    const cancelled = await request('ann@x.test', 'DELETE', COMPOSE_API.outboxEntry(entry.id));
    expect(cancelled.status).toBe(200);
    expect(draftSchema.parse(cancelled.json.draft)).toEqual(draft);
    expect(outboxListSchema.parse((await request('ann@x.test', 'GET', COMPOSE_API.outbox)).json).entries).toEqual([]);
  });

  it('answers 401 without a session', async () => {
    expect((await request('', 'GET', COMPOSE_API.outbox)).status).toBe(401);
  });
});
