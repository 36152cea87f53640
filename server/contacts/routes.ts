import express, { Router } from 'express';
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

  router.put(`${CONTACTS_API.groups}/:id`, async (req, res) => {
    const id = groupId(req.params.id);
    res.json(await store.updateGroup(sessionOf(req).address, id, parseInput(contactGroupInputSchema, req.body)));
  });

  router.delete(`${CONTACTS_API.groups}/:id`, async (req, res) => {
    await store.removeGroup(sessionOf(req).address, groupId(req.params.id));
    res.status(204).end();
  });

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

  router.put(`${CONTACTS_API.contacts}/:id`, async (req, res) => {
    const id = contactId(req.params.id);
    res.json(await store.update(sessionOf(req).address, id, parseInput(contactInputSchema, req.body)));
  });

  router.delete(`${CONTACTS_API.contacts}/:id`, async (req, res) => {
    await store.remove(sessionOf(req).address, contactId(req.params.id));
    res.status(204).end();
  });

  return router;
}
