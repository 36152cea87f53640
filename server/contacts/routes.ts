import express, { Router } from 'express';
import type { z } from 'zod';
import {
  CONTACT_SUGGESTIONS_MAX, CONTACTS_API, CONTACTS_IMPORT_MAX_BYTES, contactGroupInputSchema, contactIdSchema, contactInputSchema,
  contactListQuerySchema, exportQuerySchema, importQuerySchema, suggestQuerySchema, type ImportResult,
} from '../../shared/contacts.js';
import { AppError } from '../errors.js';
import { sessionOf } from '../http/request-context.js';
import { parseInput } from '../http/validate.js';
import { writeCsv } from './csv.js';
import { importFile } from './import.js';
import type { ContactsStore } from '../store/contacts/store.js';
import { writeVCards } from './vcard.js';

/** An id that is not even a UUID is as unknown as another user's: the same answer either way. */
function contactId(raw: unknown): string {
  const parsed = contactIdSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('CONTACT_NOT_FOUND', 'No such contact.');
  return parsed.data;
}

function groupId(raw: unknown): string {
  const parsed = contactIdSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('NOT_FOUND', 'No such group.');
  return parsed.data;
}

/**
 * The address book API (shared/contacts.ts CONTACTS_API). The owner is always
 * the session's address, never a request field. Fixed paths (groups, suggest,
 * import, export) are declared before `/api/contacts/:id`.
 */
export function contactRoutes({ store }: { store: ContactsStore }): Router {
  const router = Router();

  router.get(CONTACTS_API.contacts, async (req, res) => {
    res.json(await store.list(sessionOf(req).address, parseInput(contactListQuerySchema, req.query)));
  });

  router.post(CONTACTS_API.contacts, async (req, res) => {
    res.status(201).json(await store.create(sessionOf(req).address, parseInput(contactInputSchema, req.body)));
  });

  router.get(CONTACTS_API.groups, async (req, res) => {
    res.json({ groups: await store.listGroups(sessionOf(req).address) });
  });

  router.post(CONTACTS_API.groups, async (req, res) => {
    res.status(201).json(await store.createGroup(sessionOf(req).address, parseInput(contactGroupInputSchema, req.body)));
  });

  /** PUT and DELETE of one contact or group at `${base}/:id`: the id checked first, the owner from the session. */
  function editable<S extends z.ZodType>(
    base: string,
    idOf: (raw: unknown) => string,
    schema: S,
    update: (owner: string, id: string, input: z.infer<S>) => Promise<unknown>,
    remove: (owner: string, id: string) => Promise<void>,
  ): void {
    router.put(`${base}/:id`, async (req, res) => {
      const id = idOf(req.params.id);
      res.json(await update(sessionOf(req).address, id, parseInput(schema, req.body)));
    });
    router.delete(`${base}/:id`, async (req, res) => {
      await remove(sessionOf(req).address, idOf(req.params.id));
      res.status(204).end();
    });
  }

  editable(CONTACTS_API.groups, groupId, contactGroupInputSchema, (o, id, input) => store.updateGroup(o, id, input), (o, id) => store.removeGroup(o, id));

  router.get(CONTACTS_API.suggest, async (req, res) => {
    const { q } = parseInput(suggestQuerySchema, req.query);
    res.set('Cache-Control', 'private, no-store');
    res.json({ suggestions: await store.suggest(sessionOf(req).address, q, CONTACT_SUGGESTIONS_MAX) });
  });

  // The file's bytes as they are (any type): the charset is decided from them (import.ts).
  // Over the limit, the body parser's "entity.too.large" becomes MESSAGE_TOO_LARGE.
  router.post(CONTACTS_API.import, express.raw({ type: () => true, limit: CONTACTS_IMPORT_MAX_BYTES }), async (req, res) => {
    const { format } = parseInput(importQuerySchema, req.query);
    if (!Buffer.isBuffer(req.body)) throw new AppError('VALIDATION_FAILED', "Send the file's bytes (text/vcard or text/csv), not JSON.");
    const result: ImportResult = await importFile(store, sessionOf(req).address, req.body, format);
    res.json(result);
  });

  router.get(CONTACTS_API.export, async (req, res) => {
    const { format } = parseInput(exportQuerySchema, req.query);
    const { contacts, groups } = await store.everything(sessionOf(req).address);
    const names = new Map(groups.map((g) => [g.id, g.name]));
    const groupName = (id: string) => names.get(id);
    const csv = format === 'csv';
    const body = csv ? writeCsv(contacts, groupName) : writeVCards(contacts, groupName, format === 'vcard3' ? '3.0' : '4.0');
    res.set({
      // text/vcard is the registered type for both versions (RFC 6350 §10.1).
      'Content-Type': csv ? 'text/csv; charset=utf-8' : 'text/vcard; charset=utf-8',
      'Content-Disposition': `attachment; filename="contacts${csv ? '.csv' : '.vcf'}"`,
      'X-Content-Type-Options': 'nosniff',
    });
    res.send(body);
  });

  router.get(`${CONTACTS_API.contacts}/:id`, async (req, res) => {
    res.json(await store.get(sessionOf(req).address, contactId(req.params.id)));
  });

  editable(CONTACTS_API.contacts, contactId, contactInputSchema, (o, id, input) => store.update(o, id, input), (o, id) => store.remove(o, id));

  return router;
}
