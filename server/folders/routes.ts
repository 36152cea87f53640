import { Router, type Request } from 'express';
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

  router.post(FOLDERS_API.create, async (req, res) => {
    const body = parseInput(createFolderRequestSchema, req.body);
    res.json(await change(req, (mail) => createFolder(mail, body)));
  });

  router.post(FOLDERS_API.rename, async (req, res) => {
    const body = parseInput(renameFolderRequestSchema, req.body);
    res.json(await change(req, (mail) => renameFolder(mail, body)));
  });

  router.post(FOLDERS_API.move, async (req, res) => {
    const body = parseInput(moveFolderRequestSchema, req.body);
    res.json(await change(req, (mail) => moveFolder(mail, body)));
  });

  router.post(FOLDERS_API.delete, async (req, res) => {
    const body = parseInput(deleteFolderRequestSchema, req.body);
    res.json(await change(req, (mail) => deleteFolder(mail, body)));
  });

  router.post(FOLDERS_API.subscribe, async (req, res) => {
    const body = parseInput(subscribeFolderRequestSchema, req.body);
    res.json(await change(req, (mail) => setSubscribed(mail, body)));
  });

  router.post(FOLDERS_API.empty, async (req, res) => {
    const body = parseInput(emptyFolderRequestSchema, req.body);
    res.json(await change(req, (mail) => emptyFolder(mail, body)));
  });

  router.get(FOLDERS_API.quota, async (req, res) => {
    res.json({ quota: await readQuota(sessionOf(req).mail) });
  });

  return router;
}
