import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { z } from 'zod';
import { composeModeSchema, draftSchema, messageRefSchema, type Draft, type DraftAttachment, type MessageRef, type Recipient } from '../../shared/compose.js';
import { identityIdSchema } from '../../shared/identities.js';
import { AppError } from '../errors.js';
import { appendFile, deleteMessages, findByHeader, specialMailbox } from '../imap/append.js';
import { downloadSource } from '../imap/source.js';
import { DRAFT_ID_HEADER, DRAFT_META_HEADER, prepareMessage, type BuildContext } from './build.js';
import { parseMessageIds } from './reply-rules.js';

export const DRAFT_FLAGS = ['\\Draft', '\\Seen'];

/**
 * Saves a draft to the Drafts mailbox (found by SPECIAL-USE) and removes the
 * copies it replaces: the `savedAs` UID and any other message carrying the
 * same X-Webmail-Draft-Id (a save from a second tab, or one whose answer was
 * lost on a dropped link). The old copies go only after the APPEND succeeded,
 * so at every moment at least one copy exists.
 */
export async function saveDraft(ctx: BuildContext, draft: Draft): Promise<MessageRef> {
  const prepared = await prepareMessage(ctx, draft, { forDraft: true });
  try {
    return await ctx.session.run(async (client) => {
      const drafts = await specialMailbox(client, 'drafts');
      const copy = await appendFile({ client, ...ctx.session.account }, drafts, prepared.rawPath, DRAFT_FLAGS);
      const old = new Set(await findByHeader(client, drafts, DRAFT_ID_HEADER, draft.draftId));
      if (draft.savedAs?.mailbox === drafts) old.add(draft.savedAs.uid);
      old.delete(copy.uid);
      await deleteMessages(client, drafts, [...old]);
      return { mailbox: drafts, uid: copy.uid };
    });
  } finally {
    await rm(prepared.rawPath, { force: true });
  }
}

const draftMetaSchema = z.object({
  v: z.literal(1),
  source: z.object({ mode: composeModeSchema, message: messageRefSchema.nullable() }),
  attachMessage: messageRefSchema.nullable(),
  format: z.enum(['html', 'text']),
  /** Since identities (issue 7): absent in older drafts, which then send as the identity of their From. */
  identityId: identityIdSchema.nullable().optional(),
});

function decodeMeta(value: string | undefined): z.infer<typeof draftMetaSchema> | null {
  if (!value) return null;
  try {
    const parsed = draftMetaSchema.safeParse(JSON.parse(Buffer.from(value, 'base64').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point: the schema refuses them in header text
const CONTROL = /[\u0000-\u001f\u007f]+/g;
/** Header text from a stored message, made fit for the schema (which refuses control characters). */
export function cleanHeaderText(s: string | undefined | null, max = 998): string {
  return (s ?? '').replace(CONTROL, ' ').trim().slice(0, max);
}

export function recipientsOf(field: AddressObject | AddressObject[] | undefined): Recipient[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  const out: Recipient[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const e of entries) {
      if (e.group) walk(e.group);
      else if (e.address && e.address.length >= 3) out.push({ name: cleanHeaderText(e.name, 200), address: cleanHeaderText(e.address, 320) });
    }
  };
  for (const a of list) walk(a.value);
  return out;
}

export function newDraftId(): string {
  return randomBytes(18).toString('base64url');
}

function headerString(parsed: ParsedMail, name: string): string | undefined {
  const v = parsed.headers.get(name);
  return typeof v === 'string' ? v : undefined;
}

/**
 * Reopens a saved draft as a Draft to continue: its text, recipients (Bcc
 * included), threading headers, and its attachments turned back into uploads.
 * mailparser buffers parts in memory; that is acceptable for a draft the user
 * wrote, which the message size limit bounds.
 */
export async function reopenDraft(ctx: BuildContext, ref: MessageRef): Promise<Draft> {
  mkdirSync(ctx.workDir, { recursive: true, mode: 0o700 });
  const file = path.join(ctx.workDir, `${Date.now()}-${randomBytes(9).toString('base64url')}.draft.eml`);
  try {
    await downloadSource(ctx.session, ref.mailbox, ref.uid, file, ctx.maxMessageBytes * 2);
    const parsed = await simpleParser(createReadStream(file), { keepCidLinks: true, skipTextToHtml: true, skipImageLinks: true });
    const meta = decodeMeta(headerString(parsed, DRAFT_META_HEADER.toLowerCase()));
    const idHeader = headerString(parsed, DRAFT_ID_HEADER.toLowerCase());
    const attachments: DraftAttachment[] = [];
    for (const a of parsed.attachments) {
      const stored = await ctx.uploads.createFromStream(
        ctx.owner,
        { filename: a.filename || 'attachment', contentType: a.contentType || 'application/octet-stream' },
        Readable.from([a.content]),
      );
      const cid = a.cid && /^[\w.@-]{1,100}$/.test(a.cid) ? a.cid : null;
      attachments.push({ uploadId: stored.uploadId, filename: stored.filename, contentType: stored.contentType, size: stored.size, contentId: cid });
    }
    const from = recipientsOf(parsed.from)[0];
    const html = typeof parsed.html === 'string' ? parsed.html : null;
    const format = meta?.format ?? (html !== null ? 'html' : 'text');
    const inReplyTo = parseMessageIds(headerString(parsed, 'in-reply-to'))[0] ?? null;
    const refsHeader = parsed.headers.get('references');
    const references = (Array.isArray(refsHeader) ? refsHeader : typeof refsHeader === 'string' ? parseMessageIds(refsHeader) : []).slice(0, 100);
    const draft = {
      draftId: idHeader && /^[A-Za-z0-9_-]{16,64}$/.test(idHeader) ? idHeader : newDraftId(),
      from: from ?? { name: '', address: ctx.owner },
      identityId: meta?.identityId ?? null,
      to: recipientsOf(parsed.to),
      cc: recipientsOf(parsed.cc),
      bcc: recipientsOf(parsed.bcc),
      subject: cleanHeaderText(parsed.subject),
      format,
      html: format === 'html' ? (html ?? '') : null,
      text: format === 'text' ? (parsed.text ?? '').replace(/\r\n/g, '\n').replace(/\n$/, '') : (parsed.text ?? ''),
      inReplyTo,
      references,
      attachments,
      source: meta?.source ?? { mode: 'draft', message: null },
      attachMessage: meta?.attachMessage ?? null,
      savedAs: ref,
    };
    const checked = draftSchema.safeParse(draft);
    if (!checked.success) throw new AppError('MESSAGE_NOT_FOUND', 'This draft could not be read back.', { cause: checked.error });
    return checked.data;
  } finally {
    await rm(file, { force: true });
  }
}
