import { describe, expect, it } from 'vitest';
import { analyseStructure, hasAttachments, safeFilename, type StructureNode } from './structure.js';

const text = (part: string | undefined, extra: Partial<StructureNode> = {}): StructureNode => ({ part, type: 'text/plain', parameters: { charset: 'utf-8' }, size: 100, ...extra });
const html = (part: string, extra: Partial<StructureNode> = {}): StructureNode => ({ part, type: 'text/html', parameters: { charset: 'utf-8' }, size: 300, ...extra });

describe('MIME structure → reader parts', () => {
  it('a single-part message is part 1', () => {
    const parts = analyseStructure(text(undefined));
    expect(parts.text?.partId).toBe('1');
    expect(parts.html).toBeNull();
    expect(parts.attachments).toEqual([]);
  });

  it('multipart/alternative offers both bodies', () => {
    const parts = analyseStructure({ type: 'multipart/alternative', childNodes: [text('1'), html('2')] });
    expect(parts.text?.partId).toBe('1');
    expect(parts.html?.partId).toBe('2');
  });

  it('mixed with alternative, related images and attachments', () => {
    const tree: StructureNode = {
      type: 'multipart/mixed',
      childNodes: [
        {
          part: '1',
          type: 'multipart/alternative',
          childNodes: [
            text('1.1'),
            { part: '1.2', type: 'multipart/related', childNodes: [html('1.2.1'), { part: '1.2.2', type: 'image/png', id: '<logo@x>', disposition: 'inline', size: 10 }] },
          ],
        },
        { part: '2', type: 'application/pdf', disposition: 'attachment', dispositionParameters: { filename: 'Rechnung März.pdf' }, size: 5000 },
        { part: '3', type: 'message/rfc822', size: 800, childNodes: [text('3.1')] },
      ],
    };
    const parts = analyseStructure(tree);
    expect(parts.html?.partId).toBe('1.2.1');
    expect(parts.text?.partId).toBe('1.1');
    expect(parts.attachments.map((a) => [a.partId, a.filename, a.inline, a.contentId])).toEqual([
      ['1.2.2', 'part-1.2.2.png', true, 'logo@x'],
      ['2', 'Rechnung März.pdf', false, null],
      ['3', 'part-3.eml', false, null],
    ]);
    expect(hasAttachments(tree)).toBe(true);
  });

  it('an HTML mail whose only extra parts are cid: images has no paperclip', () => {
    const tree: StructureNode = { type: 'multipart/related', childNodes: [html('1'), { part: '2', type: 'image/gif', id: '<a@b>', size: 10 }] };
    expect(analyseStructure(tree).attachments[0]).toMatchObject({ inline: true, contentId: 'a@b' });
    expect(hasAttachments(tree)).toBe(false);
  });

  it('a text part with a filename or attachment disposition is an attachment, not the body', () => {
    const tree: StructureNode = {
      type: 'multipart/mixed',
      childNodes: [text('1'), text('2', { disposition: 'attachment', dispositionParameters: { filename: 'notes.txt' } }), html('3', { parameters: { name: 'page.html' } })],
    };
    const parts = analyseStructure(tree);
    expect(parts.text?.partId).toBe('1');
    expect(parts.html).toBeNull();
    expect(parts.attachments.map((a) => a.filename)).toEqual(['notes.txt', 'page.html']);
  });

  it('no structure at all gives nothing to show (the caller falls back to the lenient parser)', () => {
    expect(analyseStructure(undefined)).toEqual({ html: null, text: null, attachments: [], suspect: true });
  });

  it('a multipart whose parts are all empty (the boundary never occurred) is suspect', () => {
    const broken: StructureNode = { type: 'multipart/mixed', childNodes: [text('1', { size: 0 })] };
    expect(analyseStructure(broken).suspect).toBe(true);
    expect(analyseStructure({ type: 'multipart/alternative', childNodes: [text('1'), html('2')] }).suspect).toBe(false);
    expect(analyseStructure(text(undefined, { size: 0 })).suspect).toBe(false); // an empty single-part mail is just empty
  });

  it('filenames cannot carry paths or control characters', () => {
    expect(safeFilename('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFilename('a\r\nb.txt')).toBe('a__b.txt');
    expect(safeFilename('')).toBe('attachment');
  });
});
