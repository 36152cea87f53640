import { filterSetSchema, type FilterSet } from '../../shared/filters.js';
import { FORM_MARKER, FORM_VERSION, generateScript } from './generate.js';

/** Line breaks as LF and no trailing blank space, so a script that only went through an editor still compares equal. */
function normalise(script: string): string {
  return script.replace(/\r\n|\r/g, '\n').replace(/\s+$/, '');
}

/**
 * The form a script was generated from, or null when it is not the webmail's
 * or was changed since: the JSON comment must parse, pass the contract, and
 * generate exactly this script again. The server's copy is the only truth, so
 * a hand edit anywhere (even one the form could express) makes it raw.
 */
export function readForm(script: string): FilterSet | null {
  const line = script.split(/\r\n|\r|\n/).find((l) => l.startsWith(FORM_MARKER));
  if (line === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(line.slice(FORM_MARKER.length));
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || (json as { v?: unknown }).v !== FORM_VERSION) return null;
  const parsed = filterSetSchema.safeParse(json);
  if (!parsed.success) return null;
  return normalise(generateScript(parsed.data)) === normalise(script) ? parsed.data : null;
}

/** Scripts travel with CRLF line breaks (RFC 5228 §2.2); a browser's textarea gives LF. */
export function toCrlf(script: string): string {
  return script.replace(/\r\n|\r|\n/g, '\r\n');
}
