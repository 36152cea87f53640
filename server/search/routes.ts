import { Router } from 'express';
import { API } from '../../shared/api.js';
import { isSearch, pickCriteria, searchAllQuerySchema, type SearchAllEvent } from '../../shared/search.js';
import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import { ndjson } from '../http/ndjson.js';
import { sessionOf } from '../http/request-context.js';
import { parseInput } from '../http/validate.js';
import { listMailboxes } from '../imap/mailboxes.js';
import { searchAllMailboxes } from '../imap/search-all.js';
import { assertSendable } from '../imap/search-query.js';

/**
 * GET API.searchAll: every selectable folder searched in parallel, answered
 * as NDJSON (shared/search.ts). Everything that can be refused as a whole (bad
 * criteria, no session, the folder list) is refused before the stream starts,
 * with the usual JSON error; after that, failures are per folder.
 */
export function searchRoutes(config: Pick<Config, 'search'>): Router {
  const router = Router();

  router.get(API.searchAll, async (req, res) => {
    const q = parseInput(searchAllQuerySchema, req.query);
    const criteria = pickCriteria(q);
    if (!isSearch(criteria)) throw new AppError('VALIDATION_FAILED', 'A search needs at least one criterion.');
    assertSendable(criteria);
    const session = sessionOf(req).mail;
    const paths = (await session.run((client) => listMailboxes(client))).filter((m) => m.selectable).map((m) => m.path);

    const out = ndjson<SearchAllEvent>(res);
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    await searchAllMailboxes({
      session,
      paths,
      criteria,
      perMailbox: q.perMailbox,
      connections: config.search.connections,
      emit: (event) => out.write(event),
      signal: abort.signal,
    });
    out.end();
  });

  return router;
}
