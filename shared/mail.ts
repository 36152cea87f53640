import { z } from 'zod';

/** Wire types of mail data (STYLE.md §5): zod schemas, types from z.infer, flags as string[], no Buffers. */

export const addressSchema = z.object({
  name: z.string(),
  address: z.string(),
});
export type Address = z.infer<typeof addressSchema>;

export const SPECIAL_USES = ['inbox', 'drafts', 'sent', 'trash', 'junk', 'archive', 'all', 'flagged'] as const;
export const specialUseSchema = z.enum(SPECIAL_USES);
export type SpecialUse = z.infer<typeof specialUseSchema>;

export const mailboxSchema = z.object({
  /** The full IMAP path (UTF-8, already decoded from modified UTF-7); the mailbox's key. */
  path: z.string(),
  /** The last path segment, for display. */
  name: z.string(),
  delimiter: z.string().nullable(),
  parentPath: z.string().nullable(),
  specialUse: specialUseSchema.nullable(),
  subscribed: z.boolean(),
  /** \Noselect mailboxes only group others. */
  selectable: z.boolean(),
  total: z.number().int().nonnegative(),
  unread: z.number().int().nonnegative(),
});
export type Mailbox = z.infer<typeof mailboxSchema>;

export const mailboxListSchema = z.object({ mailboxes: z.array(mailboxSchema) });
export type MailboxList = z.infer<typeof mailboxListSchema>;

export const spamVerdictSchema = z.object({
  /** The server (or a filter before it) tagged this message as spam. */
  tagged: z.boolean(),
  /** The score from X-Spam-Status / X-Spam-Score, when present. */
  score: z.number().nullable(),
});
export type SpamVerdict = z.infer<typeof spamVerdictSchema>;

export const messageSummarySchema = z.object({
  uid: z.number().int().positive(),
  from: addressSchema.nullable(),
  to: z.array(addressSchema),
  subject: z.string(),
  /** ISO 8601: the Date header, or the arrival time when the header is missing or unreadable. */
  date: z.string(),
  size: z.number().int().nonnegative(),
  flags: z.array(z.string()),
  hasAttachments: z.boolean(),
  spam: z.boolean(),
  /** A short plain-text preview, when the server offers one cheaply (RFC 8970 PREVIEW). */
  preview: z.string().nullable(),
});
export type MessageSummary = z.infer<typeof messageSummarySchema>;

export const PAGE_SIZE_MAX = 200;

/**
 * One page of a mailbox's list, messages or threads: `total` rows in the
 * list's order, of which `items` start at index `offset` (DESIGN.md §3).
 */
export function listPageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    path: z.string(),
    uidValidity: z.string(),
    total: z.number().int().nonnegative(),
    offset: z.number().int().nonnegative(),
    items: z.array(item),
  });
}

/** Messages in the mailbox; rows are addressed by their index in newest-first order. */
export const messagePageSchema = listPageSchema(messageSummarySchema);
export type MessagePage = z.infer<typeof messagePageSchema>;

export const attachmentSchema = z.object({
  /** The IMAP body part id ("2", "1.3"), used to stream the part. */
  partId: z.string(),
  filename: z.string(),
  contentType: z.string(),
  /** Encoded size on the server; the decoded file is about 3/4 of this for base64. */
  size: z.number().int().nonnegative(),
  /** Content-ID without angle brackets, for cid: references in the HTML body. */
  contentId: z.string().nullable(),
  inline: z.boolean(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const messageDetailSchema = z.object({
  path: z.string(),
  uidValidity: z.string(),
  uid: z.number().int().positive(),
  /** The Message-ID header (never our key). */
  headerMessageId: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  subject: z.string(),
  from: addressSchema.nullable(),
  sender: addressSchema.nullable(),
  replyTo: z.array(addressSchema),
  to: z.array(addressSchema),
  cc: z.array(addressSchema),
  bcc: z.array(addressSchema),
  date: z.string(),
  size: z.number().int().nonnegative(),
  flags: z.array(z.string()),
  spam: spamVerdictSchema,
  /** Unsanitised HTML: the client sanitises it with DOMPurify before display, never anything else. */
  html: z.string().nullable(),
  text: z.string().nullable(),
  /** A body part was larger than the display limit and was cut. */
  truncated: z.boolean(),
  attachments: z.array(attachmentSchema),
  /** The MIME structure could not be read fully; what could be shown is shown. */
  malformed: z.boolean(),
});
export type MessageDetail = z.infer<typeof messageDetailSchema>;
