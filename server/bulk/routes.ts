import { Router, type Request, type Response } from 'express';
import { API } from '../../shared/api.js';
import { bulkActionRequestSchema, type BulkEvent } from '../../shared/bulk.js';
import { AppError } from '../errors.js';
import { ndjson, type NdjsonWriter } from '../http/ndjson.js';
import { sessionOf } from '../http/request-context.js';
import { parseInput } from '../http/validate.js';
import { runBulkAction } from '../imap/bulk.js';
import type { Logger } from '../log/logger.js';

/**
 * POST API.bulk: a bulk action streamed as NDJSON (shared/bulk.ts). Whatever
 * fails before any message changed (validation, a missing source or target,
 * no Trash) is the usual JSON error with its status; once the answer has
 * started, a failure is an `error` line saying how many were done, so the
 * browser is never left waiting for a result that will not come.
 */
export function bulkRoutes({ log }: { log: Logger }): Router {
  const router = Router();

  router.post(API.bulk, async (req: Request, res: Response) => {
    const body = parseInput(bulkActionRequestSchema, req.body);
    // Hooked now, not when the stream starts: the browser may leave while the selection is resolved.
    let gone = false;
    res.on('close', () => {
      gone = true;
    });
    let stream: NdjsonWriter<BulkEvent> | null = null;
    let done = 0;
    try {
      const result = await runBulkAction(sessionOf(req).mail, body, {
        start(total) {
          stream = ndjson<BulkEvent>(res);
          stream.write({ type: 'progress', done: 0, total });
        },
        progress(n, total) {
          done = n;
          stream?.write({ type: 'progress', done: n, total });
        },
        get cancelled() {
          return gone;
        },
      });
      const out = stream as NdjsonWriter<BulkEvent> | null;
      out?.write({ type: 'result', result });
      out?.end();
    } catch (err) {
      const out = stream as NdjsonWriter<BulkEvent> | null;
      if (!out) throw err;
      const error = err instanceof AppError ? err : new AppError('INTERNAL', 'Something went wrong on the server.');
      if (!(err instanceof AppError)) log.error({ err, url: req.originalUrl }, 'unhandled error');
      else log.warn({ code: error.code, done, cause: String((error.cause as Error)?.message ?? '') }, 'bulk action stopped');
      out.write({ type: 'error', code: error.code, message: error.message, done });
      out.end();
    }
  });

  return router;
}
