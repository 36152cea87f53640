import { Router, type Request } from 'express';
import { FILTERS_API, filterSetSchema, rawScriptRequestSchema, type FilterState } from '../../shared/filters.js';
import type { SieveConfig } from '../config/config.js';
import { AppError } from '../errors.js';
import { sessionOf } from '../http/request-context.js';
import { parseInput } from '../http/validate.js';
import type { Logger } from '../log/logger.js';
import { withSieve, type SieveClient } from '../sieve/client.js';
import { installScript, readFilters, saveForm } from './filters.js';

export interface FilterRouteDeps {
  /** null when WEBMAIL_SIEVE_PORT is off: every route answers SIEVE_UNAVAILABLE. */
  sieve: SieveConfig;
  log: Logger;
}

/**
 * Filters and the vacation reply (issue 7 part 5), kept in the user's own Sieve script on the
 * ManageSieve server and reached with the user's own credentials, so one user can never see or
 * change another's. Each answer is the state as the server has it after the request.
 */
export function filterRoutes({ sieve, log }: FilterRouteDeps): Router {
  const router = Router();

  const withUserSieve = async (req: Request, fn: (client: SieveClient) => Promise<FilterState>): Promise<FilterState> => {
    const session = sessionOf(req);
    try {
      return await withSieve(sieve, session.mail.account.auth, fn);
    } catch (err) {
      if (err instanceof AppError && err.code === 'SIEVE_UNAVAILABLE') {
        log.warn({ code: err.code, reason: err.message, cause: String((err.cause as Error | undefined)?.message ?? ''), user: session.address }, 'ManageSieve request failed');
      }
      throw err;
    }
  };

  router.get(FILTERS_API.filters, async (req, res) => {
    res.json(await withUserSieve(req, readFilters));
  });

  router.put(FILTERS_API.filters, async (req, res) => {
    const set = parseInput(filterSetSchema, req.body);
    res.json(
      await withUserSieve(req, async (client) => {
        await saveForm(client, set);
        return readFilters(client);
      }),
    );
  });

  router.put(FILTERS_API.raw, async (req, res) => {
    const { script } = parseInput(rawScriptRequestSchema, req.body);
    res.json(
      await withUserSieve(req, async (client) => {
        await installScript(client, script);
        return readFilters(client);
      }),
    );
  });

  return router;
}
