import { z } from 'zod';
import { addressSchema, listPageSchema, messageDetailSchema, messageSummarySchema } from './mail.js';

/**
 * Conversations (issue 5 part 1). The thread view of a mailbox is a list of
 * threads, newest activity first, paged by index like the message list; the
 * threads come from the server's THREAD=REFS / THREAD=REFERENCES where it
 * offers them, otherwise from JWZ threading over envelopes done here.
 */

export const threadSummarySchema = z.object({
  /** Thread key: the UID of the thread's first (root) message in this mailbox. */
  id: z.number().int().positive(),
  /** Every member's UID in this mailbox, in thread order (depth first, as the server answers). */
  uids: z.array(z.number().int().positive()),
  /** Nesting depth of each member, parallel to `uids` (0 for the root). */
  depths: z.array(z.number().int().nonnegative()),
  /** Unread members. */
  unread: z.number().int().nonnegative(),
  flagged: z.boolean(),
  /** Distinct senders, oldest first, at most 4. */
  participants: z.array(addressSchema),
  /** The newest member, shown as the thread's row. */
  latest: messageSummarySchema,
});
export type ThreadSummary = z.infer<typeof threadSummarySchema>;

/** Threads in the mailbox, newest activity first. */
export const threadPageSchema = listPageSchema(threadSummarySchema);
export type ThreadPage = z.infer<typeof threadPageSchema>;

/** How the server threaded, for tests and the benchmark. */
export const THREAD_METHODS = ['refs', 'references', 'jwz'] as const;
export type ThreadMethod = (typeof THREAD_METHODS)[number];

export const CONVERSATION_MESSAGES_MAX = 100;

/**
 * One conversation for the reader: the thread's messages in this mailbox plus
 * the user's own replies found in Sent (matched by Message-ID chains), oldest
 * first, each with its mailbox in `path`.
 */
export const conversationSchema = z.object({
  subject: z.string(),
  messages: z.array(messageDetailSchema),
  /** Members beyond CONVERSATION_MESSAGES_MAX not included (the oldest are dropped first). */
  omitted: z.number().int().nonnegative(),
});
export type Conversation = z.infer<typeof conversationSchema>;
