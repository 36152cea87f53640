// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { draftSchema } from '../../../shared/compose.js';
import { htmlToText, newContentId, newDraftId, referencedContentIds, textToHtml, toWireHtml } from './html.js';

describe('compose HTML', () => {
  it('serialises pasted images as cid: references and drops the data: URL', () => {
    const html = '<p>Look:</p><p><img src="data:image/png;base64,AAAA" data-content-id="abc@webmail" alt="x"></p>';
    const wire = toWireHtml(html);
    expect(wire).toBe('<p>Look:</p><p><img src="cid:abc@webmail" alt="x"></p>');
    expect(wire).not.toContain('data:');
    expect([...referencedContentIds(html)]).toEqual(['abc@webmail']);
    expect([...referencedContentIds(wire)]).toEqual(['abc@webmail']);
  });

  it('a reopened draft\'s inline images, shown from their uploads, go back on the wire as cid: and stay attached', () => {
    const uploads = new Map([['UPLOAD123456789012345', 'photo@webmail']]);
    const html = '<p>See</p><img src="https://mail.example.test/api/uploads/UPLOAD123456789012345/content"><img src="https://elsewhere.example/x.png">';
    const wire = toWireHtml(html, uploads);
    expect(wire).toContain('<img src="cid:photo@webmail">');
    expect(wire).not.toContain('/api/uploads/');
    expect([...referencedContentIds(html, uploads)]).toEqual(['photo@webmail']);
    // An upload URL that is not one of this draft's inline images is left alone, never given a made-up cid.
    expect(toWireHtml('<img src="https://mail.example.test/api/uploads/OTHER1234567890123456/content">', uploads)).toContain('/api/uploads/OTHER');
  });

  it('turns HTML into text block by block, quoting blockquotes', () => {
    const html = '<p>Hi <strong>Ann</strong>,</p><ul><li>one</li><li>two</li></ul><blockquote><p>old line</p><p>older</p></blockquote><p>a<br>b</p>';
    expect(htmlToText(html)).toBe('Hi Ann,\n- one\n- two\n> old line\n> older\na\nb');
    expect(textToHtml('a <b>\nc')).toBe('<p>a &lt;b&gt;</p><p>c</p>');
  });

  it('makes ids the contract accepts', () => {
    const id = newDraftId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(newDraftId()).not.toBe(id);
    expect(newContentId()).toMatch(/^[\w.@-]{1,100}$/);
    expect(draftSchema.shape.draftId.safeParse(id).success).toBe(true);
  });
});

describe('buildDraft', () => {
  it('keeps invalid chips out of the saved draft, strips line breaks from headers, drops images no longer shown', async () => {
    const { buildDraft, sendProblem } = await import('./draftForm.js');
    const base = { draftId: newDraftId(), from: { name: '', address: 'me@x.org' }, to: [], cc: [], bcc: [], subject: '', format: 'html' as const,
      html: null, text: '', inReplyTo: null, references: [], attachments: [], source: { mode: 'new' as const, message: null }, attachMessage: null, savedAs: null };
    const att = (contentId: string | null, id: string) => ({ key: id, filename: 'f.png', size: 3, contentType: 'image/png', contentId, received: 3, state: 'done' as const, uploadId: id.repeat(16), error: null, blocked: false });
    const form = {
      to: [{ name: 'A\r\nBcc: x', address: 'a@x.org', problem: null }, { name: '', address: 'no', problem: 'has no @' }], cc: [], bcc: [],
      subject: 'Hi\r\nBcc: evil@x.org', format: 'html' as const, html: '<p><img src="data:image/png;base64,AA" data-content-id="k@webmail"></p>', text: '',
    };
    const draft = buildDraft(base, form, [att('k@webmail', 'a'), att('gone@webmail', 'b'), att(null, 'c')]);
    expect(draftSchema.safeParse(draft).success).toBe(true);
    expect(draft.to).toEqual([{ name: 'A Bcc: x', address: 'a@x.org' }]);
    expect(draft.subject).toBe('Hi Bcc: evil@x.org');
    expect(draft.html).toContain('src="cid:k@webmail"');
    expect(draft.attachments.map((a) => a.contentId)).toEqual(['k@webmail', null]);
    expect(sendProblem(form, [])).toMatch(/marked in red.*no/);
    expect(sendProblem({ ...form, to: [] }, [])).toBe('Add at least one recipient.');
  });
});
