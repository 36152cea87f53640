import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useRouteServer } from '../../e2e/support/unit/route-server.js';
import { useTempDatabase } from '../../e2e/support/unit/temp-db.js';
import { blankDraft, COMPOSE_API, draftSchema, outboxListSchema } from '../../shared/compose.js';
import { SecretBox } from '../session/secret-box.js';
import { createLogger } from '../log/logger.js';
import { SqliteOutboxStore } from '../store/outbox.js';
import { Outbox } from './outbox.js';
import { outboxRoutes } from './routes.js';

/** The outbox routes over loopback HTTP, in a small app with the session taken from a test header. */

const temp = useTempDatabase('outbox-routes-', { scope: 'file' });
let outbox: Outbox;

const draft = draftSchema.parse({
  ...blankDraft('draft-0123456789abcdef', { name: '', address: 'ann@x.test' }),
  to: [{ name: 'Carl', address: 'carl@x.test' }],
  subject: 'Later',
  format: 'text',
  html: null,
  text: 'Hi',
});

beforeAll(() => {
  outbox = new Outbox({
    store: new SqliteOutboxStore(temp.db),
    dir: path.join(temp.dir, 'outbox'),
    secretBox: new SecretBox('test secret for the outbox routes'),
    deliver: async () => undefined,
    onFailed: async () => undefined,
    log: createLogger('silent'),
  });
  outbox.start();
});

afterAll(async () => {
  await outbox?.stop();
});

const { request } = useRouteServer(() => outboxRoutes(outbox));

describe('outbox routes', () => {
  it('lists the owner\'s waiting message, cancels it with its draft, and hides it from others', async () => {
    const raw = path.join(temp.dir, 'built.eml');
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
