import type { Signature } from '../../../shared/identities.js';
import { sanitizeMailHtml } from '../mail/sanitize.js';
import { htmlToText, textToHtml } from './html.js';

/**
 * The signature block of a message being written. It is inserted when
 * compose opens and replaced, never stacked, when the sender identity
 * changes. In HTML it is one element, `<div class="webmail-signature"
 * id="sig-<draftId>">` (the compose editor models it as a node of its own),
 * so the block of this draft is found again after a save and reopen, and a
 * quoted or forwarded original's signature is never mistaken for it. In
 * plain text it is the RFC 3676 §4.3 separator "-- " and the signature.
 */

export const SIGNATURE_CLASS = 'webmail-signature';
const SEPARATOR = '-- ';

/** The id of this draft's signature block (draftIds are [A-Za-z0-9_-], valid in an id). */
export function signatureBlockId(draftId: string): string {
  return `sig-${draftId}`;
}

/**
 * The signature as HTML for the editor. A stored HTML signature passes the
 * reader's DOMPurify policy first (remote images blocked: a signature must
 * not make every recipient's mail client call a tracker); a text one is
 * escaped into paragraphs. "" when there is none.
 */
export function signatureHtml(signature: Signature | null): string {
  if (!signature || signature.body.trim() === '') return '';
  if (signature.format === 'text') return textToHtml(signature.body);
  const clean = sanitizeMailHtml(signature.body, { allowRemote: false, inlinePartUrl: () => null }).html;
  // An editor's empty paragraph is no signature: nothing to insert, no lone "-- ".
  const body = parse(clean).body;
  return (body.textContent ?? '').trim() === '' && !body.querySelector('img') ? '' : clean;
}

/** The signature as plain text (an HTML one through the sanitiser, then to text). "" when there is none. */
export function signatureText(signature: Signature | null): string {
  if (!signature || signature.body.trim() === '') return '';
  return signature.format === 'text' ? signature.body.replace(/\r\n/g, '\n').replace(/\n+$/, '') : htmlToText(signatureHtml(signature));
}

/** The text block for a signature: separator line and signature, or "" for none. */
export function textBlock(signature: Signature | null): string {
  const text = signatureText(signature);
  return text ? `${SEPARATOR}\n${text}` : '';
}

function parse(html: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
}

const FORWARD_MARK = '---------- Forwarded message';

/**
 * Where a signature goes when the message has none yet: after the empty
 * first line a new message, reply or forward starts with; else above the
 * quoted original (its "On … wrote:" line) or the forwarded header; else at
 * the end.
 */
function insertionPoint(body: HTMLElement): { before: ChildNode | null } {
  const children = [...body.children];
  const first = children[0];
  if (first?.tagName === 'P' && (first.textContent ?? '').trim() === '' && first.children.length === 0) return { before: first.nextSibling };
  for (const [i, el] of children.entries()) {
    if (el.tagName === 'BLOCKQUOTE') {
      const prev = children[i - 1];
      return { before: prev && prev.tagName === 'P' && /wrote:\s*$/.test(prev.textContent ?? '') ? prev : el };
    }
    if (el.tagName === 'P' && (el.textContent ?? '').startsWith(FORWARD_MARK)) return { before: el };
  }
  return { before: null };
}

/**
 * Puts `signature` into HTML as this draft's block: in place of the block
 * already there, or at the insertion point. A null or empty signature
 * removes the block. The input may be unsanitised (a prefilled reply): the
 * result goes through the sanitiser or the editor's schema before use.
 */
export function applyHtmlSignature(html: string, blockId: string, signature: Signature | null): string {
  const doc = parse(html);
  const existing = doc.getElementById(blockId);
  const sig = signatureHtml(signature);
  let block: HTMLElement | null = null;
  if (sig) {
    block = doc.createElement('div');
    block.className = SIGNATURE_CLASS;
    block.id = blockId;
    block.innerHTML = `<p>${SEPARATOR}</p>${sig}`;
  }
  if (existing) {
    if (block) existing.replaceWith(block);
    else existing.remove();
  } else if (block) {
    if (!doc.body.firstChild) doc.body.append(doc.createElement('p'));
    doc.body.insertBefore(block, insertionPoint(doc.body).before);
  }
  return doc.body.innerHTML;
}

/** Where `block` stands on lines of its own in `text` (not as the start of a longer line), or -1. */
function wholeLines(text: string, block: string): number {
  for (let at = text.indexOf(block); at >= 0; at = text.indexOf(block, at + 1)) {
    const end = at + block.length;
    if ((at === 0 || text[at - 1] === '\n') && (end === text.length || text[end] === '\n')) return at;
  }
  return -1;
}

/** The line where a quoted original or a forwarded message starts in a text body. */
const QUOTE_START = /^(On .* wrote:|---------- Forwarded message ----------)$/m;

/**
 * The same for a plain-text body. `previous` is the block the previous
 * identity put there (textBlock of its signature): replaced in place when
 * it is still there as inserted. If the user edited it, it is theirs now
 * and stays; the new block is added as for a message without one.
 */
export function applyTextSignature(text: string, previous: string, next: string): string {
  if (previous) {
    const at = wholeLines(text, previous);
    if (at >= 0) {
      if (next) return text.slice(0, at) + next + text.slice(at + previous.length);
      // Removing it takes the blank line that separated it from the text above.
      const start = text.slice(0, at).endsWith('\n\n') ? at - 2 : at;
      return text.slice(0, start) + text.slice(at + previous.length);
    }
  }
  if (!next) return text;
  if (text === '') return `\n\n${next}`;
  if (text.startsWith('\n\n')) return `\n\n${next}${text}`;
  const quote = QUOTE_START.exec(text);
  if (quote) {
    const head = text.slice(0, quote.index).replace(/\n*$/, '');
    return `${head}\n\n${next}\n\n${text.slice(quote.index)}`;
  }
  return `${text.replace(/\n*$/, '')}\n\n${next}`;
}

export interface SignedBody {
  format: 'html' | 'text';
  html: string;
  text: string;
}

/** Swaps the signature of `from` for that of `to` in whichever format the body is in. */
export function replaceSignature<B extends SignedBody>(body: B, blockId: string, from: Signature | null, to: Signature | null): B {
  if (body.format === 'html') return { ...body, html: applyHtmlSignature(body.html, blockId, to) };
  return { ...body, text: applyTextSignature(body.text, textBlock(from), textBlock(to)) };
}
