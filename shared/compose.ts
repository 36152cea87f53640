import { z } from 'zod';
import { identityIdSchema } from './identities.js';

/**
 * The compose/send contract (issue 3). Header-bound strings refuse CR, LF and
 * other control characters at the boundary, so no input can add a header.
 */

// eslint-disable-next-line no-control-regex -- refusing control characters is the point: a line break could add a header
const CONTROL = /[\u0000-\u001f\u007f]/;
const headerText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !CONTROL.test(s), 'must not contain line breaks or control characters');

export const recipientSchema = z.object({
  name: headerText(200),
  /** Validated on the server with an RFC 5322 parser (IDN domains and UTF-8 local parts allowed). */
  address: headerText(320).pipe(z.string().min(3)),
});
export type Recipient = z.infer<typeof recipientSchema>;

export const RECIPIENTS_MAX = 500;

/** A finished upload attached to the message. */
export const draftAttachmentSchema = z.object({
  uploadId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  filename: z.string().min(1).max(255),
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/),
  size: z.number().int().nonnegative(),
  /** Set for images pasted into the HTML body: referenced there as cid:<contentId>. */
  contentId: z.string().regex(/^[\w.@-]{1,100}$/).nullable(),
});
export type DraftAttachment = z.infer<typeof draftAttachmentSchema>;

/** A message that already lives on the IMAP server (the original of a reply, a draft). */
export const messageRefSchema = z.object({
  mailbox: z.string().min(1).max(1000),
  uid: z.number().int().positive(),
});
export type MessageRef = z.infer<typeof messageRefSchema>;

export const COMPOSE_MODES = ['new', 'reply', 'replyAll', 'forward', 'forwardAsAttachment', 'editAsNew', 'draft'] as const;
export const composeModeSchema = z.enum(COMPOSE_MODES);
export type ComposeMode = z.infer<typeof composeModeSchema>;

export const draftSchema = z.object({
  /** Chosen by the client when composing starts; stable across autosaves (the X-Webmail-Draft-Id header). */
  draftId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  /**
   * Shown to the user; the server never sends with it. The identity (shared/identities.ts)
   * decides From and Reply-To: `identityId`, or, when null (a draft from before identities),
   * the user's identity with this address.
   */
  from: recipientSchema,
  /** The sender identity; absent (or null) in drafts saved before identities existed, which stay valid. */
  identityId: identityIdSchema.nullable().optional(),
  to: z.array(recipientSchema).max(RECIPIENTS_MAX),
  cc: z.array(recipientSchema).max(RECIPIENTS_MAX),
  bcc: z.array(recipientSchema).max(RECIPIENTS_MAX),
  subject: headerText(998),
  format: z.enum(['html', 'text']),
  /** The editor's HTML (format "html"); the server derives the text part from it. */
  html: z.string().max(5_000_000).nullable(),
  /** The body in plain-text mode. */
  text: z.string().max(5_000_000),
  /** Message-IDs with angle brackets, for threading (RFC 5322 §3.6.4). */
  inReplyTo: headerText(998).nullable(),
  references: z.array(headerText(998)).max(100),
  attachments: z.array(draftAttachmentSchema).max(100),
  /** What this message answers or forwards, to flag it \Answered / $Forwarded after sending. */
  source: z.object({ mode: composeModeSchema, message: messageRefSchema.nullable() }),
  /** "Forward as attachment": the original goes along as a message/rfc822 part. */
  attachMessage: messageRefSchema.nullable(),
  /** The draft's copy in the Drafts mailbox, replaced by each save and removed after sending. */
  savedAs: messageRefSchema.nullable(),
});
export type Draft = z.infer<typeof draftSchema>;

