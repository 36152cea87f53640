import DOMPurify, { type Config } from 'dompurify';
import { sanitizeCss } from './css.js';
import { classifyUrl, compactUrl, contentIdOf, remoteUrl } from './urls.js';

/**
 * The one sanitising pass over mail HTML (DESIGN.md §5, STYLE.md §9):
 * explicit allow-lists, hooks that decide every URL and every piece of CSS,
 * and nothing that touches the HTML afterwards (Roundcube's CVE-2024-42009
 * came from rewriting sanitised HTML). The result is shown in a sandboxed
 * iframe without allow-scripts, under a CSP of its own.
 */

interface BaseOptions {
  /**
   * Absolute https URL of the inline part with this Content-ID, or null if the
   * message has none. (Absolute, because the URL still passes DOMPurify's scheme check.)
   */
  inlinePartUrl: (contentId: string) => string | null;
}

/**
 * Remote images are either blocked, or (once the user allowed them) loaded
 * through the webmail's image proxy, never straight from the sender's
 * server: the proxy keeps the reader's IP address and cookies from trackers.
 */
export type SanitizeOptions = BaseOptions &
  (
    | { allowRemote: false }
    | {
        allowRemote: true;
        /** Absolute URL of the proxy for one remote http(s) URL (absolute for the scheme check, like inlinePartUrl). */
        proxyUrl: (remoteUrl: string) => string;
      }
  );

export interface SanitizeResult {
  html: string;
  /** Remote references (img src/srcset, background, CSS url(), image-set()) removed. */
  blockedRemote: number;
  /** Remote references rewritten to the proxy (0 unless remote is allowed). */
  proxiedRemote: number;
}

// Formatting and layout tags mail actually uses. No scripting, embedding,
// forms, metadata, frames, media, SVG or MathML (their parsing quirks are
// where mXSS lives).
const ALLOWED_TAGS = [
  'a', 'abbr', 'address', 'article', 'aside', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center',
  'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure',
  'font', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'mark',
  'ol', 'p', 'pre', 'q', 's', 'samp', 'section', 'small', 'span', 'strike', 'strong', 'style', 'sub', 'summary', 'sup',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'tt', 'u', 'ul', 'var', 'wbr',
];

// Stated again as forbidden so a future edit of ALLOWED_TAGS cannot let them in.
const FORBID_TAGS = [
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button', 'select', 'option',
  'textarea', 'base', 'meta', 'link', 'svg', 'math', 'template', 'noscript', 'noembed', 'noframes', 'audio', 'video',
  'source', 'track', 'picture', 'portal', 'dialog', 'title', 'xmp', 'plaintext',
];

const ALLOWED_ATTR = [
  'abbr', 'align', 'alt', 'background', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'class', 'color', 'cols',
  'colspan', 'datetime', 'dir', 'face', 'headers', 'height', 'href', 'hspace', 'id', 'lang', 'name', 'nowrap', 'open',
  'reversed', 'rowspan', 'scope', 'size', 'span', 'src', 'srcset', 'start', 'style', 'summary', 'title', 'type',
  'valign', 'value', 'vspace', 'width',
];

// Non-URL attributes DOMPurify would otherwise test against the URI pattern.
const URI_SAFE_ATTR = [
  'align', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'color', 'cols', 'colspan', 'datetime', 'dir', 'face',
  'headers', 'height', 'hspace', 'lang', 'nowrap', 'open', 'reversed', 'rowspan', 'scope', 'size', 'span', 'start',
  'type', 'valign', 'vspace', 'width', 'abbr',
];

const CONFIG: Config = {
  ALLOWED_TAGS,
  FORBID_TAGS,
  ALLOWED_ATTR,
  FORBID_ATTR: ['target', 'ping', 'action', 'formaction', 'srcdoc', 'xlink:href', 'usemap'],
  ADD_URI_SAFE_ATTR: URI_SAFE_ATTR,
  // Schemes only; the hook below decides each URL attribute precisely.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|cid):|#|about:srcdoc#)/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // Keep <style> from <head>: full HTML documents put their CSS there.
  FORCE_BODY: true,
  WHOLE_DOCUMENT: false,
  RETURN_TRUSTED_TYPE: false,
};

