import { Router, type Request } from 'express';
import type { z } from 'zod';
import {
  FOLDERS_API,
  createFolderRequestSchema,
  deleteFolderRequestSchema,
  emptyFolderRequestSchema,
  moveFolderRequestSchema,
  renameFolderRequestSchema,
  subscribeFolderRequestSchema,
} from '../../shared/folders.js';
import { sessionOf } from '../http/request-context.js';
import { parseInput } from '../http/validate.js';
import { createFolder, deleteFolder, emptyFolder, moveFolder, readQuota, renameFolder, setSubscribed } from '../imap/folders.js';
import type { MailSession } from '../imap/session.js';
import type { FolderEvents } from '../push/folder-events.js';

/** Folder management (issue 7 part 4); every change is announced so the account's other tabs refetch their folder list. */
export function folderRoutes(events: FolderEvents | null): Router {
  const router = Router();

  /**
   * Runs a change for the request's session, then tells the account's tabs,
   * failed or not: a recursive delete that stopped half-way changed the list too.
   */
  async function change<T>(req: Request, work: (mail: MailSession) => Promise<T>): Promise<T> {
    const session = sessionOf(req);
    try {
      return await work(session.mail);
    } finally {
      events?.changed(session.address);
    }
  }

  /** One change: its body parsed with `schema`, then the IMAP operation, answered with its result. */
  function post<S extends z.ZodType>(path: string, schema: S, operation: (mail: MailSession, body: z.infer<S>) => Promise<unknown>): void {
    router.post(path, async (req, res) => {
      const body = parseInput(schema, req.body);
      res.json(await change(req, (mail) => operation(mail, body)));
    });
  }

  post(FOLDERS_API.create, createFolderRequestSchema, createFolder);
  post(FOLDERS_API.rename, renameFolderRequestSchema, renameFolder);
  post(FOLDERS_API.move, moveFolderRequestSchema, moveFolder);
  post(FOLDERS_API.delete, deleteFolderRequestSchema, deleteFolder);
  post(FOLDERS_API.subscribe, subscribeFolderRequestSchema, setSubscribed);
  post(FOLDERS_API.empty, emptyFolderRequestSchema, emptyFolder);

  router.get(FOLDERS_API.quota, async (req, res) => {
    res.json({ quota: await readQuota(sessionOf(req).mail) });
  });

  return router;
}
