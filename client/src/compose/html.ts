/**
 * Turning the editor's HTML into what is saved and sent, and back. Pasted
 * images show in the editor as data: URLs (the app's CSP allows data: images
 * but not blob:) and carry data-content-id; on the wire they become
 * cid:<contentId> references to their upload (RFC 2392), so the message holds
 * each image once, as an inline part.
 */

const BLOCKS = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'PRE', 'BLOCKQUOTE', 'TR', 'HR']);

function parse(html: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
}

/** Upload id → Content-ID of the inline images a reopened draft shows from the server. */
export type InlineUploads = ReadonlyMap<string, string>;

const UPLOAD_CONTENT = /\/api\/uploads\/([A-Za-z0-9_-]+)\/content$/;

/**
 * The Content-ID an editor image stands for: a pasted one carries it in
 * data-content-id; one of a reopened draft is shown from its upload's URL.
 */
function contentIdOf(img: Element, uploads: InlineUploads): string | null {
  const marked = img.getAttribute('data-content-id');
  if (marked) return marked;
  const src = img.getAttribute('src') ?? '';
  const cid = /^cid:(.+)$/i.exec(src)?.[1];
  if (cid) return cid;
  const upload = UPLOAD_CONTENT.exec(src)?.[1];
  return upload ? (uploads.get(upload) ?? null) : null;
}

/** The HTML for the draft and the message: images by cid:, no editor-only attributes or upload URLs. */
export function toWireHtml(html: string, uploads: InlineUploads = new Map()): string {
  const doc = parse(html);
  for (const img of doc.querySelectorAll('img')) {
    const id = contentIdOf(img, uploads);
    if (id) img.setAttribute('src', `cid:${id}`);
    img.removeAttribute('data-content-id');
  }
  return doc.body.innerHTML;
}

/** Content-IDs the HTML still shows: an inline image deleted from the text is dropped from the message too. */
export function referencedContentIds(html: string, uploads: InlineUploads = new Map()): Set<string> {
  const ids = new Set<string>();
  for (const img of parse(html).querySelectorAll('img')) {
    const id = contentIdOf(img, uploads);
    if (id) ids.add(id);
  }
  return ids;
}

/**
 * Plain text from HTML: one line per block, "> " before quoted lines (the
 * plain-text toggle; the server makes the real text part from the HTML).
 */
export function htmlToText(html: string): string {
  const lines: string[] = [];
  const walk = (node: Node, quote: string, line: { text: string }) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        line.text += child.textContent ?? '';
        continue;
      }
      if (!(child instanceof Element)) continue;
      if (child.tagName === 'BR') {
        lines.push(quote + line.text);
        line.text = '';
      } else if (child.tagName === 'BLOCKQUOTE') {
        if (line.text) lines.push(quote + line.text);
        line.text = '';
        walk(child, `${quote}> `, line);
        if (line.text) lines.push(`${quote}> ${line.text}`);
        line.text = '';
      } else if (BLOCKS.has(child.tagName)) {
        if (line.text) lines.push(quote + line.text);
        line.text = child.tagName === 'LI' ? '- ' : '';
        walk(child, quote, line);
        lines.push(quote + line.text);
        line.text = '';
      } else {
        walk(child, quote, line);
      }
    }
  };
  const rest = { text: '' };
  walk(parse(html).body, '', rest);
  if (rest.text) lines.push(rest.text);
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Back from plain text to rich text: one paragraph per line. */
export function textToHtml(text: string): string {
  return text
    .split('\n')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}

/** A Content-ID for a pasted image: random, and within the contract's [\w.@-] alphabet. */
export function newContentId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}@webmail`;
}

/** 24 base64url characters from 18 random bytes: the draft's stable id across saves. */
export function newDraftId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
