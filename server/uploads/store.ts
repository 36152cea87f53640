import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.js';
import { cleanContentType, cleanFilename } from './filename.js';

/**
 * Resumable, streamed uploads (DESIGN.md §6, issue 3). Each upload is a data
 * file plus a small metadata file under `<dir>/<sha256(owner)[:16]>/`. The
 * number of bytes on disk *is* the upload's progress: a chunk cut off by a
 * dropped link keeps what arrived, and the next chunk starts there.
 */

export interface StoredUpload {
  uploadId: string;
  owner: string;
  filename: string;
  contentType: string;
  size: number;
  received: number;
  complete: boolean;
  /** Absolute path of the data file. */
  path: string;
}

interface Meta {
  uploadId: string;
  owner: string;
  filename: string;
  contentType: string;
  size: number;
  createdAt: number;
}

export interface UploadStoreOptions {
  /** The uploads root, e.g. `<dataDir>/uploads`. */
  dir: string;
  /** Largest single upload (and, times `ownerQuotaFactor`, an owner's unsent total). */
  maxBytes: number;
  /** Largest body of one PUT; default 1 MiB. */
  chunkBytes?: number;
  /** An owner may hold this many `maxBytes` of unsent uploads at once (several compose windows); default 4. */
  ownerQuotaFactor?: number;
  now?: () => number;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{32}$/;
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
export const DEFAULT_SWEEP_AGE_MS = 24 * 60 * 60 * 1000;

function notFound(): AppError {
  return new AppError('UPLOAD_NOT_FOUND', 'No such upload.');
}

/** An in-flight append, so a resumed PUT can end the stale one still holding the file. */
interface Active {
  abort(): void;
}

export class UploadStore {
  readonly dir: string;
  readonly maxBytes: number;
  readonly chunkBytes: number;
  private readonly ownerQuota: number;
  private readonly now: () => number;
  private readonly active = new Map<string, Active>();
  private readonly queue = new Map<string, Promise<void>>();

  constructor(opts: UploadStoreOptions) {
    this.dir = path.resolve(opts.dir);
    this.maxBytes = opts.maxBytes;
    this.chunkBytes = opts.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    this.ownerQuota = opts.maxBytes * (opts.ownerQuotaFactor ?? 4);
    this.now = opts.now ?? Date.now;
  }

  async create(owner: string, req: { filename: string; contentType: string; size: number }): Promise<StoredUpload> {
    if (!Number.isSafeInteger(req.size) || req.size < 0) throw new AppError('VALIDATION_FAILED', 'size: must be a whole number of bytes.', { field: 'size' });
    if (req.size > this.maxBytes) throw tooLarge(this.maxBytes);
    if ((await this.ownerTotal(owner)) + req.size > this.ownerQuota) {
      throw new AppError('MESSAGE_TOO_LARGE', 'Too many unsent attachments are waiting; send or remove some first.');
    }
    const meta = this.newMeta(owner, req.filename, req.contentType, req.size);
    await this.writeMeta(meta);
    await writeFile(this.dataPath(owner, meta.uploadId), '', { mode: 0o600, flag: 'wx' });
    return this.toStored(meta, 0);
  }

  /**
   * Appends one chunk at `offset`, which must equal the bytes already stored.
   * The body streams to the file; whatever arrived before an error stays, so
   * the client resumes from `received`.
   */
  async append(owner: string, id: string, offset: number, body: NodeJS.ReadableStream): Promise<StoredUpload> {
    const key = this.key(owner, id);
    // The client resumed while the server still waits on the dropped connection's chunk: end that one.
    this.active.get(key)?.abort();
    return this.exclusive(key, () => this.appendNow(key, owner, id, offset, body));
  }

