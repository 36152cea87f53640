import { describe, expect, it } from 'vitest';
import { draftSchema, isBlockedAttachmentName, recipientSchema } from './compose.js';

describe('compose contract', () => {
  it('refuses CR, LF and control characters in anything that becomes a header', () => {
    expect(recipientSchema.safeParse({ name: 'Eve\r\nBcc: x@evil.test', address: 'eve@example.test' }).success).toBe(false);
    expect(recipientSchema.safeParse({ name: 'Müller, Hans "Hansi"', address: 'hans@bücher.example' }).success).toBe(true);
    const draft = {
      draftId: 'a'.repeat(20),
      from: { name: 'Me', address: 'me@example.test' },
      to: [],
      cc: [],
      bcc: [],
      subject: 'Hi\nBcc: victim@example.test',
      format: 'text',
      html: null,
      text: 'x',
      inReplyTo: null,
      references: [],
      attachments: [],
      source: { mode: 'new', message: null },
      attachMessage: null,
      savedAs: null,
    };
    expect(draftSchema.safeParse(draft).success).toBe(false);
    expect(draftSchema.safeParse({ ...draft, subject: 'Hi' }).success).toBe(true);
  });

  it('warns about the extensions servers bounce, whatever the case', () => {
    for (const name of ['setup.EXE', 'x.scr', 'a.b.js', 'invoice.pdf.lnk', 'run.bat']) expect(isBlockedAttachmentName(name), name).toBe(true);
    for (const name of ['report.pdf', 'photo.jpg', 'archive.zip', 'exe', 'notes.txt', '']) expect(isBlockedAttachmentName(name), name).toBe(false);
  });
});
