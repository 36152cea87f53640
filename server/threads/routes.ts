import { Router } from 'express';
import { API, conversationQuerySchema, summariesQuerySchema, threadListQuerySchema } from '../../shared/api.js';
import type { Conversation, ThreadPage } from '../../shared/threads.js';
import { conversationOf } from '../imap/conversation.js';
import { summariesOf, threadPage } from '../imap/threads.js';
import { parseInput } from '../http/validate.js';
import { sessionOf } from '../http/request-context.js';

/**
 * The conversation view (issue 5 part 1): the thread list, the rows of an
 * expanded thread, and one conversation for the reader. Mounted before the
 * mail routes, whose /api/messages/:uid would take "summaries" for a UID.
 */
export function threadRoutes(): Router {
  const router = Router();

  router.get(API.threads, async (req, res) => {
    const q = parseInput(threadListQuerySchema, req.query);
    const page: ThreadPage = await threadPage(sessionOf(req).mail, q.mailbox, q.offset, q.limit);
    res.json(page);
  });

  router.get(API.summaries, async (req, res) => {
    const q = parseInput(summariesQuerySchema, req.query);
    res.json({ items: await summariesOf(sessionOf(req).mail, q.mailbox, q.uids) });
  });

  router.get(API.conversation, async (req, res) => {
    const q = parseInput(conversationQuerySchema, req.query);
    const conversation: Conversation = await conversationOf(sessionOf(req).mail, q.mailbox, q.uid);
    res.set('Cache-Control', 'private, no-store');
    res.json(conversation);
  });

  return router;
}
