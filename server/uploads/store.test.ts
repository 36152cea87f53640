import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTempDir } from '../../e2e/support/unit/temp-db.js';
import { AppError } from '../errors.js';
import { ownerDir, UploadStore } from './store.js';

const ANN = 'ann@example.test';
const BOB = 'bob@example.test';
const CHUNK = 64 * 1024;

const temp = useTempDir('uploads-test-');
let store: UploadStore;
let clock: number;

beforeEach(() => {
  clock = Date.now();
  store = new UploadStore({ dir: temp.path, maxBytes: 1024 * 1024, chunkBytes: CHUNK, now: () => clock });
});

/** A body that arrives in small pieces, as from a network socket. */
function body(bytes: Buffer, piece = 8 * 1024): Readable {
  return Readable.from((function* () {
    for (let i = 0; i < bytes.length; i += piece) yield bytes.subarray(i, i + piece);
  })());
}

/** A body that delivers `sent` bytes, then fails like a dropped connection. */
function droppedBody(bytes: Buffer, sent: number): Readable {
  return Readable.from((async function* () {
    yield bytes.subarray(0, sent);
    await new Promise((r) => setTimeout(r, 20));
    throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
  })());
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }
  throw new Error('expected a failure');
}

describe('UploadStore', () => {
  it('creates an upload with a cleaned name, a random id, and private files in the owner directory', async () => {
    const u = await store.create(ANN, { filename: '../../x/.secret\r\n.pdf', contentType: 'application/PDF; x=y', size: 10 });
    expect(u).toMatchObject({ owner: ANN, filename: 'secret.pdf', contentType: 'application/pdf', size: 10, received: 0, complete: false });
    expect(u.uploadId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(u.path).toBe(path.join(temp.path, ownerDir(ANN), u.uploadId));
    expect(ownerDir(ANN)).toMatch(/^[0-9a-f]{16}$/);
    expect(statSync(u.path).mode & 0o777).toBe(0o600);
    expect(statSync(`${u.path}.json`).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(u.path)).sort()).toEqual([u.uploadId, `${u.uploadId}.json`].sort());
  });

  it('refuses a size over the limit before any byte is sent', async () => {
    expect(await codeOf(store.create(ANN, { filename: 'big.bin', contentType: 'x/y', size: 1024 * 1024 + 1 }))).toBe('MESSAGE_TOO_LARGE');
  });

  it("caps an owner's total of unsent uploads", async () => {
    for (let i = 0; i < 4; i++) await store.create(ANN, { filename: 'a', contentType: 'x/y', size: 1024 * 1024 });
    expect(await codeOf(store.create(ANN, { filename: 'a', contentType: 'x/y', size: 1 }))).toBe('MESSAGE_TOO_LARGE');
    // Someone else's budget is their own.
    await store.create(BOB, { filename: 'a', contentType: 'x/y', size: 1 });
  });

  it('appends chunks, resumes after a chunk cut off halfway, refuses wrong offsets and extra bytes', async () => {
    const data = randomBytes(3 * CHUNK + 1234);
    const u = await store.create(ANN, { filename: 'photo.jpg', contentType: 'image/jpeg', size: data.length });

    let s = await store.append(ANN, u.uploadId, 0, body(data.subarray(0, CHUNK)));
    expect(s).toMatchObject({ received: CHUNK, complete: false });

    // The link drops after 10,000 bytes of the second chunk: those stay, and the upload resumes there.
    expect(await codeOf(store.append(ANN, u.uploadId, CHUNK, droppedBody(data.subarray(CHUNK, 2 * CHUNK), 10_000)))).toBe('UPLOAD_INCOMPLETE');
    s = await store.status(ANN, u.uploadId);
    expect(s.received).toBe(CHUNK + 10_000);

    // A client that did not notice the drop retries from its old offset: refused, nothing written.
    expect(await codeOf(store.append(ANN, u.uploadId, CHUNK, body(data.subarray(CHUNK, 2 * CHUNK))))).toBe('UPLOAD_OFFSET_MISMATCH');
    expect((await store.status(ANN, u.uploadId)).received).toBe(CHUNK + 10_000);

    // A chunk larger than chunkBytes is refused; what it wrote before the limit is the client's own data.
    expect(await codeOf(store.append(ANN, u.uploadId, s.received, body(data.subarray(s.received, s.received + CHUNK + 1))))).toBe('MESSAGE_TOO_LARGE');
    s = await store.status(ANN, u.uploadId);
    expect(s.received).toBeGreaterThanOrEqual(CHUNK + 10_000);
    expect(s.received).toBeLessThanOrEqual(2 * CHUNK + 10_000);

    while (s.received < data.length) {
      const end = Math.min(s.received + CHUNK, data.length);
      s = await store.append(ANN, u.uploadId, s.received, body(data.subarray(s.received, end)));
    }
    expect(s).toMatchObject({ received: data.length, complete: true });
    expect(readFileSync(s.path).equals(data)).toBe(true);

    // Not one byte beyond the announced size.
    expect(await codeOf(store.append(ANN, u.uploadId, data.length, body(Buffer.from('x'))))).toBe('MESSAGE_TOO_LARGE');
    expect(statSync(s.path).size).toBe(data.length);
  });

  it('keeps the bytes up to the announced size when a chunk runs past it', async () => {
    const u = await store.create(ANN, { filename: 'a.txt', contentType: 'text/plain', size: 5 });
    expect(await codeOf(store.append(ANN, u.uploadId, 0, body(Buffer.from('hello world'), 11)))).toBe('MESSAGE_TOO_LARGE');
    expect(statSync(u.path).size).toBeLessThanOrEqual(5);
  });

  it('a resumed append ends a stale one still waiting on a dead connection', async () => {
    const u = await store.create(ANN, { filename: 'a.bin', contentType: 'x/y', size: 20 });
    const stale = new Readable({ read() {} });
    stale.push(Buffer.alloc(5, 1));
    const first = store.append(ANN, u.uploadId, 0, stale);
    await new Promise((r) => setTimeout(r, 20));
    const s = await store.status(ANN, u.uploadId);
    const second = store.append(ANN, u.uploadId, s.received, body(Buffer.alloc(20 - s.received, 2)));
    expect(await codeOf(first)).toBe('UPLOAD_INCOMPLETE');
    expect(await second).toMatchObject({ received: 20, complete: true });
  });

  it('requireComplete refuses a partial upload', async () => {
    const u = await store.create(ANN, { filename: 'a.txt', contentType: 'text/plain', size: 4 });
    await store.append(ANN, u.uploadId, 0, body(Buffer.from('ab')));
    expect(await codeOf(store.requireComplete(ANN, u.uploadId))).toBe('UPLOAD_INCOMPLETE');
    await store.append(ANN, u.uploadId, 2, body(Buffer.from('cd')));
    expect(await store.requireComplete(ANN, u.uploadId)).toMatchObject({ complete: true, received: 4 });
  });

  it("another owner's id is UPLOAD_NOT_FOUND for every operation, and so are malformed ids", async () => {
    const u = await store.create(ANN, { filename: 'a.txt', contentType: 'text/plain', size: 1 });
    expect(await codeOf(store.status(BOB, u.uploadId))).toBe('UPLOAD_NOT_FOUND');
    expect(await codeOf(store.append(BOB, u.uploadId, 0, body(Buffer.from('x'))))).toBe('UPLOAD_NOT_FOUND');
    expect(await codeOf(store.requireComplete(BOB, u.uploadId))).toBe('UPLOAD_NOT_FOUND');
    expect(await codeOf(store.remove(BOB, u.uploadId))).toBe('UPLOAD_NOT_FOUND');
    expect(await codeOf(store.status(ANN, '../' + u.uploadId.slice(3)))).toBe('UPLOAD_NOT_FOUND');
    expect(await codeOf(store.status(ANN, 'x'.repeat(32)))).toBe('UPLOAD_NOT_FOUND');
    expect((await store.status(ANN, u.uploadId)).received).toBe(0);
  });

  it('createFromStream stores bytes the server has, complete, and refuses more than the limit', async () => {
    const data = randomBytes(100_000);
    const u = await store.createFromStream(ANN, { filename: 'from draft.png', contentType: 'image/png' }, body(data));
    expect(u).toMatchObject({ size: data.length, received: data.length, complete: true, filename: 'from draft.png' });
    expect(readFileSync((await store.requireComplete(ANN, u.uploadId)).path).equals(data)).toBe(true);

    const before = readdirSync(path.join(temp.path, ownerDir(ANN))).length;
    expect(await codeOf(store.createFromStream(ANN, { filename: 'x', contentType: 'x/y' }, body(randomBytes(1024 * 1024 + 1))))).toBe('MESSAGE_TOO_LARGE');
    expect(readdirSync(path.join(temp.path, ownerDir(ANN)))).toHaveLength(before);
  });

  it('remove deletes both files', async () => {
    const u = await store.create(ANN, { filename: 'a.txt', contentType: 'text/plain', size: 1 });
    await store.remove(ANN, u.uploadId);
    expect(await codeOf(store.status(ANN, u.uploadId))).toBe('UPLOAD_NOT_FOUND');
    expect(readdirSync(path.dirname(u.path))).toEqual([]);
  });

  it('sweep removes abandoned uploads and stray files, and spares recently touched or kept ones', async () => {
    const day = 24 * 60 * 60 * 1000;
    const old = await store.create(ANN, { filename: 'old', contentType: 'x/y', size: 1 });
    const kept = await store.create(ANN, { filename: 'kept', contentType: 'x/y', size: 1 });
    const fresh = await store.create(BOB, { filename: 'fresh', contentType: 'x/y', size: 1 });
    const stray = path.join(temp.path, ownerDir(ANN), 'A'.repeat(32)); // data without metadata, e.g. after a crash
    writeFileSync(stray, 'x');
    const past = new Date(Date.now() - 2 * day);
    for (const f of [old.path, `${old.path}.json`, kept.path, `${kept.path}.json`, stray]) utimesSync(f, past, past);

    await store.keep(ANN, kept.uploadId); // a draft refers to it
    expect(await store.sweep(day)).toBe(2);
    expect(await codeOf(store.status(ANN, old.uploadId))).toBe('UPLOAD_NOT_FOUND');
    await store.status(ANN, kept.uploadId);
    await store.status(BOB, fresh.uploadId);
    expect(readdirSync(path.join(temp.path, ownerDir(ANN))).sort()).toEqual([kept.uploadId, `${kept.uploadId}.json`].sort());

    clock += 2 * day;
    expect(await store.sweep(day)).toBe(2);
    expect(readdirSync(temp.path)).toEqual([]);
  });
});
