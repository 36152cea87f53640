import { Router } from 'express';
import { z } from 'zod';
import { COMPOSE_API, type Draft } from '../../shared/compose.js';
import { sessionOf } from '../http/request-context.js';
import { parseInput } from '../http/validate.js';
import type { Outbox } from './outbox.js';

const idParamsSchema = z.object({ id: z.string().max(100) });

/** GET the signed-in user's outbox; DELETE one waiting message (undo send), answering with its draft. */
export function outboxRoutes(outbox: Outbox): Router {
  const router = Router();

  router.get(COMPOSE_API.outbox, (req, res) => {
    res.json({ entries: outbox.list(sessionOf(req).address) });
  });

  router.delete('/api/outbox/:id', (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params);
    const draft: Draft = outbox.cancel(sessionOf(req).address, id);
    res.json({ draft });
  });

  return router;
}
