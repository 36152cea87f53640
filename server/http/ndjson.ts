import type { Response } from 'express';
import { NDJSON_TYPE } from '../../shared/api.js';

/**
 * A streamed JSON answer (bulk progress, search across mailboxes): one JSON
 * value per line, flushed as it is written. Compression is kept (the
 * compression middleware flushes on res.flush), proxies are asked not to
 * buffer (X-Accel-Buffering for nginx).
 */
export interface NdjsonWriter<E> {
  write(event: E): void;
  end(): void;
  /** The client went away; stop working for it. */
  readonly closed: boolean;
}

export function ndjson<E>(res: Response): NdjsonWriter<E> {
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  res.status(200);
  res.set('Content-Type', `${NDJSON_TYPE}; charset=utf-8`);
  res.set('Cache-Control', 'no-store');
  res.set('X-Accel-Buffering', 'no');
  return {
    write(event) {
      if (closed) return;
      res.write(`${JSON.stringify(event)}\n`);
      (res as Response & { flush?: () => void }).flush?.();
    },
    end() {
      if (!closed) res.end();
    },
    get closed() {
      return closed;
    },
  };
}
