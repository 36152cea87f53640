import { describe, expect, it } from 'vitest';
import { blankDraft, draftSchema, isBlockedAttachmentName, recipientSchema } from './compose.js';

describe('compose contract', () => {
  it('refuses CR, LF and control characters in anything that becomes a header', () => {
    expect(recipientSchema.safeParse({ name: 'Eve\r\nBcc: x@evil.test', address: 'eve@example.test' }).success).toBe(false);
    expect(recipientSchema.safeParse({ name: 'Müller, Hans "Hansi"', address: 'hans@bücher.example' }).success).toBe(true);
    const draft = {
      ...blankDraft('a'.repeat(20), { name: 'Me', address: 'me@example.test' }),
      subject: 'Hi\nBcc: victim@example.test',
      format: 'text',
      html: null,
      text: 'x',
    };
    expect(draftSchema.safeParse(draft).success).toBe(false);
    expect(draftSchema.safeParse({ ...draft, subject: 'Hi' }).success).toBe(true);
  });

  it('warns about the extensions servers bounce, whatever the case', () => {
    for (const name of ['setup.EXE', 'x.scr', 'a.b.js', 'invoice.pdf.lnk', 'run.bat']) expect(isBlockedAttachmentName(name), name).toBe(true);
    for (const name of ['report.pdf', 'photo.jpg', 'archive.zip', 'exe', 'notes.txt', '']) expect(isBlockedAttachmentName(name), name).toBe(false);
  });
});
