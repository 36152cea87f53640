import { Router } from 'express';
import {
  API,
  messageActionRequestSchema,
  messageListQuerySchema,
  messageParamsSchema,
  messageQuerySchema,
  partParamsSchema,
  previewsQuerySchema,
} from '../../shared/api.js';
import type { MessageDetail, MessagePage } from '../../shared/mail.js';
import { isSearch, pickCriteria } from '../../shared/search.js';
import { AppError } from '../errors.js';
import { applyAction } from '../imap/actions.js';
import { listMailboxes } from '../imap/mailboxes.js';
import { getMessage, listPage, openPart } from '../imap/messages.js';
import { listPreviews } from '../imap/previews.js';
import { parseInput } from '../http/validate.js';
import { sessionOf } from '../http/request-context.js';

/** Types that may be shown inline (cid: images in HTML mail). SVG is not among them: it can carry script. */
const INLINE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp']);

/** Types a browser would render as a document that can run script; downloaded as opaque bytes. */
const ACTIVE_TYPES = /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/javascript|application\/javascript|application\/x-javascript|text\/xsl)$/i;

export function mailRoutes(): Router {
  const router = Router();

  router.get(API.mailboxes, async (req, res) => {
    const mailboxes = await sessionOf(req).mail.run((client) => listMailboxes(client));
    res.json({ mailboxes });
  });

  router.get(API.messages, async (req, res) => {
    const q = parseInput(messageListQuerySchema, req.query);
    const criteria = pickCriteria(q);
    const page: MessagePage = await listPage(sessionOf(req).mail, q.mailbox, q.offset, q.limit, q.sort, q.order, isSearch(criteria) ? criteria : null);
    res.json(page);
  });

  // Before /api/messages/:uid, which would take "previews" for a UID.
  router.get(API.previews, async (req, res) => {
    const q = parseInput(previewsQuerySchema, req.query);
    res.json({ previews: await listPreviews(sessionOf(req).mail, q.mailbox, q.uids) });
  });

  router.post(API.actions, async (req, res) => {
    const body = parseInput(messageActionRequestSchema, req.body);
    res.json(await applyAction(sessionOf(req).mail, body));
  });

  router.get('/api/messages/:uid', async (req, res) => {
    const { uid } = parseInput(messageParamsSchema, req.params);
    const q = parseInput(messageQuerySchema, req.query);
    const message: MessageDetail = await getMessage(sessionOf(req).mail, q.mailbox, uid, q.uidValidity);
    res.set('Cache-Control', 'private, no-store');
    res.json(message);
  });

  router.get('/api/messages/:uid/parts/:partId', async (req, res) => {
    const { uid, partId } = parseInput(partParamsSchema, req.params);
    const q = parseInput(messageQuerySchema, req.query);
    const inline = req.query.inline === '1';
    const part = await openPart(sessionOf(req).mail, q.mailbox, uid, partId);
    try {
      if (inline && !INLINE_IMAGE_TYPES.has(part.contentType)) {
        throw new AppError('ATTACHMENT_NOT_FOUND', 'Only images can be shown inline.');
      }
      res.set('X-Content-Type-Options', 'nosniff');
      res.set('Cache-Control', 'private, no-store');
      // A downloaded file must never run as a page of this origin, whatever its type.
      res.set('Content-Security-Policy', "default-src 'none'; img-src 'self'; sandbox");
      if (inline) {
        res.type(part.contentType);
        res.set('Content-Disposition', 'inline');
        res.set('Cross-Origin-Resource-Policy', 'same-origin');
      } else {
        // attachment() sets a type from the file name; the type is decided after it.
        res.attachment(part.filename);
        res.type(ACTIVE_TYPES.test(part.contentType) ? 'application/octet-stream' : part.contentType);
      }
    } catch (err) {
      part.content.destroy();
      part.done();
      throw err;
    }
    const finish = () => part.done();
    res.on('close', () => {
      part.content.destroy();
      finish();
    });
    part.content.on('error', (err) => {
      finish();
      res.destroy(err);
    });
    part.content.on('end', finish);
    part.content.pipe(res);
  });

  return router;
}