  private async appendNow(key: string, owner: string, id: string, offset: number, body: NodeJS.ReadableStream): Promise<StoredUpload> {
    const meta = await this.readMeta(owner, id);
    const file = this.dataPath(owner, id);
    const received = await sizeOf(file);
    if (offset !== received) {
      throw new AppError('UPLOAD_OFFSET_MISMATCH', `The upload continues at byte ${received}, not ${offset}.`);
    }
    const room = Math.min(this.chunkBytes, meta.size - received);
    const limit = new ByteLimit(room, () =>
      room < this.chunkBytes ? new AppError('MESSAGE_TOO_LARGE', `The upload is ${meta.size} bytes; more were sent.`) : tooLargeChunk(this.chunkBytes),
    );
    const readable = body as NodeJS.ReadableStream & { destroy?: (err?: Error) => void };
    const done = pipeline(readable, limit, createWriteStream(file, { flags: 'a', mode: 0o600 }));
    const entry: Active = {
      abort: () => readable.destroy?.(new AppError('UPLOAD_INCOMPLETE', 'A newer request resumed this upload.')),
    };
    this.active.set(key, entry);
    try {
      await done;
    } catch (err) {
      if (err instanceof AppError) throw err;
      // A disk failure is the server's fault; anything else is the body ending early (a dropped link).
      if ((err as NodeJS.ErrnoException)?.syscall) throw err;
      const now = await sizeOf(file);
      throw new AppError('UPLOAD_INCOMPLETE', `The chunk was cut off; resume at byte ${now}.`, { cause: err });
    } finally {
      if (this.active.get(key) === entry) this.active.delete(key);
    }
    return this.toStored(meta, await sizeOf(file));
  }

  async status(owner: string, id: string): Promise<StoredUpload> {
    const meta = await this.readMeta(owner, id);
    return this.toStored(meta, await sizeOf(this.dataPath(owner, id)));
  }

  async requireComplete(owner: string, id: string): Promise<StoredUpload> {
    const upload = await this.status(owner, id);
    if (!upload.complete) {
      throw new AppError('UPLOAD_INCOMPLETE', `"${upload.filename}" has ${upload.received} of ${upload.size} bytes; finish the upload first.`);
    }
    await this.keep(owner, id);
    return upload;
  }

  /** Marks an upload as in use (a draft refers to it) so `sweep` leaves it alone for another full period. */
  async keep(owner: string, id: string): Promise<void> {
    await this.readMeta(owner, id);
    const t = new Date(this.now());
    await utimes(this.metaPath(owner, id), t, t);
  }

  /** Stores bytes the server already has (e.g. attachments of a reopened draft), returning a complete upload. */
  async createFromStream(owner: string, meta: { filename: string; contentType: string }, body: NodeJS.ReadableStream): Promise<StoredUpload> {
    const m = this.newMeta(owner, meta.filename, meta.contentType, 0);
    const file = this.dataPath(owner, m.uploadId);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      await pipeline(body, new ByteLimit(this.maxBytes, () => tooLarge(this.maxBytes)), createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      m.size = await sizeOf(file);
      await this.writeMeta(m);
    } catch (err) {
      await rm(file, { force: true });
      throw err;
    }
    return this.toStored(m, m.size);
  }

  async remove(owner: string, id: string): Promise<void> {
    await this.readMeta(owner, id);
    const key = this.key(owner, id);
    this.active.get(key)?.abort();
    await this.exclusive(key, () => this.removeFiles(path.join(this.dir, ownerDir(owner)), id));
  }

