/**
 * Cleaning of what the browser says about an uploaded file. The name ends up in
 * a MIME header (RFC 2231 / RFC 2047 encoded by the compose side) and in the
 * recipient's "save as" dialog, so it must not carry a path, control
 * characters or a leading dot (a hidden file on the recipient's disk).
 */

export const FALLBACK_FILENAME = 'attachment';
export const FILENAME_MAX = 200;
export const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

// C0, DEL, C1, and the Unicode line/paragraph separators and bidi overrides
// (U+202E "right-to-left override" turns "gpj.exe" into a name that looks like a picture).
// eslint-disable-next-line no-control-regex -- finding these invisible characters is the point: a file name must not keep them
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The last path part (of either separator), without unsafe characters or leading dots; never empty. */
export function cleanFilename(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  let name = base.normalize('NFC').replace(UNSAFE_CHARS, '').trim().replace(/^\.+/, '').trim();
  if (name.length > FILENAME_MAX) name = truncateKeepingExtension(name, FILENAME_MAX);
  return name === '' ? FALLBACK_FILENAME : name;
}

/** Cuts by code points (never half a surrogate pair) and keeps a short extension, so "report….pdf" stays a PDF. */
function truncateKeepingExtension(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (ext.length > 1 && ext.length <= 16) return chars.slice(0, max - ext.length).join('').trimEnd() + ext.join('');
  return chars.slice(0, max).join('').trimEnd();
}

// RFC 2045 §5.1 tokens: type "/" subtype, parameters dropped (a charset is decided by the compose side).
const MEDIA_TYPE = /^([\w.+-]+)\/([\w.+-]+)$/;

/** `type/subtype` in lower case, or application/octet-stream for anything else. */
export function cleanContentType(raw: string): string {
  const bare = (raw.split(';')[0] ?? '').trim().toLowerCase();
  return MEDIA_TYPE.test(bare) && bare.length <= 100 ? bare : FALLBACK_CONTENT_TYPE;
}
