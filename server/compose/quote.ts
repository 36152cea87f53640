import { convert } from 'html-to-text';
import type { Address } from '../../shared/mail.js';
import type { QuoteStyle } from '../../shared/settings.js';
import { QUOTE_PHRASES, type QuoteLanguage } from './quote-phrases.js';

/**
 * The text/plain alternative of an HTML body (RFC 2046 §5.1.4): links keep
 * their target in brackets, images their alt text, quotes their "> ".
 */
export function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: 76,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true, ignoreHref: false } },
      { selector: 'img', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable' },
    ],
  }).trim();
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Plain text as HTML paragraphs with line breaks, for quoting a text-only original in an HTML reply. */
export function textToHtml(text: string): string {
  return text
    .split(/\r?\n\r?\n/)
    .map((p) => `<p>${escapeHtml(p).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
}

export function formatDate(iso: string, lang: QuoteLanguage = 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // The server does not know the reader's time zone; UTC, said so, is never wrong.
  return `${new Intl.DateTimeFormat(QUOTE_PHRASES[lang].locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d)} UTC`;
}

export function formatAddress(a: Address | null): string {
  if (!a) return '';
  return a.name ? `${a.name} <${a.address}>` : a.address;
}

export function attribution(date: string, from: Address | null, lang: QuoteLanguage = 'en'): string {
  const p = QUOTE_PHRASES[lang];
  return p.wrote(formatDate(date, lang), from?.name || from?.address || p.someone);
}

/** "> " before each line (RFC 3676 §4.5 quoting), blank lines as ">". */
export function quoteText(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => (l.startsWith('>') ? `>${l}` : l ? `> ${l}` : '>'))
    .join('\n');
}

export interface QuotedOriginal {
  date: string;
  from: Address | null;
  html: string | null;
  text: string | null;
}

/**
 * A reply body quoting the original. The original HTML goes into the
 * blockquote as it came: the client runs everything through DOMPurify (and
 * its editor schema) before it reaches the editor, the one sanitising pass
 * (STYLE.md §9), so the server does not rewrite it here.
 *
 * `style` is the user's setting: "top" leaves the empty place for the answer
 * above the quote (most clients today), "bottom" below it (interleaved or
 * bottom posting, RFC 1855 §3.1.1's "reply below").
 */
export function replyBody(orig: QuotedOriginal, format: 'html' | 'text', style: QuoteStyle = 'top', lang: QuoteLanguage = 'en'): { html: string | null; text: string } {
  const line = attribution(orig.date, orig.from, lang);
  const plain = orig.text ?? (orig.html ? htmlToPlainText(orig.html) : '');
  const quote = `${line}\n${quoteText(plain)}\n`;
  const text = style === 'top' ? `\n\n${quote}` : `${quote}\n`;
  if (format === 'text') return { html: null, text };
  const inner = orig.html ?? textToHtml(orig.text ?? '');
  const quoted = `<p>${escapeHtml(line)}</p><blockquote type="cite">${inner}</blockquote>`;
  return { html: style === 'top' ? `<p></p>${quoted}` : `${quoted}<p></p>`, text };
}

export interface ForwardedHeaders extends QuotedOriginal {
  subject: string;
  to: Address[];
}

/** An inline forward: the original's header block, then its body unquoted (as most clients do). */
export function forwardBody(orig: ForwardedHeaders, format: 'html' | 'text', lang: QuoteLanguage = 'en'): { html: string | null; text: string } {
  const p = QUOTE_PHRASES[lang];
  const rows: Array<[string, string]> = [
    [p.from, formatAddress(orig.from)],
    [p.date, formatDate(orig.date, lang)],
    [p.subject, orig.subject],
    [p.to, orig.to.map(formatAddress).join(', ')],
  ];
  const head = p.forwarded;
  const plain = orig.text ?? (orig.html ? htmlToPlainText(orig.html) : '');
  const text = `\n\n${head}\n${rows.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${plain}\n`;
  if (format === 'text') return { html: null, text };
  const block = rows.map(([k, v]) => `${k}: ${escapeHtml(v)}`).join('<br>');
  const inner = orig.html ?? textToHtml(orig.text ?? '');
  return { html: `<p></p><p>${head}<br>${block}</p>${inner}`, text };
}