  /** Runs `fn` after every earlier operation on the same upload, so two appends never write at once. */
  private async exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const run = (this.queue.get(key) ?? Promise.resolve()).then(fn);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.queue.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.queue.get(key) === tail) this.queue.delete(key);
    }
  }

  /**
   * Removes uploads untouched (no chunk, no `keep`/`requireComplete`) for
   * `olderThanMs`, and stray temporary files. Returns how many uploads went.
   */
  async sweep(olderThanMs: number = DEFAULT_SWEEP_AGE_MS): Promise<number> {
    const cutoff = this.now() - olderThanMs;
    let removed = 0;
    for (const owner of await listDir(this.dir)) {
      const dir = path.join(this.dir, owner);
      const names = await listDir(dir);
      const ids = new Set(names.map((n) => n.replace(/\.json(\.[\w-]+\.tmp)?$/, '')).filter((n) => ID_PATTERN.test(n)));
      for (const id of ids) {
        if (this.active.has(`${owner}/${id}`) || this.queue.has(`${owner}/${id}`)) continue;
        const touched = Math.max(await mtimeOf(path.join(dir, id)), await mtimeOf(path.join(dir, `${id}.json`)));
        if (touched >= cutoff) continue;
        await this.removeFiles(dir, id);
        removed++;
      }
      for (const tmp of names.filter((n) => n.endsWith('.tmp'))) {
        if ((await mtimeOf(path.join(dir, tmp))) < cutoff) await rm(path.join(dir, tmp), { force: true });
      }
      // Gone when empty; fails harmlessly when a new upload arrived meanwhile.
      await rmdir(dir).catch(() => undefined);
    }
    return removed;
  }

  private newMeta(owner: string, filename: string, contentType: string, size: number): Meta {
    return {
      uploadId: randomBytes(24).toString('base64url'),
      owner,
      filename: cleanFilename(filename),
      contentType: cleanContentType(contentType),
      size,
      createdAt: this.now(),
    };
  }

  private async ownerTotal(owner: string): Promise<number> {
    const dir = path.join(this.dir, ownerDir(owner));
    let total = 0;
    for (const name of await listDir(dir)) {
      if (!name.endsWith('.json')) continue;
      const meta = await this.readMetaFile(path.join(dir, name)).catch(() => null);
      if (meta && meta.owner === owner) total += meta.size;
    }
    return total;
  }

  /** Written to a temporary name and renamed, so a crash never leaves half a JSON file. */
  private async writeMeta(meta: Meta): Promise<void> {
    const file = this.metaPath(meta.owner, meta.uploadId);
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(meta));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  }

  private async readMeta(owner: string, id: string): Promise<Meta> {
    if (!ID_PATTERN.test(id)) throw notFound();
    const meta = await this.readMetaFile(this.metaPath(owner, id)).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw notFound();
      throw err;
    });
    // The directory already separates owners; the recorded owner guards against a hash-prefix collision.
    if (meta.owner !== owner) throw notFound();
    return meta;
  }

  private async readMetaFile(file: string): Promise<Meta> {
    return JSON.parse(await readFile(file, 'utf8')) as Meta;
  }

  private async removeFiles(dir: string, id: string): Promise<void> {
    // Metadata first: an upload without it is invisible and swept as a stray.
    await rm(path.join(dir, `${id}.json`), { force: true });
    await rm(path.join(dir, id), { force: true });
  }

  private toStored(meta: Meta, received: number): StoredUpload {
    return {
      uploadId: meta.uploadId,
      owner: meta.owner,
      filename: meta.filename,
      contentType: meta.contentType,
      size: meta.size,
      received,
      complete: received === meta.size,
      path: this.dataPath(meta.owner, meta.uploadId),
    };
  }

  private key(owner: string, id: string): string {
    return `${ownerDir(owner)}/${id}`;
  }

  private dataPath(owner: string, id: string): string {
    return path.join(this.dir, ownerDir(owner), id);
  }

  private metaPath(owner: string, id: string): string {
    return path.join(this.dir, ownerDir(owner), `${id}.json`);
  }
}

/** The owner's directory name: stable, filesystem-safe, and it does not reveal the address in a listing. */
export function ownerDir(owner: string): string {
  return createHash('sha256').update(owner).digest('hex').slice(0, 16);
}

function tooLarge(max: number): AppError {
  return new AppError('MESSAGE_TOO_LARGE', `Attachments may total at most ${max} bytes.`);
}

function tooLargeChunk(max: number): AppError {
  return new AppError('MESSAGE_TOO_LARGE', `One chunk may be at most ${max} bytes.`);
}

/** Passes at most `max` bytes; the first byte beyond fails the stream (what came before is kept). */
class ByteLimit extends Transform {
  private seen = 0;
  constructor(
    private readonly max: number,
    private readonly error: () => AppError,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const room = this.max - this.seen;
    this.seen += chunk.length;
    if (chunk.length <= room) return done(null, chunk);
    if (room > 0) this.push(chunk.subarray(0, room));
    done(this.error());
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notFound();
    throw err;
  }
}

async function mtimeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return 0;
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
