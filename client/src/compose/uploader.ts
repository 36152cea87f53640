import type { UploadStatus } from '../../../shared/compose.js';

/**
 * The upload engine: one file in chunks, each PUT carrying the offset it
 * starts at. When the link drops (a thrown network error) or the server says
 * the offset is wrong (409 UPLOAD_OFFSET_MISMATCH, e.g. a chunk that arrived
 * but whose answer was lost), it asks the server how much it has and goes on
 * from there, so a 20 MB file on hotel Wi-Fi never starts over.
 * Network calls go through the transport (state/queries/uploads.ts).
 */

export interface UploadTransport {
  create(meta: { filename: string; contentType: string; size: number }, signal?: AbortSignal): Promise<UploadStatus>;
  putChunk(uploadId: string, offset: number, chunk: Blob, signal?: AbortSignal): Promise<UploadStatus>;
  status(uploadId: string, signal?: AbortSignal): Promise<UploadStatus>;
}

export interface UploadOptions {
  transport: UploadTransport;
  chunkBytes: number;
  /** Bytes the server has confirmed, out of the file's size. */
  onProgress?: (received: number, size: number) => void;
  /** Called once the server has named the upload, so an abort can delete it. */
  onCreated?: (uploadId: string) => void;
  signal?: AbortSignal;
  /** Consecutive failures without progress before giving up. */
  maxRetries?: number;
  /** First back-off delay; doubled per consecutive failure, capped at 30 s. */
  retryDelayMs?: number;
  /** Injected by tests; resolves after ms unless the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface UploadFile {
  name: string;
  type: string;
  size: number;
  slice(start: number, end: number): Blob;
}

/** Failures worth a retry: the link, a proxy in between, or the offset drifting. */
export function isRetryable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const { code, status } = err as { code: string; status?: number };
  return code === 'NETWORK_ERROR' || code === 'UPLOAD_OFFSET_MISMATCH' || code === 'IMAP_UNAVAILABLE' || (status !== undefined && status >= 500);
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function uploadFile(file: UploadFile, options: UploadOptions): Promise<UploadStatus> {
  const { transport, signal } = options;
  const sleep = options.sleep ?? abortableSleep;
  const maxRetries = options.maxRetries ?? 8;
  const baseDelay = options.retryDelayMs ?? 500;
  const chunkBytes = Math.max(1, options.chunkBytes);

  let failures = 0;
  // Creating the upload is retried too: the first request is as likely to meet a dropped link as any.
  let status: UploadStatus;
  for (;;) {
    try {
      status = await transport.create({ filename: file.name, contentType: file.type || 'application/octet-stream', size: file.size }, signal);
      break;
    } catch (err) {
      if (!isRetryable(err) || ++failures > maxRetries) throw err;
      await sleep(Math.min(30_000, baseDelay * 2 ** (failures - 1)), signal);
    }
  }
  options.onCreated?.(status.uploadId);
  options.onProgress?.(status.received, file.size);
  failures = 0;

  while (!status.complete) {
    signal?.throwIfAborted();
    const offset = status.received;
    const chunk = file.slice(offset, Math.min(file.size, offset + chunkBytes));
    try {
      const next = await transport.putChunk(status.uploadId, offset, chunk, signal);
      // A server that neither advances nor finishes would loop us forever.
      if (next.received <= offset && !next.complete) throw Object.assign(new Error('upload made no progress'), { code: 'UPLOAD_OFFSET_MISMATCH' });
      status = next;
      failures = 0;
      options.onProgress?.(status.received, file.size);
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (!isRetryable(err) || ++failures > maxRetries) throw err;
      await sleep(Math.min(30_000, baseDelay * 2 ** (failures - 1)), signal);
      // Ask where the server is rather than guess; if even that fails, the loop retries.
      try {
        status = await transport.status(status.uploadId, signal);
        options.onProgress?.(status.received, file.size);
      } catch (statusErr) {
        if (signal?.aborted) throw signal.reason;
        if (!isRetryable(statusErr)) throw statusErr;
      }
    }
  }
  return status;
}
