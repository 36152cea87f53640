import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { COMPOSE_API, uploadCreateSchema, type UploadStatus } from '../../shared/compose.js';
import { AppError } from '../errors.js';
import { sessionOf } from '../http/request-context.js';
import { parseInput } from '../http/validate.js';
import type { StoredUpload, UploadStore } from './store.js';

/**
 * The upload protocol (tus-like, simpler): POST announces a file, each PUT
 * carries one chunk at `Upload-Offset`, GET tells where to resume.
 */

const OFFSET_HEADER = 'Upload-Offset';
const INLINE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const idParamsSchema = z.object({ id: z.string().max(100) });
const offsetSchema = z.string().regex(/^\d{1,16}$/, `${OFFSET_HEADER} must be a byte offset`).transform(Number);

/** The wire form: the owner and the server's path stay on the server. */
export function toUploadStatus(u: StoredUpload): UploadStatus {
  return { uploadId: u.uploadId, filename: u.filename, contentType: u.contentType, size: u.size, received: u.received, complete: u.complete };
}

function sendStatus(res: Response, u: StoredUpload, code = 200): void {
  res.set(OFFSET_HEADER, String(u.received));
  res.status(code).json(toUploadStatus(u));
}

export function uploadRoutes(store: UploadStore): Router {
  const router = Router();

  router.post(COMPOSE_API.uploads, async (req, res) => {
    const body = parseInput(uploadCreateSchema, req.body);
    sendStatus(res, await store.create(sessionOf(req).address, body), 201);
  });

  router.get('/api/uploads/:id', async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params);
    sendStatus(res, await store.status(sessionOf(req).address, id));
  });

  router.put('/api/uploads/:id', async (req, res) => {
    const owner = sessionOf(req).address;
    const { id } = parseInput(idParamsSchema, req.params);
    const offset = parseInput(offsetSchema, req.get(OFFSET_HEADER) ?? '');
    // Only raw bytes: a JSON body would already have been consumed by the JSON parser.
    if (!req.is('application/octet-stream')) {
      throw new AppError('VALIDATION_FAILED', 'A chunk is sent as application/octet-stream.', { field: 'content-type' });
    }
    // Refuse an oversized chunk from its header, before reading a byte; the store counts bytes anyway.
    const declared = Number(req.get('content-length') ?? NaN);
    if (declared > store.chunkBytes) throw new AppError('MESSAGE_TOO_LARGE', `One chunk may be at most ${store.chunkBytes} bytes.`);
    try {
      sendStatus(res, await store.append(owner, id, offset, req));
    } catch (err) {
      // The current status comes along, so the client resumes without another round trip.
      if (err instanceof AppError && err.code === 'UPLOAD_OFFSET_MISMATCH') {
        const current = await store.status(owner, id);
        res.set(OFFSET_HEADER, String(current.received));
        res.status(err.status).json({ ...err.toBody(), upload: toUploadStatus(current) });
        return;
      }
      // Nobody is left to answer when the client's link dropped mid-chunk; the bytes that came are kept.
      if (req.destroyed && !req.complete) return;
      throw err;
    }
  });

  // A reopened draft's inline images are shown in the editor from here. Only
  // raster images, never as a document: nothing uploaded can run as this origin.
  router.get('/api/uploads/:id/content', async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params);
    const upload = await store.requireComplete(sessionOf(req).address, id);
    if (!INLINE_IMAGE_TYPES.has(upload.contentType)) throw new AppError('UPLOAD_NOT_FOUND', 'Only images can be shown.');
    res.set({
      'Content-Type': upload.contentType,
      'Content-Length': String(upload.size),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
    });
    await pipeline(createReadStream(upload.path), res);
  });

  router.delete('/api/uploads/:id', async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params);
    await store.remove(sessionOf(req).address, id);
    res.status(204).end();
  });

  return router;
}
