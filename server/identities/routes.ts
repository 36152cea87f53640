import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  IDENTITIES_API, identityIdSchema, identityInputSchema, type IdentityAddressPolicy, type IdentityList, type IdentitySaved,
} from '../../shared/identities.js';
import { AppError } from '../errors.js';
import { sessionOf } from '../http/request-context.js';
import { parseInput } from '../http/validate.js';
import { checkIdentityInput } from './policy.js';
import type { IdentitiesStore } from '../store/identities.js';

export interface IdentityRouteDeps {
  store: IdentitiesStore;
  policy: IdentityAddressPolicy;
}

const idParamsSchema = z.object({ id: identityIdSchema });

/**
 * The signed-in user's identities (shared/identities.ts IDENTITIES_API).
 * The owner always comes from the session, never from the request; an id
 * that is not the user's own answers IDENTITY_NOT_FOUND, like one that never
 * existed, so ids of other users cannot even be probed.
 */
export function identityRoutes({ store, policy }: IdentityRouteDeps): Router {
  const router = Router();
  const listOf = (owner: string): IdentityList => ({ identities: store.list(owner), policy });
  const ownerOf = (req: Request) => sessionOf(req).address;
  // A malformed id cannot be anyone's: the same answer as an unknown one.
  const idOf = (req: Request) => {
    const parsed = idParamsSchema.safeParse(req.params);
    if (!parsed.success) throw new AppError('IDENTITY_NOT_FOUND', 'No such identity.');
    return parsed.data.id;
  };

  router.get(IDENTITIES_API.list, (req, res) => {
    res.set('Cache-Control', 'private, no-store');
    res.json(listOf(ownerOf(req)));
  });

  router.post(IDENTITIES_API.list, (req, res) => {
    const owner = ownerOf(req);
    const input = checkIdentityInput(parseInput(identityInputSchema, req.body), owner, policy);
    const body: IdentitySaved = { identity: store.create(owner, input), ...listOf(owner) };
    res.status(201).json(body);
  });

  router.put('/api/identities/:id', (req, res) => {
    const owner = ownerOf(req);
    const id = idOf(req);
    const input = checkIdentityInput(parseInput(identityInputSchema, req.body), owner, policy);
    const body: IdentitySaved = { identity: store.update(owner, id, input), ...listOf(owner) };
    res.json(body);
  });

  router.delete('/api/identities/:id', (req, res) => {
    const owner = ownerOf(req);
    store.remove(owner, idOf(req));
    res.json(listOf(owner));
  });

  router.post('/api/identities/:id/default', (req, res) => {
    const owner = ownerOf(req);
    store.setDefault(owner, idOf(req));
    res.json(listOf(owner));
  });

  return router;
}
