import { z } from 'zod';
import { messageSummarySchema, PAGE_SIZE_MAX } from './mail.js';
import { expandUidSet, orderedUidList, UID_SET_PATTERN, uidSetSize } from './uid-set.js';
import { searchCriteriaShape } from './search.js';

/**
 * The HTTP contract between client and server. Mailbox paths travel in query
 * strings or JSON bodies, never in URL path segments: reverse proxies (Apache's
 * AllowEncodedSlashes default) refuse %2F in paths, and IMAP paths contain "/".
 */
export const API = {
  session: '/api/session',
  mailboxes: '/api/mailboxes',
  messages: '/api/messages',
  message: (uid: number) => `/api/messages/${uid}`,
  attachment: (uid: number, partId: string) => `/api/messages/${uid}/parts/${encodeURIComponent(partId)}`,
  actions: '/api/messages/actions',
  previews: '/api/messages/previews',
  /** NDJSON-streamed bulk action on a selection of any size (shared/bulk.ts). */
  bulk: '/api/messages/bulk',
  /** Summaries of given UIDs (an expanded thread's rows). */
  summaries: '/api/messages/summaries',
  /** The thread view of a mailbox (shared/threads.ts). */
  threads: '/api/threads',
  /** One conversation for the reader, with the user's replies from Sent. */
  conversation: '/api/conversation',
  /** NDJSON-streamed search across every mailbox (shared/search.ts). */
  searchAll: '/api/search',
} as const;

/** The media type of streamed answers: one JSON value per line. */
export const NDJSON_TYPE = 'application/x-ndjson';

/** The header that carries the session's CSRF token on every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';

export const loginRequestSchema = z.object({
  address: z.string().trim().min(3).max(320).regex(/^[^\s@]+@[^\s@]+$/, 'an email address'),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionInfoSchema = z.object({
  user: z.object({ address: z.string() }),
  /** Echoed back in the x-csrf-token header; kept in memory by the SPA, never in storage. */
  csrfToken: z.string(),
  /** Seconds of inactivity after which the session ends. */
  idleTimeoutSeconds: z.number().int().positive(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

const uidParam = z.coerce.number().int().positive().max(0xffffffff);
const mailboxParam = z.string().min(1).max(1000);

/** List orders (RFC 5256 keys); "arrival" is UID order, the list's own. */
export const SORT_KEYS = ['date', 'arrival', 'from', 'to', 'subject', 'size'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const messageListQuerySchema = z.object({
  mailbox: mailboxParam,
  offset: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().positive().max(PAGE_SIZE_MAX).default(50),
  sort: z.enum(SORT_KEYS).default('arrival'),
  order: z.enum(SORT_ORDERS).default('desc'),
  // With any search criterion set, the list is the virtual mailbox of its matches (shared/search.ts).
  ...searchCriteriaShape,
});
export type MessageListQuery = z.infer<typeof messageListQuerySchema>;

export const PREVIEW_UIDS_MAX = 200;

/** A query's UID set of at most PREVIEW_UIDS_MAX UIDs, read into a list by `toList`. */
function uidSetQuery(example: string, toList: (set: string) => number[]) {
  return z
    .string()
    .regex(UID_SET_PATTERN, `a UID set such as ${example}`)
    .refine((s) => uidSetSize(s) <= PREVIEW_UIDS_MAX, `at most ${PREVIEW_UIDS_MAX} UIDs`)
    .transform(toList)
    .refine((uids) => uids.every((u) => u > 0 && u <= 0xffffffff), 'UIDs are between 1 and 4294967295');
}

export const previewsQuerySchema = z.object({
  mailbox: mailboxParam,
  /** The rows of one list page as a UID set ("99951:100000"): short URLs on slow links. */
  uids: uidSetQuery('1:50,72', (s) => [...expandUidSet(s)]),
});

/** Short plain-text previews by UID; UIDs the server had none for are absent. */
export const previewsSchema = z.object({ previews: z.record(z.string(), z.string()) });
export type Previews = z.infer<typeof previewsSchema>;

/** GET API.threads: the thread view, paged by thread index, newest activity first. */
export const threadListQuerySchema = z.object({
  mailbox: mailboxParam,
  offset: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().positive().max(PAGE_SIZE_MAX).default(50),
});
export type ThreadListQuery = z.infer<typeof threadListQuerySchema>;

/** GET API.conversation: the conversation of one message. */
export const conversationQuerySchema = z.object({ mailbox: mailboxParam, uid: uidParam });

/**
 * GET API.summaries: list rows for given UIDs (same UID-set form and cap as
 * previews), answered in the set's own order ("12,5,9" gives rows 12, 5, 9),
 * so an expanded thread asks in thread order. UIDs no longer there are left
 * out; when none is there the answer is MESSAGE_NOT_FOUND.
 */
export const summariesQuerySchema = z.object({
  mailbox: mailboxParam,
  uids: uidSetQuery('12,5,9', orderedUidList),
});
export const summariesSchema = z.object({ items: z.array(messageSummarySchema) });

export const messageQuerySchema = z.object({
  mailbox: mailboxParam,
  /** When given, a UIDVALIDITY change answers 409 instead of showing another message under the same UID. */
  uidValidity: z.string().regex(/^\d+$/).optional(),
});
export type MessageQuery = z.infer<typeof messageQuerySchema>;

export const messageParamsSchema = z.object({ uid: uidParam });

export const partParamsSchema = z.object({
  uid: uidParam,
  partId: z.string().regex(/^\d+(\.\d+)*$/, 'an IMAP body part id'),
});

export const MESSAGE_ACTIONS = ['markRead', 'markUnread', 'flag', 'unflag', 'move', 'delete', 'markSpam', 'markNotSpam'] as const;
export const messageActionSchema = z.enum(MESSAGE_ACTIONS);
export type MessageAction = z.infer<typeof messageActionSchema>;

export const ACTION_UIDS_MAX = 500_000;

export const messageActionRequestSchema = z
  .object({
    mailbox: mailboxParam,
    uids: z.array(uidParam).min(1).max(ACTION_UIDS_MAX),
    action: messageActionSchema,
    /** Destination of `move`. */
    target: mailboxParam.optional(),
  })
  .refine((r) => r.action !== 'move' || r.target !== undefined, { message: 'move needs a target', path: ['target'] });
export type MessageActionRequest = z.infer<typeof messageActionRequestSchema>;

export const messageActionResultSchema = z.object({
  action: messageActionSchema,
  /** UIDs that existed and were acted on. */
  affected: z.number().int().nonnegative(),
  /** Where the messages went, for move/delete/spam actions; null when they were expunged. */
  destination: z.string().nullable(),
});
export type MessageActionResult = z.infer<typeof messageActionResultSchema>;
