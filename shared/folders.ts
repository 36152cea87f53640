import { z } from 'zod';

/**
 * Folder management (issue 7 part 4): create, rename, move, delete,
 * subscribe, empty Trash or Junk, and the account's quota. Paths travel in
 * JSON bodies, never in URL segments (see the note at the top of api.ts).
 */
export const FOLDERS_API = {
  create: '/api/folders/create',
  rename: '/api/folders/rename',
  move: '/api/folders/move',
  delete: '/api/folders/delete',
  subscribe: '/api/folders/subscribe',
  /** Expunges every message of Trash or Junk. */
  empty: '/api/folders/empty',
  /** GET: the quota of the account's INBOX quota root, or null. */
  quota: '/api/folders/quota',
} as const;

/** Longest single name; Dovecot's own limit per name is about this (and the whole path 1000). */
export const FOLDER_NAME_MAX = 200;

const path = z.string().min(1).max(1000);

/**
 * One name segment, as a person typed it. Trimmed and NFC-normalised, so
 * "Été" typed on two keyboards is one folder, not two look-alikes. What the
 * server's hierarchy delimiter forbids is checked on the server, which knows it.
 */
export const folderNameSchema = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().max(FOLDER_NAME_MAX));

export const createFolderRequestSchema = z.object({
  /** The folder to create it in; null for the top level. */
  parent: path.nullable(),
  name: folderNameSchema,
});
export type CreateFolderRequest = z.input<typeof createFolderRequestSchema>;

export const renameFolderRequestSchema = z.object({ path, newName: folderNameSchema });
export type RenameFolderRequest = z.input<typeof renameFolderRequestSchema>;

export const moveFolderRequestSchema = z.object({
  path,
  /** The new parent; null for the top level. */
  newParent: path.nullable(),
});
export type MoveFolderRequest = z.input<typeof moveFolderRequestSchema>;

export const deleteFolderRequestSchema = z.object({ path });
export type DeleteFolderRequest = z.input<typeof deleteFolderRequestSchema>;

export const subscribeFolderRequestSchema = z.object({ path, subscribed: z.boolean() });
export type SubscribeFolderRequest = z.input<typeof subscribeFolderRequestSchema>;

export const emptyFolderRequestSchema = z.object({ path });
export type EmptyFolderRequest = z.input<typeof emptyFolderRequestSchema>;

/** Create, rename and move answer the folder's path now (RENAME carries its subfolders along, RFC 3501 §6.3.5). */
export const folderPathResultSchema = z.object({ path: z.string() });
export type FolderPathResult = z.infer<typeof folderPathResultSchema>;

/** Delete removes the folder and its subfolders, deepest first; these are the paths that went. */
export const deleteFolderResultSchema = z.object({ deleted: z.array(z.string()) });
export type DeleteFolderResult = z.infer<typeof deleteFolderResultSchema>;

export const subscribeFolderResultSchema = z.object({ path: z.string(), subscribed: z.boolean() });

export const emptyFolderResultSchema = z.object({ path: z.string(), expunged: z.number().int().nonnegative() });
export type EmptyFolderResult = z.infer<typeof emptyFolderResultSchema>;

/**
 * The quota of the INBOX's quota root (RFC 9208 GETQUOTAROOT), storage in
 * bytes (the wire says KiB). null: the server has no QUOTA, or sets no
 * storage limit for this account.
 */
export const quotaSchema = z
  .object({
    usedBytes: z.number().int().nonnegative(),
    limitBytes: z.number().int().positive(),
    usedMessages: z.number().int().nonnegative().optional(),
    limitMessages: z.number().int().positive().optional(),
  })
  .nullable();
export type Quota = z.infer<typeof quotaSchema>;
export const quotaResultSchema = z.object({ quota: quotaSchema });

/** Above this share of the limit the quota bar warns. */
export const QUOTA_WARN_RATIO = 0.9;
