/**
 * Classifies a URL found in mail HTML or CSS. Browsers drop ASCII whitespace
 * and control characters inside schemes ("java\tscript:"), so they are
 * stripped before looking at the scheme, as DOMPurify does.
 */
export type UrlKind = 'remote' | 'cid' | 'dataImage' | 'mailto' | 'fragment' | 'other';

// eslint-disable-next-line no-control-regex -- browsers skip these characters in a URL, so they are stripped before the scheme is judged
const IGNORED = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;

/** Raster and vector image types a data: URL may carry; SVG only as an image, where it cannot run script. */
const DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|bmp|avif|x-icon|vnd\.microsoft\.icon)[;,]/i;

export function compactUrl(raw: string): string {
  return raw.replace(IGNORED, '');
}

export function classifyUrl(raw: string): UrlKind {
  const url = compactUrl(raw);
  const lower = url.toLowerCase();
  if (lower.startsWith('http:') || lower.startsWith('https:')) return 'remote';
  // Scheme-relative ("//host", and "\\host", which browsers read the same way)
  // inherits https: from the app and loads from anywhere.
  if (/^[/\\]{2}/.test(url)) return 'remote';
  if (lower.startsWith('cid:')) return 'cid';
  if (DATA_IMAGE.test(url)) return 'dataImage';
  if (lower.startsWith('mailto:')) return 'mailto';
  if (url.startsWith('#')) return 'fragment';
  // Relative URLs would resolve against the webmail's own origin (srcdoc
  // inherits the parent's base URL) and could hit the API with the user's cookies.
  return 'other';
}

/** The Content-ID a cid: URL names (RFC 2392: the cid URL is the %-encoded Content-ID). */
export function contentIdOf(raw: string): string {
  const id = compactUrl(raw).slice(4);
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

/**
 * A remote URL as it should load once the user allowed remote content:
 * explicit http(s) as is, scheme-relative made https (what the srcdoc would
 * resolve it to anyway). Null for anything else.
 */
export function remoteUrl(raw: string): string | null {
  const url = compactUrl(raw);
  if (/^https?:/i.test(url)) return url;
  if (/^[/\\]{2}/.test(url)) return `https://${url.replace(/^[/\\]{2}/, '')}`;
  return null;
}