/** A draft with nothing in it yet: the one place the defaults of every field are written. */
export function blankDraft(draftId: string, from: Recipient): Draft {
  return {
    draftId,
    from,
    identityId: null,
    to: [],
    cc: [],
    bcc: [],
    subject: '',
    format: 'html',
    html: '',
    text: '',
    inReplyTo: null,
    references: [],
    attachments: [],
    source: { mode: 'new', message: null },
    attachMessage: null,
    savedAs: null,
  };
}

export const savedDraftSchema = z.object({ savedAs: messageRefSchema });
export type SavedDraft = z.infer<typeof savedDraftSchema>;

export const sendRequestSchema = z.object({
  draft: draftSchema,
  /** "Send later": an ISO time in the future. Without it the configured undo delay applies. */
  sendAt: z.iso.datetime({ offset: true }).nullable(),
});
export type SendRequest = z.infer<typeof sendRequestSchema>;

export const outboxEntrySchema = z.object({
  id: z.string(),
  subject: z.string(),
  to: z.array(recipientSchema),
  /** When the server will hand it to the submission server. */
  sendAt: z.string(),
  state: z.enum(['waiting', 'sending', 'sent', 'failed', 'cancelled']),
  /** Error code from the registry when state is "failed"; the message is back in Drafts. */
  error: z.string().nullable(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;
export const outboxListSchema = z.object({ entries: z.array(outboxEntrySchema) });

export const composeLimitsSchema = z.object({
  /** Largest message the submission server accepts (EHLO SIZE) or the configured cap, whichever is lower. */
  maxMessageBytes: z.number().int().positive(),
  /** Attachments add about a third when base64-encoded; this is the raw budget for all files together. */
  maxAttachmentBytes: z.number().int().positive(),
  undoSeconds: z.number().int().nonnegative(),
  uploadChunkBytes: z.number().int().positive(),
});
export type ComposeLimits = z.infer<typeof composeLimitsSchema>;

/** Extensions that common server filters bounce (ClamAV, Postfix header_checks, Gmail's list). */
export const BLOCKED_EXTENSIONS = [
  'ade', 'adp', 'apk', 'appx', 'bat', 'cab', 'chm', 'cmd', 'com', 'cpl', 'dll', 'dmg', 'exe', 'hta', 'ins', 'iso', 'isp',
  'jar', 'js', 'jse', 'lib', 'lnk', 'mde', 'msc', 'msi', 'msix', 'msp', 'mst', 'nsh', 'pif', 'ps1', 'reg', 'scr', 'sct',
  'shb', 'sys', 'vb', 'vbe', 'vbs', 'vxd', 'wsc', 'wsf', 'wsh',
] as const;

/** True when a file name's extension is one that mail servers commonly refuse: suggest zipping it first. */
export function isBlockedAttachmentName(filename: string): boolean {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename.trim())?.[1]?.toLowerCase();
  return ext !== undefined && (BLOCKED_EXTENSIONS as readonly string[]).includes(ext);
}

export const uploadCreateSchema = z.object({
  filename: z.string().min(1).max(1000),
  contentType: z.string().max(200),
  size: z.number().int().nonnegative(),
});
export const uploadStatusSchema = z.object({
  uploadId: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  /** Bytes the server has; the next chunk starts here (resume after a dropped link). */
  received: z.number().int().nonnegative(),
  complete: z.boolean(),
});
export type UploadStatus = z.infer<typeof uploadStatusSchema>;

export const COMPOSE_API = {
  limits: '/api/compose/limits',
  prefill: '/api/compose/prefill',
  drafts: '/api/drafts',
  send: '/api/send',
  outbox: '/api/outbox',
  outboxEntry: (id: string) => `/api/outbox/${encodeURIComponent(id)}`,
  uploads: '/api/uploads',
  upload: (id: string) => `/api/uploads/${encodeURIComponent(id)}`,
  /** An uploaded image, for showing a reopened draft's inline images in the editor. */
  uploadContent: (id: string) => `/api/uploads/${encodeURIComponent(id)}/content`,
  addresses: '/api/addresses',
} as const;
