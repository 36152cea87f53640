import { describe, expect, it } from 'vitest';
import { forwardBody, htmlToPlainText, quoteText, replyBody } from './quote.js';

describe('html to text', () => {
  it('keeps structure, links and drops images', () => {
    const text = htmlToPlainText('<h1>Hi</h1><p>See <a href="https://example.com/x">the page</a> and <b>bold</b>.</p><img src="cid:a" alt="logo"><ul><li>one</li><li>two</li></ul>');
    expect(text).toContain('Hi');
    expect(text).toContain('See the page [https://example.com/x] and bold.');
    expect(text).toMatch(/\* one\n \* two/);
    expect(text).not.toContain('cid:');
  });

  it('renders a blockquote with "> "', () => {
    expect(htmlToPlainText('<p>Yes</p><blockquote><p>Did you?</p></blockquote>')).toContain('> Did you?');
  });
});

describe('quoting', () => {
  it('prefixes each line, nesting existing quotes', () => {
    expect(quoteText('a\n\n> b\nc\n')).toBe('> a\n>\n>> b\n> c');
  });

  it('puts the original HTML in a cite blockquote under an attribution line', () => {
    const body = replyBody({ date: '2024-03-01T10:00:00.000Z', from: { name: 'Ann <A&B>', address: 'ann@x.test' }, html: '<p>Original</p>', text: null }, 'html');
    expect(body.html).toBe('<p></p><p>On 1 Mar 2024, 10:00 UTC, Ann &lt;A&amp;B&gt; wrote:</p><blockquote type="cite"><p>Original</p></blockquote>');
    expect(body.text).toContain('> Original');
  });

  it('quotes a text original in text mode', () => {
    const body = replyBody({ date: '2024-03-01T10:00:00.000Z', from: { name: '', address: 'ann@x.test' }, html: null, text: 'line 1\nline 2' }, 'text');
    expect(body).toEqual({ html: null, text: '\n\nOn 1 Mar 2024, 10:00 UTC, ann@x.test wrote:\n> line 1\n> line 2\n' });
  });

  it('puts the place for the answer below the quote for bottom posting', () => {
    const orig = { date: '2024-03-01T10:00:00.000Z', from: { name: '', address: 'ann@x.test' }, html: '<p>Original</p>', text: 'Original' };
    expect(replyBody(orig, 'html', 'bottom').html).toBe('<p>On 1 Mar 2024, 10:00 UTC, ann@x.test wrote:</p><blockquote type="cite"><p>Original</p></blockquote><p></p>');
    expect(replyBody(orig, 'text', 'bottom')).toEqual({ html: null, text: 'On 1 Mar 2024, 10:00 UTC, ann@x.test wrote:\n> Original\n\n' });
    expect(replyBody(orig, 'html', 'top').html).toMatch(/^<p><\/p><p>On 1 Mar/);
  });

  it('forward includes the header block', () => {
    const body = forwardBody({ date: '2024-03-01T10:00:00.000Z', from: { name: 'Ann', address: 'ann@x.test' }, to: [{ name: '', address: 'me@x.test' }], subject: 'Plans', html: null, text: 'Body' }, 'text');
    expect(body.text).toContain('From: Ann <ann@x.test>\nDate: 1 Mar 2024, 10:00 UTC\nSubject: Plans\nTo: me@x.test\n\nBody');
  });

  it('writes the attribution and the forwarded block in the writer\'s language', () => {
    const orig = { date: '2024-03-01T10:00:00.000Z', from: { name: 'Ann', address: 'ann@x.test' }, html: null, text: 'Bonjour' };
    const reply = replyBody(orig, 'text', 'top', 'fr').text;
    expect(reply).toMatch(/^\n\nLe 1 mars 2024.* 10:00 UTC, Ann a écrit\u00a0:\n> Bonjour\n$/);
    const fwd = forwardBody({ ...orig, to: [{ name: '', address: 'me@x.test' }], subject: 'Plans' }, 'text', 'fr').text;
    expect(fwd).toContain('---------- Message transféré ----------\nDe: Ann <ann@x.test>\nDate: 1 mars 2024');
    expect(fwd).toContain('Objet: Plans\nÀ: me@x.test');
  });
});
