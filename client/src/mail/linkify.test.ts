import { describe, expect, it } from 'vitest';
import { linkify } from './linkify.js';

const links = (text: string) => linkify(text).filter((s) => s.kind === 'link').map((s) => (s.kind === 'link' ? s.href : ''));

describe('linkify', () => {
  it('returns plain text untouched', () => {
    expect(linkify('no links here')).toEqual([{ kind: 'text', text: 'no links here' }]);
    expect(linkify('')).toEqual([]);
  });

  it('splits text around links and keeps every character', () => {
    const text = 'See https://example.org/a?b=1#c and mailto:me@example.org now';
    const segments = linkify(text);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(links(text)).toEqual(['https://example.org/a?b=1#c', 'mailto:me@example.org']);
  });

  it.each([
    ['Go to https://example.org.', 'https://example.org'],
    ['(see https://example.org/x)', 'https://example.org/x'],
    ['https://en.wikipedia.org/wiki/Foo_(bar) is it', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ['"http://example.org/q", she said', 'http://example.org/q'],
    ['Visit http://example.org/path!', 'http://example.org/path'],
    ['<https://example.org/angle>', 'https://example.org/angle'],
    ['https://example.org/a, https://example.org/b;', 'https://example.org/a'],
  ])('does not swallow the punctuation in %j', (text, expected) => {
    expect(links(text)[0]).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'ftp://example.org/file',
    'file:///etc/passwd',
  ])('never links %s', (text) => {
    expect(links(text)).toEqual([]);
  });

  it('does not link a scheme with no host or an address-less mailto', () => {
    expect(links('http:// and https:/// and mailto:')).toEqual([]);
  });

  it('does not treat javascript: inside a path as a new link', () => {
    expect(links('https://example.org/?next=javascript:alert(1)')).toEqual(['https://example.org/?next=javascript:alert(1)']);
  });
});
