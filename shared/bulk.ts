import { z } from 'zod';
import { messageActionSchema, messageActionResultSchema } from './api.js';
import { searchCriteriaSchema } from './search.js';
import { uidSetSize } from './uid-set.js';

/**
 * Bulk actions (issue 5 part 4) on a selection of any size, up to "select
 * all" in a 100,000-message mailbox, without the client ever holding every
 * UID: the selection is a UID set, or "all" (optionally narrowed by search
 * criteria, minus the rows the user unticked). The server resolves it with one
 * SEARCH and acts in chunks of UID sets, streaming progress as NDJSON.
 */

const uidSetString = z
  .string()
  .regex(/^\d{1,10}(:\d{1,10})?(,\d{1,10}(:\d{1,10})?)*$/, 'a UID set such as 1:50,72')
  .refine((s) => uidSetSize(s) <= 4_294_967_295, 'too large');

export const bulkSelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('uids'), uids: uidSetString }),
  z.object({
    kind: z.literal('all'),
    /** When set, "all" means all matches of this search in the mailbox. */
    search: searchCriteriaSchema.partial().optional(),
    /** Rows unticked after "select all". */
    except: uidSetString.optional(),
  }),
]);
export type BulkSelection = z.infer<typeof bulkSelectionSchema>;

export const bulkActionRequestSchema = z
  .object({
    mailbox: z.string().min(1).max(1000),
    action: messageActionSchema,
    target: z.string().min(1).max(1000).optional(),
    selection: bulkSelectionSchema,
  })
  .refine((r) => r.action !== 'move' || r.target !== undefined, { message: 'move needs a target', path: ['target'] });
export type BulkActionRequest = z.infer<typeof bulkActionRequestSchema>;

/** POST API.bulk answers NDJSON: `progress` lines as chunks finish, then exactly one `result` or `error`. */
export const bulkEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  z.object({ type: z.literal('result'), result: messageActionResultSchema }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string(), done: z.number().int().nonnegative() }),
]);
export type BulkEvent = z.infer<typeof bulkEventSchema>;