/** Attributes whose value loads something when the page renders. */
const LOADING_ATTRS = new Set(['src', 'background']);

export function sanitizeMailHtml(dirty: string, options: SanitizeOptions): SanitizeResult {
  if (typeof window === 'undefined') throw new Error('sanitizeMailHtml needs a DOM (the real parser, not an emulation)');
  // A fresh instance per call: the hooks close over this message's options and counter.
  const purify = DOMPurify(window);
  let blockedRemote = 0;
  let proxiedRemote = 0;
  const mapCid = (id: string) => options.inlinePartUrl(id);
  // Mapped during this one pass, like cid: (never by editing the output afterwards).
  const proxy = options.allowRemote ? options.proxyUrl : null;
  const mapRemote = (raw: string): string | null => {
    const url = proxy ? remoteUrl(raw) : null;
    if (!proxy || !url) return null;
    proxiedRemote += 1;
    return proxy(url);
  };

  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName !== 'style') return;
    const result = sanitizeCss(node.textContent ?? '', { mapRemote, mapCid });
    blockedRemote += result.blocked;
    node.textContent = result.css;
  });

  purify.addHook('uponSanitizeAttribute', (node, data) => {
    const name = data.attrName;
    const value = data.attrValue;
    if (name === 'style') {
      const result = sanitizeCss(value, { mapRemote, mapCid });
      blockedRemote += result.blocked;
      data.attrValue = result.css;
      return;
    }
    if (name === 'href') {
      const kind = classifyUrl(value);
      const keep = (kind === 'remote' && /^https?:/i.test(compactUrl(value))) || kind === 'mailto' || kind === 'fragment';
      // A srcdoc frame resolves "#x" against the parent page (and would load the app
      // into itself); about:srcdoc#x stays inside the message.
      if (keep && node.nodeName === 'A') data.attrValue = kind === 'fragment' ? `about:srcdoc${compactUrl(value)}` : compactUrl(value);
      else data.keepAttr = false;
      return;
    }
    if (name === 'srcset') {
      // Every candidate is a URL; keep the attribute only if all are explicit http(s) and the user
      // allowed remote, each candidate then pointing at the proxy (its URL is %-encoded: no comma or space).
      const candidates = value.split(',').map((c) => c.trim().split(/\s+/)).filter((c) => c[0]);
      const allRemote = candidates.length > 0 && candidates.every(([u]) => /^https?:/i.test(compactUrl(u!)));
      if (!(proxy && allRemote && node.nodeName === 'IMG')) {
        if (candidates.some(([u]) => classifyUrl(u!) === 'remote')) blockedRemote += 1;
        data.keepAttr = false;
        return;
      }
      data.attrValue = candidates.map(([u, ...descriptor]) => [mapRemote(u!), ...descriptor].join(' ')).join(', ');
      return;
    }
    if (!LOADING_ATTRS.has(name)) return;
    switch (classifyUrl(value)) {
      case 'cid': {
        // Mapped here, while sanitising, never by editing the output afterwards.
        const mapped = mapCid(contentIdOf(value));
        if (mapped) data.attrValue = mapped;
        else data.keepAttr = false;
        return;
      }
      case 'dataImage':
        // DOMPurify itself admits data: only in img src (DATA_URI_TAGS).
        if (!(name === 'src' && node.nodeName === 'IMG')) data.keepAttr = false;
        return;
      case 'remote': {
        const proxied = mapRemote(value);
        if (proxied) data.attrValue = proxied;
        else {
          blockedRemote += 1;
          data.keepAttr = false;
        }
        return;
      }
      default:
        data.keepAttr = false;
    }
  });

  purify.addHook('afterSanitizeAttributes', (node) => {
    // Links open outside the message frame, and the page they open cannot reach back (window.opener).
    if (node.nodeName === 'A' && node.hasAttribute('href') && !node.getAttribute('href')!.startsWith('about:srcdoc#')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });

  const html = purify.sanitize(dirty, CONFIG);
  return { html, blockedRemote, proxiedRemote };
}
