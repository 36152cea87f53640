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
