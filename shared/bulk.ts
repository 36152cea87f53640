import { z } from 'zod';
import { messageActionSchema, messageActionResultSchema } from './api.js';
import { searchCriteriaSchema } from './search.js';
import { UID_SET_PATTERN, uidSetSize } from './uid-set.js';

/**
 * Bulk actions (issue 5 part 4) on a selection of any size, up to "select
 * all" in a 100,000-message mailbox, without the client ever holding every
 * UID: the selection is a UID set, or "all" (optionally narrowed by search
 * criteria, minus the rows the user unticked). The server resolves it with one
 * SEARCH and acts in chunks of UID sets, streaming progress as NDJSON.
 */

const uidSetString = z
  .string()
  .regex(UID_SET_PATTERN, 'a UID set such as 1:50,72')
  .refine((s) => uidSetSize(s) <= 4_294_967_295, 'too large')
  // UIDs are nz-number (RFC 3501 §9): 0 or a number past 2^32-1 is refused here, not by IMAP.
  .refine((s) => s.split(/[,:]/).every((n) => Number(n) >= 1 && Number(n) <= 4_294_967_295), 'UIDs are between 1 and 4294967295');

/** {unread: true} → {unread: 'true'}: the search schema reads yes/no fields as query-string text. */
function booleansAsFlags(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'boolean' ? String(v) : v]));
}

export const bulkSelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('uids'), uids: uidSetString }),
  z.object({
    kind: z.literal('all'),
    /**
     * When set, "all" means all matches of this search in the mailbox. The
     * criteria are the list's query fields; in this JSON body a yes/no field
     * may also be a JSON boolean.
     */
    search: z.preprocess(booleansAsFlags, searchCriteriaSchema.partial()).optional(),
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
/** What the browser sends (search criteria as it holds them, before parsing). */
export type BulkActionBody = z.input<typeof bulkActionRequestSchema>;

/** POST API.bulk answers NDJSON: `progress` lines as chunks finish, then exactly one `result` or `error`. */
export const bulkEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  z.object({ type: z.literal('result'), result: messageActionResultSchema }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string(), done: z.number().int().nonnegative() }),
]);
export type BulkEvent = z.infer<typeof bulkEventSchema>;
