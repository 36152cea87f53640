import { recipientSchema, type Draft, type Recipient } from '../../../shared/compose.js';
import { describeError } from '../errors.js';
import { i18n } from '../i18n/index.js';
import { htmlToText, referencedContentIds, toWireHtml } from './html.js';
import { parseRecipient, type ParsedRecipient } from './recipients.js';
import type { AttachmentItem } from './useAttachments.js';

/** What the compose form holds, before it becomes a Draft. */
export interface FormState {
  to: ParsedRecipient[];
  cc: ParsedRecipient[];
  bcc: ParsedRecipient[];
  subject: string;
  format: 'html' | 'text';
  /** The editor's HTML (images as data: with data-content-id). */
  html: string;
  text: string;
}

export function toParsed(list: Recipient[]): ParsedRecipient[] {
  return list.map((r) => ({ ...r, problem: parseRecipient(r.address).problem }));
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point: a line break in a header field could add a header
const CONTROL = /[\u0000-\u001f\u007f]+/g;
/** Header fields never carry line breaks (a pasted subject could); the server refuses them anyway. */
export function cleanHeaderText(s: string): string {
  return s.replace(CONTROL, ' ');
}

/** Recipients the contract accepts; invalid chips stay on screen and block Send, but never fail a draft save. */
const wire = (list: ParsedRecipient[]): Recipient[] =>
  list.map(({ name, address }) => ({ name: cleanHeaderText(name), address })).filter((r) => recipientSchema.safeParse(r).success);

export function buildDraft(base: Draft, form: FormState, attachments: AttachmentItem[]): Draft {
  // Inline images of a reopened draft show from their uploads' URLs; on the wire they are cid: again.
  const inline = new Map(attachments.flatMap((a) => (a.uploadId && a.contentId ? [[a.uploadId, a.contentId] as const] : [])));
  const html = form.format === 'html' ? toWireHtml(form.html, inline) : null;
  const shown = referencedContentIds(form.format === 'html' ? form.html : '', inline);
  return {
    ...base,
    to: wire(form.to),
    cc: wire(form.cc),
    bcc: wire(form.bcc),
    subject: cleanHeaderText(form.subject),
    format: form.format,
    html,
    text: form.format === 'text' ? form.text : '',
    attachments: attachments
      // A pasted image deleted from the text leaves the message too.
      .filter((a) => a.state === 'done' && a.uploadId !== null && (a.contentId === null || shown.has(a.contentId)))
      .map((a) => ({ uploadId: a.uploadId!, filename: a.filename, contentType: a.contentType, size: a.size, contentId: a.contentId })),
  };
}

/** Why Send must wait, as a sentence in the current language; null when it may go. */
export function sendProblem(form: FormState, attachments: AttachmentItem[]): string | null {
  const t = i18n.getFixedT(null, 'compose');
  const all = [...form.to, ...form.cc, ...form.bcc];
  const bad = all.filter((r) => r.problem);
  if (bad.length) return t('problem.badAddresses', { count: bad.length, list: bad.map((r) => r.address).join(', ') });
  if (all.length === 0) return t('problem.noRecipient');
  if (attachments.some((a) => a.state === 'uploading')) return describeError({ code: 'UPLOAD_INCOMPLETE' });
  if (attachments.some((a) => a.state === 'failed')) return t('problem.uploadFailed');
  return null;
}

/** The text for the editor when the format is switched. */
export function switchFormat(form: FormState, to: 'html' | 'text', textToHtml: (t: string) => string): FormState {
  if (form.format === to) return form;
  return to === 'text' ? { ...form, format: 'text', text: htmlToText(form.html) } : { ...form, format: 'html', html: textToHtml(form.text) };
}
