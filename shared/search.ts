import { z } from 'zod';
import { messageSummarySchema } from './mail.js';

/**
 * Search (issue 5 part 3). The same criteria travel as flat query-string
 * fields on the list endpoint (a search in one mailbox is a virtual mailbox
 * that pages, sorts and updates like the real one) and on the all-mailboxes
 * endpoint. Every term reaches IMAP as a quoted string or a literal, never as
 * command text (server/imap/search-query.ts).
 */

export const SEARCH_TEXT_MAX = 500;

const term = z.string().trim().max(SEARCH_TEXT_MAX).optional().transform((s) => (s === '' ? undefined : s));
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'a real date')
  .optional();
/** "1", "true" → true; "0", "false" → false; absent → undefined (no condition). */
const flag = z
  .enum(['1', '0', 'true', 'false'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === '1' || v === 'true'));
const bytes = z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional();

/** The search criteria; all are ANDed. Absent fields set no condition. */
export const searchCriteriaShape = {
  /** The quick box: matches from, to, subject or body (ORed). */
  text: term,
  from: term,
  to: term,
  subject: term,
  body: term,
  /** On or after this day (IMAP SINCE, the server's date of arrival semantics are avoided: SENTSINCE). */
  since: day,
  /** Before this day (SENTBEFORE). */
  before: day,
  /** true: only messages with attachments; false: only without. */
  attachment: flag,
  /** true: unread only; false: read only. */
  unread: flag,
  /** true: flagged only; false: unflagged only. */
  flagged: flag,
  /** Larger than this many bytes (RFC822.SIZE). */
  larger: bytes,
  /** Smaller than this many bytes. */
  smaller: bytes,
} as const;

export const searchCriteriaSchema = z.object(searchCriteriaShape);
export type SearchCriteria = z.infer<typeof searchCriteriaSchema>;

export const SEARCH_FIELDS = Object.keys(searchCriteriaShape) as Array<keyof SearchCriteria>;

/** True when any criterion is set: the list is then a search, not the plain mailbox. */
export function isSearch(c: Partial<SearchCriteria>): boolean {
  return SEARCH_FIELDS.some((k) => c[k] !== undefined);
}

/**
 * GET API.searchAll with the criteria as query fields: every selectable
 * mailbox searched in parallel over a bounded number of connections; the
 * answer is NDJSON (application/x-ndjson), one event per line, each mailbox's
 * line written the moment that mailbox answers.
 */
export const searchAllQuerySchema = searchCriteriaSchema.extend({
  /** Rows sent with each mailbox's line (newest first); the rest page through the list endpoint with the same criteria. */
  perMailbox: z.coerce.number().int().positive().max(200).default(20),
});
export type SearchAllQuery = z.infer<typeof searchAllQuerySchema>;

export const searchAllEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), mailboxes: z.number().int().nonnegative() }),
  z.object({
    type: z.literal('mailbox'),
    path: z.string(),
    uidValidity: z.string(),
    /** Matches in this mailbox. */
    total: z.number().int().nonnegative(),
    /** The newest `perMailbox` matches. */
    items: z.array(messageSummarySchema),
  }),
  z.object({ type: z.literal('mailboxError'), path: z.string(), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('done'), searched: z.number().int().nonnegative(), failed: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
]);
export type SearchAllEvent = z.infer<typeof searchAllEventSchema>;

/** The criteria among a larger object's fields (a parsed list query), absent ones left out. */
export function pickCriteria(q: Partial<SearchCriteria>): Partial<SearchCriteria> {
  const out: Record<string, unknown> = {};
  for (const k of SEARCH_FIELDS) if (q[k] !== undefined) out[k] = q[k];
  return out as Partial<SearchCriteria>;
}

/** The criteria as query-string fields, the form the schemas above parse back ("1"/"0" for true/false). */
export function criteriaToQuery(c: Partial<SearchCriteria>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of SEARCH_FIELDS) {
    const v = c[k];
    if (v === undefined) continue;
    out[k] = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  }
  return out;
}
