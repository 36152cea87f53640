import { describe, expect, it } from 'vitest';
import { cleanContentType, cleanFilename, FILENAME_MAX } from './filename.js';

describe('cleanFilename', () => {
  it('keeps only the last path part, for either separator', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('C:\\Users\\ann\\Desktop\\report.pdf')).toBe('report.pdf');
    expect(cleanFilename('a/b\\c.txt')).toBe('c.txt');
  });

  it('strips control characters, so no header or log line can be forged', () => {
    expect(cleanFilename('evil\r\nBcc: x@example.com.txt')).toBe('evilBcc: x@example.com.txt');
    expect(cleanFilename('a\u0000b\u007fc\u0085.txt')).toBe('abc.txt');
  });

  it('strips bidi overrides that disguise an extension', () => {
    expect(cleanFilename('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  });

  it('strips leading dots and falls back when nothing is left', () => {
    expect(cleanFilename('.bashrc')).toBe('bashrc');
    expect(cleanFilename('...')).toBe('attachment');
    expect(cleanFilename('dir/')).toBe('attachment');
    expect(cleanFilename('\r\n')).toBe('attachment');
    expect(cleanFilename('')).toBe('attachment');
  });

  it('keeps Unicode', () => {
    expect(cleanFilename('Übersicht – 日本語 📎.pdf')).toBe('Übersicht – 日本語 📎.pdf');
  });

  it('caps the length at 200 characters, keeping the extension and whole code points', () => {
    const long = cleanFilename(`${'ж'.repeat(150)}${'📎'.repeat(100)}.pdf`);
    expect(Array.from(long)).toHaveLength(FILENAME_MAX);
    expect(long.endsWith('📎.pdf')).toBe(true);
    expect(long).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no lone high surrogate
    expect(Array.from(cleanFilename('x'.repeat(500)))).toHaveLength(FILENAME_MAX);
  });
});

describe('cleanContentType', () => {
  it('keeps a bare type/subtype in lower case', () => {
    expect(cleanContentType('Image/PNG')).toBe('image/png');
    expect(cleanContentType('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });

  it('drops parameters', () => {
    expect(cleanContentType('text/plain; charset=utf-8')).toBe('text/plain');
  });

  it('falls back to application/octet-stream for anything else', () => {
    for (const bad of ['', 'text', 'text/html\r\nX-Evil: 1', 'a/b/c', 'image/png"', '日本/語']) {
      expect(cleanContentType(bad)).toBe('application/octet-stream');
    }
  });
});
